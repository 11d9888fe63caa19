"""Revision 0008_expert_workstation rebuilds draft_act on SQLite (person_id becomes optional):
the table's triggers survive both ways, and the text index finds an act without a person."""

from alembic import command
from sqlalchemy import select

from app import models as m
from app.services import text_search
from app.services.review import laptop
from app.storage import Database
from tests.database_files import migrate, trigger_names
from tests.expert_laptop import AT, busiest_expert, export_acts

INDEX_TRIGGERS = ["act_search_delete", "act_search_department", "act_search_insert", "act_search_person",
                  "act_search_update"]


def test_draft_act_triggers_survive_0008(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        migrate(db, command.upgrade, "0006_review")
        with db.engine.begin() as connection:
            connection.exec_driver_sql("CREATE TRIGGER kept AFTER INSERT ON draft_act BEGIN SELECT 1; END")
        migrate(db, command.upgrade, "0008_expert_workstation")
        assert trigger_names(db) == [*INDEX_TRIGGERS, "kept"]
        migrate(db, command.downgrade, "0006_review")
        assert trigger_names(db) == [*INDEX_TRIGGERS, "kept"]
    finally:
        db.close()


def test_an_act_without_a_person_is_found_by_number_and_diagnosis(demo_db, db):
    document = export_acts(demo_db, busiest_expert(demo_db))
    act = document["acts"][0]["act"]
    with db.session() as session:
        laptop.receive_acts(session, document, AT)
    with db.session() as session:
        act_id = session.scalar(select(m.DraftAct.id).where(m.DraftAct.number == act["number"]))
        for column, term in (("number", act["number"][-6:]), ("icd10", act["diagnosis_main"]["icd10"])):
            assert act_id in set(session.scalars(text_search.matching(session, [column], term)))
