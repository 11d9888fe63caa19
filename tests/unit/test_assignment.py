"""Expert selection (§25.4, §17, §20.3), reassignment (Registry Rules p. 14) and absences.

The paragraphs tested, as the seeds say them:

§25.4 "проводится выбор трех экстерриториальных экспертов отделов МСЭ (один руководитель и
два главных специалиста) из Реестра экспертов ... Выбор ... осуществляется с учетом профиля
специалиста, графиков выездных заседаний, периода трудового отпуска или отпуска без
сохранения заработной платы, а также периода временной нетрудоспособности".

§17 part 2 "К проведению МСЭ в заочном проактивном формате привлекаются независимые эксперты
МСЭ на основе контракта на оказание экспертных услуг."

§20.3 "в течение 3 (трех) рабочих дней со дня поступления проекта акта МСЭ к
экстерриториальным экспертам ... В случае поступления проекта акта МСЭ после 16.00 часов,
срок ... исчисляется со следующего рабочего дня."

Registry Rules p. 14 "При исключении независимого эксперта МСЭ из реестра либо нахождении на
листе временной нетрудоспособности, проекты Актов МСЭ, по которым не вынесено экспертное
решение, распределяются между независимыми экспертами МСЭ из реестра и подлежат рассмотрению
в течение 3 (трех) рабочих дней после дня направления."
"""

from __future__ import annotations

import json
import random
import shutil
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from app import models as m
from app.cli import main
from app.domain import panel
from app.domain.clock import KZ_TIME
from app.domain.regions import REGIONS
from app.services import assignment, demo, production_calendar
from app.services.assignment import selection
from app.storage import DB_FILE, Database

DEMO_DAY = datetime(2025, 6, 17, 17, 0, tzinfo=KZ_TIME)  # the demo's acts arrived up to this Tuesday
AT = datetime(2025, 6, 18, 10, 0, tzinfo=KZ_TIME)  # Wednesday, before 16:00
# §20.3: sent on a working day before 16:00, that day is day 1: Wed 18, Thu 19, Fri 20 June.
DUE = datetime(2025, 6, 20, 18, 0, tzinfo=KZ_TIME)
WINDOW_DAYS = (date(2025, 6, 18), date(2025, 6, 20))


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def _template(june_demo_template) -> Path:
    return june_demo_template


@pytest.fixture
def world(tmp_path, _template) -> Database:
    """Demonstration departments, experts and acts; about forty acts wait for experts."""
    (tmp_path / "w").mkdir()
    shutil.copy(_template / DB_FILE, tmp_path / "w" / DB_FILE)
    database = Database.open(data_dir=tmp_path / "w", user="tester")
    yield database
    database.close()


def assign(db: Database, at: datetime = AT, seed: int = 1) -> dict:
    with db.session() as session:
        return assignment.assign_waiting(session, at, seed=seed)


def panels(db: Database) -> dict[str, list[m.Assignment]]:
    """Live assignments of every act under review, by act number, with their experts."""
    with db.session() as session:
        acts = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW).options(
            selectinload(m.DraftAct.person),
            selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert).selectinload(
                m.StaffMember.absences),
            selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision)))
        return {act.number: (act, [a for a in act.assignments if not a.withdrawn]) for act in acts}


def waiting_numbers(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(m.DraftAct.number).where(m.DraftAct.status == m.ActStatus.WAITING)))


def expert_ids(db: Database, role: m.StaffRole) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(m.StaffMember.id).where(m.StaffMember.role == role)
                                    .order_by(m.StaffMember.id)))


def add_absence(db, expert_id, kind="sick", start=date(2025, 6, 18), end=date(2025, 6, 27), at=AT) -> dict:
    with db.session() as session:
        return assignment.add_absence(session, expert_id, kind, start, end, at, seed=5)


def clean_slate(db: Database) -> None:
    """Nobody busy, absent or excluded, every profile covers App 15, every person from a region
    where no expert lives: the rules leave the choice to the balance alone."""
    with db.session() as session:
        for table in (m.ExpertDecision, m.Conclusion, m.DueDocument, m.IssuedDocument, m.AppealStep, m.Appeal,
                      m.Assignment, m.ActEvent, m.Absence):
            session.execute(delete(table))
        session.execute(update(m.DraftAct).values(status=m.ActStatus.WAITING))
        session.execute(update(m.StaffMember).where(m.StaffMember.role == m.StaffRole.INDEPENDENT)
                        .values(status=m.RegistryStatus.INCLUDED))
        session.execute(update(m.StaffMember).values(nosologies=demo.profile(None)))
        lived_in = set(session.scalars(select(m.StaffMember.region_code).where(
            m.StaffMember.role.in_(m.EXPERT_ROLES))))  # deputy heads and the Committee sit on no panel
        session.execute(update(m.Person).values(region_code=min(r.code for r in REGIONS if r.code not in lived_in)))


