"""Revision 0003_intake rebuilds draft_act on SQLite (department_id becomes optional): the
table's triggers, whichever revision made them, survive the rebuild both ways."""

from alembic import command

from app.storage import Database
from tests.database_files import migrate, trigger_names


def test_draft_act_triggers_survive_0003(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        migrate(db, command.upgrade, "0001")
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TRIGGER kept AFTER INSERT ON draft_act BEGIN SELECT 1; END")
        migrate(db, command.upgrade, "0003_intake")
        index_triggers = ["act_search_delete", "act_search_department", "act_search_insert", "act_search_person",
                          "act_search_update"]  # 0002's text index, on draft_act and on the tables it names
        assert trigger_names(db) == [*index_triggers, "kept"]
        migrate(db, command.downgrade, "0002_text_search")
        assert trigger_names(db) == [*index_triggers, "kept"]
        migrate(db, command.downgrade, "0001")
        assert trigger_names(db) == ["kept"]
    finally:
        db.close()
