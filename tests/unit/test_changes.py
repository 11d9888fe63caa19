"""A committed unit of work tells what it wrote (the idea of Anki's OpChanges, read from the
statements themselves so no service can forget it), and a list knows which tables it shows."""

import pytest
from sqlalchemy import select, update

from app import models as m
from app.domain.settings import BACKUPS_KEPT
from app.services import workstation
from app.services.listings import LISTINGS, REGISTRY_LISTINGS
from app.services.review.lists import my_acts_listing


def heard(db) -> list[frozenset[str]]:
    told: list[frozenset[str]] = []
    db.on_change(told.append)
    return told


def test_a_unit_of_work_tells_the_tables_it_wrote_orm_and_bulk_alike(db):
    told = heard(db)
    with db.session() as session:
        workstation.set_setting(session, BACKUPS_KEPT, 9)  # an ORM merge
        session.execute(update(m.Region).where(m.Region.code == "75").values(name_en="Almaty"))  # a bulk UPDATE
    assert len(told) == 1 and {"setting", "region", "audit_entry"} <= told[0]


def test_reading_tells_nothing_and_a_failed_unit_of_work_tells_nothing(db):
    told = heard(db)
    with db.session() as session:
        session.scalars(select(m.Region.code)).all()
    with pytest.raises(ZeroDivisionError), db.session() as session:
        workstation.set_setting(session, BACKUPS_KEPT, 9)
        session.flush()
        1 / 0  # noqa: B018 — the unit of work fails after writing: rolled back, nothing to tell
    assert told == []


def test_a_listener_stops_when_told_to(db):
    told: list[frozenset[str]] = []
    stop = db.on_change(told.append)
    stop()
    with db.session() as session:
        workstation.set_setting(session, BACKUPS_KEPT, 9)
    assert told == []


def test_each_list_knows_the_tables_it_shows():
    assert LISTINGS["waiting"].tables == {"draft_act"}
    assert {"appeal", "draft_act"} <= LISTINGS["appeals"].tables
    assert REGISTRY_LISTINGS["applicants"].tables == {"registry_application"}
    assert "staff_member" in REGISTRY_LISTINGS["registry"].tables and "draft_act" not in LISTINGS["registry"].tables
    assert "expert_decision" in my_acts_listing(1).tables  # read in a subquery: a decision changes the list