# -- §25.4: who sits on a panel -------------------------------------------------------------------
def test_every_waiting_act_gets_one_head_and_two_specialists_from_other_regions(world):
    waiting = waiting_numbers(world)
    assert len(waiting) > 20
    result = assign(world)
    assert {a["number"] for a in result["acts"]} == waiting
    acts = panels(world)
    for number in waiting:
        act, live = acts[number]
        heads = [a for a in live if a.role == "head"]
        specialists = [a for a in live if a.role == "specialist"]
        # §25.4: one head of a department and two chief specialists; §17 part 2: independent experts too
        assert len(live) == 3 and len(heads) == 1 and len(specialists) == 2
        assert heads[0].expert.role == m.StaffRole.HEAD
        assert {a.expert.role for a in specialists} <= {m.StaffRole.SPECIALIST, m.StaffRole.INDEPENDENT}
        assert all(a.expert.status != m.RegistryStatus.EXCLUDED for a in live)
        # extraterritorial: none from the region of the person's permanent registration
        assert all(a.expert.region_code != act.person.region_code for a in live)
        departments = [a.expert.department_id for a in live if a.expert.department_id is not None]
        assert len(departments) == len(set(departments)) and act.department_id not in departments
        assert all(a.due_at == DUE and a.assigned_at == AT for a in live)  # §20.3


def test_an_expert_of_the_person_s_region_is_never_chosen(world):
    """Extraterritorial (§25.4): with only heads of the person's own region left, the act waits."""
    number = sorted(waiting_numbers(world))[0]
    with world.session() as session:
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        home = session.scalars(select(m.StaffMember).where(m.StaffMember.role == m.StaffRole.HEAD)).first()
        act.person.region_code = home.region_code
        session.execute(update(m.StaffMember).where(m.StaffMember.role == m.StaffRole.HEAD,
                                                    m.StaffMember.region_code != home.region_code)
                        .values(status=m.RegistryStatus.EXCLUDED))
    outcome = next(a for a in assign(world)["acts"] if a["number"] == number)
    assert outcome["status"] == "waiting" and outcome["experts"] == []
    assert outcome["reason"].endswith("most often: Same region as the person")


def test_profile_must_cover_the_main_diagnosis(world):
    """§25.4 "с учетом профиля специалиста": heads alternate between two profiles, the
    waiting acts between two diagnoses; each act gets heads of its own profile only."""
    heads = expert_ids(world, m.StaffRole.HEAD)
    with world.session() as session:
        for index, head_id in enumerate(heads):
            session.get(m.StaffMember, head_id).nosologies = ["C00-C97"] if index % 2 else ["F00-F99"]
        acts = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.WAITING)).all()
        for index, act in enumerate(acts):
            act.diagnosis_main_icd10 = "C16.2" if index % 2 else "F20.0"
    assign(world)
    for act, live in panels(world).values():
        if act.diagnosis_main_icd10 in ("C16.2", "F20.0"):
            head = next(a.expert for a in live if a.role == "head")
            assert head.nosologies == (["C00-C97"] if act.diagnosis_main_icd10 == "C16.2" else ["F00-F99"])


def test_an_absent_expert_is_never_chosen(world):
    """§25.4: leave, sick leave, field sessions; every kind keeps an expert off the panel."""
    heads = expert_ids(world, m.StaffRole.HEAD)
    specialists = expert_ids(world, m.StaffRole.SPECIALIST)
    absent = {}
    for kind, expert_id in zip(("annual", "unpaid", "sick", "field", "sick", "annual"),
                               heads[:3] + specialists[:3], strict=True):
        add_absence(world, expert_id, kind)
        absent[expert_id] = kind
    assign(world)
    chosen = {a.expert_id for _act, live in panels(world).values() for a in live if a.assigned_at == AT}
    assert chosen and not chosen & set(absent)


