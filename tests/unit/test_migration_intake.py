"""Revision 0003_intake rebuilds draft_act on SQLite (department_id becomes optional): the
table's triggers, whichever revision made them, survive the rebuild both ways."""

from alembic import command

from app.storage import Database, alembic_config


def test_draft_act_triggers_survive_0003(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()

    def migrate(step, revision):
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)

    def triggers():
        with db.engine.connect() as connection:
            return sorted(row[0] for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"))

    try:
        migrate(command.upgrade, "0001")
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TRIGGER kept AFTER INSERT ON draft_act BEGIN SELECT 1; END")
        migrate(command.upgrade, "0003_intake")
        index_triggers = ["act_search_delete", "act_search_department", "act_search_insert", "act_search_person",
                          "act_search_update"]  # 0002's text index, on draft_act and on the tables it names
        assert triggers() == [*index_triggers, "kept"]
        migrate(command.downgrade, "0002_text_search")
        assert triggers() == [*index_triggers, "kept"]
        migrate(command.downgrade, "0001")
        assert triggers() == ["kept"]
    finally:
        db.close()
