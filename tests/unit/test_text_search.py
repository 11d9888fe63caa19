"""The text index of draft acts follows every write by database triggers, and the filter
matches what the columns show in the chosen language."""


from sqlalchemy import delete, select, update

from app.domain.clock import now_kz
from app import models as m
from app.domain.regions import region_by_code
from app.services.listings import LISTINGS


def _act(session) -> m.DraftAct:
    return session.scalars(select(m.DraftAct).order_by(m.DraftAct.id)).first()


def test_index_follows_inserts_updates_and_deletes_made_behind_the_program(demo_db):
    incoming = LISTINGS["incoming"]
    with demo_db.session() as session:
        act = _act(session)
        session.execute(update(m.Person).where(m.Person.id == act.person_id).values(last_name="Құрманғазиева"))
        assert incoming.ids(session, "ҚҰРМАНҒАЗ") == incoming.ids(session, "құрманғаз") != []
        session.execute(update(m.DraftAct).where(m.DraftAct.id == act.id).values(diagnosis_main_icd10="Z99.9"))
        assert incoming.ids(session, "z99.9") == [act.id]
        copy = {c.key: getattr(act, c.key) for c in m.DraftAct.__table__.columns if c.key not in ("id", "uid")}
        copy.update(number="29990101000001", uid="x" * 32)
        new_id = session.execute(m.DraftAct.__table__.insert().values(copy)).inserted_primary_key[0]
        assert incoming.ids(session, "29990101") == [new_id]
        session.execute(delete(m.DraftAct).where(m.DraftAct.id == new_id))
        assert incoming.ids(session, "29990101") == []


def test_short_words_are_found_without_the_index(demo_db):
    incoming = LISTINGS["incoming"]
    with demo_db.session() as session:
        act = _act(session)
        code = act.diagnosis_main_icd10[:2].lower()
        found = incoming.ids(session, code)
        assert act.id in found and len(found) < incoming.count(session)


def test_labels_regions_and_yes_no_are_found_in_the_chosen_language(demo_db):
    with demo_db.session() as session:
        waiting = LISTINGS["waiting"]
        under_review = waiting.ids(session, "рассмотрении", lang="ru")  # "На рассмотрении у экспертов"
        statuses = {session.get(m.DraftAct, i).status for i in under_review}
        assert statuses == {m.ActStatus.UNDER_REVIEW}
        working = waiting.ids(session, "иә", lang="kk")  # "Иә", yes
        assert working and all(session.get(m.DraftAct, i).working for i in working)
        registry = LISTINGS["registry"]
        region = region_by_code(session.scalars(select(m.StaffMember.region_code)).first())
        word = max(region.name("ru").split(), key=len).lower()
        found = registry.ids(session, word, lang="ru")
        assert found and all(word in region_by_code(session.get(m.StaffMember, i).region_code).name("ru").lower()
                             for i in found)
        assert registry.ids(session, region.name("en").split()[0], lang="ru") == []


def test_overdue_and_department_narrow_the_list(demo_db):
    incoming = LISTINGS["incoming"]
    now = now_kz()
    with demo_db.session() as session:
        overdue = incoming.ids(session, overdue=True, now=now)
        assert set(overdue) == set(session.scalars(select(m.DraftAct.id).where(m.DraftAct.due_at < now)))
        department = _act(session).department_id
        own = incoming.ids(session, department_id=department)
        assert own and all(session.get(m.DraftAct, i).department_id == department for i in own)
        assert LISTINGS["registry"].ids(session, overdue=True) == []