@pytest.mark.parametrize("start, end, blocks", [
    (date(2025, 6, 10), date(2025, 6, 17), False),  # ends the day before the act is sent
    (date(2025, 6, 10), date(2025, 6, 18), True),  # the first day of the window
    (date(2025, 6, 20), date(2025, 6, 30), True),  # the due day (§20.3: day 3 is Friday 20 June)
    (date(2025, 6, 21), date(2025, 6, 30), False),  # starts after the due day
])
def test_absence_blocks_only_when_it_overlaps_the_review_window(world, start, end, blocks):
    heads = expert_ids(world, m.StaffRole.HEAD)
    with world.session() as session:  # one head left who could be chosen
        session.execute(update(m.StaffMember).where(m.StaffMember.id.in_(heads[1:]))
                        .values(status=m.RegistryStatus.EXCLUDED))
    add_absence(world, heads[0], "annual", start, end)
    assign(world)
    chosen_heads = {a.expert_id for _act, live in panels(world).values() for a in live
                    if a.role == "head" and a.assigned_at == AT}
    assert (heads[0] in chosen_heads) is not blocks


@pytest.mark.parametrize("seed", [1, 3, 5, 7])  # 3: the draw alone leaves 59..61; bulk._even_out mends it
def test_balance_spreads_open_work_evenly(world, seed):
    """Least loaded first: when the rules leave a choice, every place's loads differ by at most one."""
    clean_slate(world)
    assign(world, seed=seed)
    loads = defaultdict(lambda: defaultdict(int))
    for _act, live in panels(world).values():
        for a in live:
            loads[a.role][a.expert_id] += 1
    for role, experts in (("head", expert_ids(world, m.StaffRole.HEAD)),
                          ("specialist", expert_ids(world, m.StaffRole.SPECIALIST)
                           + expert_ids(world, m.StaffRole.INDEPENDENT))):
        counts = [loads[role].get(expert_id, 0) for expert_id in experts]
        assert max(counts) - min(counts) <= 1, (role, sorted(counts))


def test_the_draw_is_replayed_by_its_seed(world, tmp_path, _template):
    first = assign(world, seed=42)
    (tmp_path / "again").mkdir()
    shutil.copy(_template / DB_FILE, tmp_path / "again" / DB_FILE)
    again = Database.open(data_dir=tmp_path / "again")
    try:
        assert assign(again, seed=42) == first
    finally:
        again.close()
    with world.session() as session:
        seeds = {e.detail["seed"] for e in session.scalars(select(m.ActEvent).where(m.ActEvent.kind == "assigned"))}
    assert len(seeds) > 1  # each act has its own recorded seed


# -- no eligible expert ----------------------------------------------------------------------------
def test_act_waits_with_the_reason_and_is_assigned_once_an_expert_is_back(world):
    heads = expert_ids(world, m.StaffRole.HEAD)
    waiting = waiting_numbers(world)
    absences = [add_absence(world, head)["absence"]["id"] for head in heads]
    result = [a for a in assign(world)["acts"] if a["number"] in waiting]
    assert len(result) == len(waiting) and all(a["status"] == "waiting" and a["experts"] == [] for a in result)
    assert all(a["reason"].startswith("No eligible department head") for a in result)
    number = result[0]["number"]
    with world.session() as session:
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        assert act.status == m.ActStatus.WAITING and act.assignments == []
        assert act.waiting_reason["message"].startswith("No eligible {place}")
    assign(world)  # retried; the same reason is not written twice
    with world.session() as session:
        history = assignment.events(session, assignment.act_by_number(session, number), "en")
    assert [e["kind"] for e in history] == ["received", "not_assigned"]
    assert "sick leave" in history[-1]["reason"]
    with world.session() as session:
        assignment.delete_absence(session, absences[0])
    result = [a for a in assign(world)["acts"] if a["number"] in waiting]
    assert {a["status"] for a in result} == {"under_review"}
    with world.session() as session:
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        assert act.waiting_reason is None and len(act.assignments) == 3


# -- Registry Rules p. 14: reassignment ---------------------------------------------------------------
def _busiest(db: Database) -> int:
    counts = defaultdict(int)
    for _act, live in panels(db).values():
        for a in live:
            if a.decision is None:
                counts[a.expert_id] += 1
    return max(counts, key=counts.get)


def _assert_three_available(db: Database) -> None:
    for act, live in panels(db).values():
        assert len(live) == 3 and sorted(a.role for a in live) == ["head", "specialist", "specialist"], act.number
        for a in live:
            if a.decision is None:
                first, last = a.assigned_at.astimezone(KZ_TIME).date(), a.due_at.astimezone(KZ_TIME).date()
                assert not any(x.starts_on <= last and x.ends_on >= first for x in a.expert.absences)
                assert a.expert.status != m.RegistryStatus.EXCLUDED


