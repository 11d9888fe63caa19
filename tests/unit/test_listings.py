from sqlalchemy import select

from app import models as m
from app.domain.collation import sort_key
from app.i18n import gettext
from app.services import workstation
from app.services.listings import LISTINGS, summary


def test_every_list_shows_demo_rows(demo_db):
    with demo_db.session() as session:
        for listing in LISTINGS.values():
            ids = listing.ids(session)
            assert ids, listing.name
            rows = listing.rows(session, ids[:50])
            assert set(rows) == set(ids[:50])
            assert all(len(row) == len(listing.columns) for row in rows.values())
            assert listing.count(session) >= len(ids)


def test_filter_is_case_insensitive_for_cyrillic(demo_db):
    incoming = LISTINGS["incoming"]
    with demo_db.session() as session:
        person = session.scalars(select(m.Person).order_by(m.Person.id)).first()
        everyone = incoming.ids(session)
        found = incoming.ids(session, person.last_name.upper())
        assert 0 < len(found) < len(everyone)
        assert found == incoming.ids(session, person.last_name.lower())
        assert incoming.ids(session, f"{person.last_name} {person.iin}") == [
            a for a in found if session.get(m.DraftAct, a).person_id == person.id]


def test_sorting_by_name_uses_kazakh_order(demo_db):
    registry = LISTINGS["registry"]
    name_column = [c.key for c in registry.columns].index("name")
    with demo_db.session() as session:
        ids = registry.ids(session, sort=name_column)
        names = [registry.rows(session, [i])[i][name_column] for i in ids]
    assert names == sorted(names, key=sort_key)
    assert [n for n in names if n[0] in "АӘ"] == sorted([n for n in names if n[0] in "АӘ"], key=sort_key)


def test_waiting_list_is_depersonalised(demo_db):
    waiting = LISTINGS["waiting"]
    assert not {"person", "iin", "name"} & {c.key for c in waiting.columns}  # App 9, §25.2
    with demo_db.session() as session:
        statuses = {row[-2] for row in waiting.rows(session, waiting.ids(session)).values()}
    assert statuses <= {gettext("Waiting for experts", "en"), gettext("Under expert review", "en")}


def test_summary_names_department_and_counts(demo_db):
    with demo_db.session() as session:
        info = summary(session)
        assert info["department"] == workstation.settings(session).department_code != ""
        assert info["waiting"] > 0 and info["experts"] == 40