def test_sick_leave_moves_every_undecided_act_with_a_new_due_date(world):
    assign(world)
    expert_id = _busiest(world)
    before = {number: [a.id for a in live if a.expert_id == expert_id and a.decision is None]
              for number, (_act, live) in panels(world).items()}
    moved_acts = {number for number, ids in before.items() if ids}
    at = datetime(2025, 6, 18, 11, 0, tzinfo=KZ_TIME)
    result = add_absence(world, expert_id, "sick", date(2025, 6, 18), date(2025, 6, 27), at)
    assert {r["number"] for r in result["reassigned"]} == moved_acts and moved_acts
    assert all(r["withdrawn"]["id"] == str(expert_id) for r in result["reassigned"])
    # p. 14: "в течение 3 (трех) рабочих дней после дня направления": Thu 19, Fri 20, Mon 23 June
    new_due = datetime(2025, 6, 23, 18, 0, tzinfo=KZ_TIME)
    acts = panels(world)
    for number in moved_acts:
        act, live = acts[number]
        assert expert_id not in {a.expert_id for a in live} and act.due_at == new_due
        replacement = max(live, key=lambda a: a.id)
        assert replacement.due_at == new_due and replacement.assigned_at == at
        assert replacement.replaces_id in before[number]
    _assert_three_available(world)
    with world.session() as session:
        history = assignment.events(session, assignment.act_by_number(session, sorted(moved_acts)[0]), "en")
    assert [e["kind"] for e in history[-2:]] == ["withdrawn", "reassigned"]
    assert history[-1]["reason"] == "On sick leave 18 June 2025 to 27 June 2025"


def test_a_decided_assignment_stays(world):
    """p. 14 moves only acts "по которым не вынесено экспертное решение"."""
    expert_id = next(a.expert_id for _act, live in panels(world).values() for a in live if a.decision)
    with world.session() as session:
        decided = set(session.scalars(select(m.Assignment.id).join(m.ExpertDecision)
                                      .where(m.Assignment.expert_id == expert_id)))
    with world.session() as session:
        session.execute(delete(m.Absence).where(m.Absence.staff_member_id == expert_id))
    add_absence(world, expert_id, "sick", date(2025, 5, 1), date(2025, 6, 30))
    with world.session() as session:
        assert all(not session.get(m.Assignment, i).withdrawn for i in decided)


def _busy_independent(session) -> int:
    """An independent expert with an undecided act."""
    return session.scalar(
        select(m.StaffMember.id).join(m.Assignment).outerjoin(m.ExpertDecision)
        .where(m.StaffMember.role == m.StaffRole.INDEPENDENT, m.Assignment.withdrawn.is_(False),
               m.ExpertDecision.id.is_(None)).limit(1))


def _exclude_an_independent_with_open_acts(world) -> tuple[int, list[dict]]:
    with world.session() as session:
        independent = _busy_independent(session)
        expert = session.get(m.StaffMember, independent)
        expert.status, expert.excluded_on, expert.exclusion_reason = m.RegistryStatus.EXCLUDED, AT.date(), 3
        return independent, assignment.release_expert(session, independent, AT, seed=1)


def test_exclusion_from_the_registry_moves_the_acts(world):
    assign(world)
    _excluded, moved = _exclude_an_independent_with_open_acts(world)
    assert moved and all(r["withdrawn"]["reason"].startswith("Excluded from the registry") for r in moved)
    _assert_three_available(world)


def _replacements(world, moved: list[dict]) -> list[m.Assignment]:
    acts = panels(world)
    return [max(acts[r["number"]][1], key=lambda a: a.id) for r in moved]


def test_p14_an_excluded_independent_expert_s_acts_go_to_independent_experts_of_the_registry(world):
    """p. 14: the acts "распределяются между независимыми экспертами МСЭ из реестра" — not to department
    staff, while an independent expert can take them (everyone eligible here: ``clean_slate``)."""
    clean_slate(world)
    assign(world)
    _excluded, moved = _exclude_an_independent_with_open_acts(world)
    assert moved
    assert {a.expert.role for a in _replacements(world, moved)} == {m.StaffRole.INDEPENDENT}


def test_p14_department_staff_only_when_no_registry_expert_can_take_the_act_and_why_is_recorded(world):
    clean_slate(world)
    assign(world)
    with world.session() as session:  # every other independent expert is on sick leave over the window
        for expert_id in session.scalars(select(m.StaffMember.id).where(
                m.StaffMember.role == m.StaffRole.INDEPENDENT)):
            session.add(m.Absence(staff_member_id=expert_id, kind=m.AbsenceKind("sick_leave"),
                                  starts_on=date(2025, 6, 1), ends_on=date(2025, 7, 31)))
        moved = assignment.release_expert(session, _busy_independent(session), AT, seed=1)
    assert moved
    assert {a.expert.role for a in _replacements(world, moved)} == {m.StaffRole.SPECIALIST}
    with world.session() as session:
        history = assignment.events(session, assignment.act_by_number(session, moved[0]["number"]), "en")
    reassigned = history[-1]
    assert reassigned["kind"] == "reassigned"
    assert reassigned["detail"]["staff_because"].startswith(
        "No independent expert of the registry can take the act (Registry Rules p. 14)")
    assert "sick leave" in reassigned["detail"]["staff_because"]


def test_the_next_assign_moves_acts_of_an_expert_excluded_elsewhere(world):
    """An exclusion entered without moving the acts (by the registry, say) is caught by ``assign``."""
    assign(world)
    expert_id = _busiest(world)
    with world.session() as session:
        expert = session.get(m.StaffMember, expert_id)
        expert.status, expert.excluded_on = m.RegistryStatus.EXCLUDED, AT.date()
    result = assign(world, at=datetime(2025, 6, 18, 12, 0, tzinfo=KZ_TIME))
    assert result["reassigned"] and {r["withdrawn"]["id"] for r in result["reassigned"]} == {str(expert_id)}
    _assert_three_available(world)
    assert assign(world)["reassigned"] == []


def test_absence_that_misses_every_window_moves_nothing(world):
    assign(world)
    assert add_absence(world, _busiest(world), "annual", date(2025, 8, 1), date(2025, 8, 20))["reassigned"] == []


# -- why not ------------------------------------------------------------------------------------------
def _why(db, number, expert_id, lang="en"):
    with db.session() as session:
        return assignment.why(session, number, expert_id, AT, lang)


def test_why_not_names_every_reason(world):
    assign(world)
    with world.session() as session:
        experts = session.scalars(select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))).all()
    number, (act, live) = next((number, panel) for number, panel in panels(world).items()
                               if any(e.region_code == panel[0].person.region_code for e in experts))
    chosen = live[0]
    assert _why(world, number, chosen.expert_id)["chosen"] is True
    with world.session() as session:
        experts = session.scalars(select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))).all()
        same_region = next(e.id for e in experts if e.region_code == act.person.region_code)
        other = next(e for e in experts if e.region_code != act.person.region_code and e.role == m.StaffRole.HEAD
                     and e.id not in {a.expert_id for a in live} and e.department_id not in
                     {a.expert.department_id for a in live})
        other.nosologies = ["F00-F99"]
        act_row = session.get(m.DraftAct, act.id)
        act_row.diagnosis_main_icd10 = "C16.2"
    assert "Same region as the person" in _why(world, number, same_region)["reasons"]
    assert "Profile does not cover C16.2" in _why(world, number, other.id)["reasons"]
    add_absence(world, other.id, "field", date(2025, 6, 19), date(2025, 6, 20))
    reasons = _why(world, number, other.id)["reasons"]
    assert "At a field session 19 June 2025 to 20 June 2025" in reasons
    ru = _why(world, number, same_region, "ru")["reasons"]
    assert "Из того же региона, что и освидетельствуемое лицо" in ru


def test_why_not_an_eligible_expert_compares_loads(world):
    clean_slate(world)
    assign(world)
    number, (act, live) = next(iter(panels(world).items()))
    head = next(a for a in live if a.role == "head")
    with world.session() as session:
        rivals = session.scalars(select(m.StaffMember).where(
            m.StaffMember.role == m.StaffRole.HEAD, m.StaffMember.region_code != act.person.region_code,
            m.StaffMember.id != head.expert_id)).all()
        answers = [assignment.why(session, number, r.id, AT, "en")["reasons"] for r in rivals]
    assert any(r[0].startswith(("Busier than the chosen", "As busy as the chosen")) for r in answers if len(r) == 1)


def test_why_not_for_a_deputy_head(world):
    with world.session() as session:
        deputy = m.StaffMember(role=m.StaffRole.DEPUTY_HEAD, iin="800101300001", last_name="Оспанов",
                               first_name="Ерлан", sort_name="x", region_code="10")
        session.add(deputy)
        session.flush()
        deputy_id = deputy.id
    number = sorted(waiting_numbers(world))[0]
    assert _why(world, number, deputy_id)["reasons"] == ["Does not sit on expert panels (§25.4)"]


# -- the rules as pure functions --------------------------------------------------------------------
def _expert(**changes) -> panel.Expert:
    base = dict(id=1, name="Ахметов Ерлан", role="specialist", status="active", region_code="10", department_id=7,
                department_code="10-01", iin="800101300001", nosologies=("C00-C97",))
    return panel.Expert(**{**base, **changes})


CASE = panel.Case(region_code="75", department_id=99, diagnosis="C16.2")


def test_the_same_human_never_takes_two_places():
    """A chief specialist who is also in the registry (same IIN) sits once."""
    staff = _expert()
    registry_self = _expert(id=2, role="independent", status="included", department_id=None, department_code="")
    assert [r.message for r in panel.panel_reasons(registry_self, [staff])] == ["Already on this act's panel"]
    assert not panel.eligible(registry_self, CASE, WINDOW_DAYS, [staff])


def test_a_staff_member_of_the_person_s_region_is_no_independent_expert_for_them():
    """A chief specialist of the person's region who is also in the registry (same IIN) is not
    extraterritorial, whatever region the registry row gives; nor does the twin sit beside a
    colleague of the staff row's department."""
    twin = _expert(id=2, role="independent", status="included", region_code="10", department_id=None,
                   department_code="", regions=frozenset({"75"}), departments=frozenset({5}))
    assert [r.message for r in panel.case_reasons(twin, CASE)] == ["Same region as the person"]
    colleague = _expert(id=3, iin="700101300002", region_code="75", department_id=5, department_code="75-01")
    assert [r.message for r in panel.panel_reasons(twin, [colleague])] == [
        "Same department ({department}) as {name}, already on the panel"]


def test_an_independent_expert_needs_to_be_included():
    """§17 part 2 and Registry Rules p. 13: an excluded expert takes no part."""
    excluded = _expert(role="independent", status="excluded", excluded_on=date(2025, 5, 1))
    assert [r.text("en") for r in panel.standing_reasons(excluded)] == ["Excluded from the registry since 1 May 2025"]
    assert [r.text("ru") for r in panel.standing_reasons(excluded)] == [
        "Исключён из реестра, дата исключения: 1 мая 2025"]


def test_a_reason_survives_storage_and_translates_each_part():
    reason = panel.no_one_reason(panel.HEAD, CASE, WINDOW_DAYS, [_expert(role="head", region_code="75")], [])
    stored = panel.Reason.from_dict(reason.as_dict())
    assert stored == reason
    assert stored.text("en") == "No eligible department head: 1 considered, most often: Same region as the person"
    assert stored.text("kk") == ("«МӘС бөлімінің басшысы» орнына сәйкес сарапшы жоқ: 1 қаралды, көбінесе: "
                                 "Куәландырылатын адаммен бір өңірден")


experts_strategy = st.builds(
    _expert, id=st.integers(1, 4), role=st.sampled_from(["head", "specialist", "independent", "deputy_head"]),
    status=st.sampled_from(["active", "included", "excluded"]), region_code=st.sampled_from(["10", "75"]),
    department_id=st.sampled_from([None, 7, 8, 99]), iin=st.sampled_from(["800101300001", "900101400002"]),
    nosologies=st.sampled_from([(), ("C00-C97",), ("F00-F99",), ("C16.0-C16.9", "I74.0")]),
    absences=st.lists(st.tuples(st.sampled_from(list(panel.ABSENCE_MESSAGES)), st.dates(date(2025, 6, 1),
                      date(2025, 6, 30)), st.dates(date(2025, 6, 1), date(2025, 6, 30))), max_size=2).map(tuple))


@given(experts_strategy, st.lists(experts_strategy, max_size=2), st.sampled_from(["C16.2", "F20.0", "I74.0"]))
def test_the_fast_check_agrees_with_the_reasons(expert, members, code):
    case = panel.Case(region_code="75", department_id=99, diagnosis=code)
    assert panel.eligible(expert, case, WINDOW_DAYS, members) == (
        panel.reasons_against(expert, case, WINDOW_DAYS, members) == [])


# -- commands -------------------------------------------------------------------------------------
def run(capsys, *argv) -> tuple[int, object, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else out), err


def test_assign_and_absence_commands(capsys, world):
    folder = world.file.parent
    waiting = waiting_numbers(world)
    code, result, _ = run(capsys, "--data-dir", folder, "assign", "--at", "2025-06-18T10:00", "--seed", 9)
    assert code == 0 and result["seed"] == 9 and result["at"] == "2025-06-18T10:00+05:00"
    assigned = [a for a in result["acts"] if a["number"] in waiting]
    assert len(assigned) == len(waiting)
    assert all([e["role"] for e in a["experts"]] == ["head", "specialist", "specialist"] and
               {e["due"] for e in a["experts"]} == {"2025-06-20T18:00+05:00"} for a in assigned)
    expert_id = assigned[0]["experts"][0]["id"]
    code, result, _ = run(capsys, "--data-dir", folder, "experts", "absence", "add", expert_id, "--kind", "sick",
                          "--from", "2025-06-18", "--to", "2025-06-25", "--at", "2025-06-18T11:00")
    assert code == 0 and result["absence"]["kind"] == "sick" and result["absence"]["expert"] == expert_id
    moved = {r["number"]: r for r in result["reassigned"]}
    assert assigned[0]["number"] in moved
    assert expert_id not in {e["id"] for e in moved[assigned[0]["number"]]["experts"]}
    code, listed, _ = run(capsys, "--data-dir", folder, "experts", "absence", "list", expert_id)
    assert listed == [result["absence"]]
    code, why, _ = run(capsys, "--data-dir", folder, "--lang", "ru", "experts", "why", assigned[0]["number"], expert_id)
    assert code == 0 and why["chosen"] is False
    assert why["reasons"] == ["На листе временной нетрудоспособности с 18 июня 2025 по 25 июня 2025"]
    code, history, _ = run(capsys, "--data-dir", folder, "acts", "history", assigned[0]["number"])
    assert [e["kind"] for e in history] == ["received", "assigned", "assigned", "assigned", "withdrawn", "reassigned"]
    absence_id = result["absence"]["id"]
    code, edited, _ = run(capsys, "--data-dir", folder, "experts", "absence", "edit", absence_id, "--to", "2025-06-30")
    assert code == 0 and edited["absence"]["to"] == "2025-06-30" and edited["reassigned"] == []
    code, deleted, _ = run(capsys, "--data-dir", folder, "experts", "absence", "delete", absence_id)
    assert code == 0 and deleted["deleted"]["id"] == absence_id


@pytest.mark.parametrize("argv, words", [
    (["experts", "absence", "add", "99999", "--kind", "sick", "--from", "2025-06-18", "--to", "2025-06-20"],
     "no expert with the id 99999"),
    (["experts", "absence", "add", "1", "--kind", "sick", "--from", "2025-06-20", "--to", "2025-06-18"],
     "cannot end (18 June 2025) before it starts (20 June 2025)"),
    (["experts", "absence", "add", "1", "--kind", "holiday", "--from", "2025-06-18", "--to", "2025-06-20"],
     "invalid choice: 'holiday'"),
    (["experts", "absence", "add", "1", "--kind", "sick", "--from", "1925-06-18", "--to", "2025-06-20"],
     "outside the years 2000 to 2100"),
    (["experts", "absence", "add", "1", "--kind", "sick", "--from", "2025-02-30", "--to", "2025-06-20"],
     "not a date"),
    (["experts", "absence", "delete", "77777"], "no absence with the id 77777"),
    (["experts", "why", "19990101000001", "1"], "no draft act"),
    (["assign", "--at", "tomorrow"], "not a date and time"),
])
def test_bad_input_gives_one_line_and_exit_2(capsys, world, argv, words):
    with world.session() as session:
        before = session.scalars(select(m.Absence.id)).all()
    code, out, err = run(capsys, "--data-dir", world.file.parent, *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1
    with world.session() as session:
        assert session.scalars(select(m.Absence.id)).all() == before  # nothing changed


def test_overlapping_absences_are_refused(capsys, world):
    add_absence(world, 1, "annual", date(2025, 6, 18), date(2025, 6, 25))
    code, out, err = run(capsys, "--data-dir", world.file.parent, "--lang", "kk", "experts", "absence", "add", "1",
                         "--kind", "field", "--from", "2025-06-25", "--to", "2025-06-27")
    assert code == 2 and "қиылысады" in err


def test_two_runs_at_once_never_give_an_act_two_panels(world):
    """A run that read the waiting acts before another run assigned them leaves them alone."""
    second = Database.open(data_dir=world.file.parent, user="other")
    try:
        with world.session() as session:
            late = assignment.Panels(session, AT, seed=1)
            acts = selection.acts_to_fill(session)
            assign(second)  # commits first
            assert [late.fill(act) for act in acts] == [None] * len(acts)
    finally:
        second.close()
    for _act, live in panels(world).values():
        assert len(live) == 3


def test_the_act_is_due_when_its_last_expert_is(world):
    """§20.3 counts from the act's arrival at the experts: an act that waited, or was
    redistributed (p. 14), is due with its latest expert; the calendar moves both."""
    later = datetime(2025, 6, 19, 17, 0, tzinfo=KZ_TIME)  # Thursday after 16:00: Fri 20, Mon 23, Tue 24
    number = assign(world, at=later)["acts"][0]["number"]
    with world.session() as session:
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        assert act.due_at == datetime(2025, 6, 24, 18, 0, tzinfo=KZ_TIME)
        production_calendar.set_day(session, date(2025, 6, 23), False, "test")
        session.refresh(act)
        assert act.due_at == datetime(2025, 6, 25, 18, 0, tzinfo=KZ_TIME)
        assert {a.due_at for a in act.assignments} == {act.due_at}


def test_demonstration_absences_leave_the_open_panels_alone(world):
    """The demo's leave and field sessions (§25.4) touch no open act: nothing to move."""
    with world.session() as session:
        experts = session.scalars(select(m.StaffMember).join(m.Absence).distinct()).all()
        assert experts
        for expert in experts:
            assert assignment.release_expert(session, expert.id, DEMO_DAY, seed=1) == []


def test_why_not_a_registry_twin_of_local_staff(world):
    number = sorted(waiting_numbers(world))[0]
    with world.session() as session:
        head = session.scalars(select(m.StaffMember).where(m.StaffMember.role == m.StaffRole.HEAD)).first()
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        act.person.region_code = head.region_code
        elsewhere = next(r.code for r in REGIONS if r.code != head.region_code)
        twin = m.StaffMember(role=m.StaffRole.INDEPENDENT, status=m.RegistryStatus.INCLUDED, iin=head.iin,
                             last_name=head.last_name, first_name=head.first_name, sort_name=head.sort_name,
                             region_code=elsewhere, nosologies=demo.profile(None))
        session.add(twin)
        session.flush()
        twin_id = twin.id
    assert _why(world, number, twin_id)["reasons"] == ["Same region as the person"]


def test_panel_command_shows_the_three_or_why_not(capsys, world):
    folder = world.file.parent
    numbers = sorted(waiting_numbers(world))
    heads = expert_ids(world, m.StaffRole.HEAD)
    for head in heads:
        add_absence(world, head)
    assign(world)
    code, held, _ = run(capsys, "--data-dir", folder, "acts", "panel", numbers[0])
    assert code == 0 and held["status"] == "waiting" and held["experts"] == []
    assert held["reason"].startswith("No eligible department head")
    with world.session() as session:
        session.execute(delete(m.Absence))
    assign(world)
    code, shown, _ = run(capsys, "--data-dir", folder, "acts", "panel", numbers[0])
    assert shown["reason"] is None and [e["role"] for e in shown["experts"]] == ["head", "specialist", "specialist"]
    assert all(e["due"] == "2025-06-20T18:00+05:00" and e["decided"] is False for e in shown["experts"])


@given(st.lists(experts_strategy, min_size=1, max_size=6, unique_by=lambda e: e.id),
       st.dictionaries(st.integers(1, 4), st.integers(0, 3)), st.integers(0, 2**32 - 1))
def test_the_balance_picks_a_least_loaded_eligible_expert(experts, loads, seed):
    case = panel.Case(region_code="75", department_id=99, diagnosis="C16.2")
    fitting = [e for e in experts if e.place == panel.SPECIALIST and panel.eligible(e, case, WINDOW_DAYS, [])]
    chosen = panel.Balance([e for e in experts if e.place == panel.SPECIALIST], loads).choose(
        case, WINDOW_DAYS, [], random.Random(seed))
    if not fitting:
        assert chosen is None
    else:
        assert chosen in fitting and loads.get(chosen.id, 0) == min(loads.get(e.id, 0) for e in fitting)


def test_no_output_names_the_person(capsys, world):
    """Personal data of the examined person never reach what these commands print (§25.2)."""
    folder = world.file.parent
    code, assigned, _ = run(capsys, "--data-dir", folder, "assign", "--at", "2025-06-18T10:00")
    act = assigned["acts"][0]
    printed = [assigned]
    code, moved, _ = run(capsys, "--data-dir", folder, "experts", "absence", "add", act["experts"][1]["id"],
                         "--kind", "sick", "--from", "2025-06-18", "--to", "2025-06-20", "--at", "2025-06-18T11:00")
    printed.append(moved)
    printed += [run(capsys, "--data-dir", folder, *argv)[1] for argv in (
        ["acts", "history", act["number"]], ["acts", "panel", act["number"]],
        ["experts", "why", act["number"], act["experts"][1]["id"]])]
    text = json.dumps(printed, ensure_ascii=False)
    with world.session() as session:
        people = session.scalars(select(m.Person)).all()
    leaked = [p.iin for p in people if p.iin in text] + [
        p.full_name for p in people if p.full_name in text] + [
        p.birth_date.isoformat() for p in people if p.birth_date.isoformat() in text]
    assert leaked == []
