"""Demonstration data follow the MSE Rules: numbers (§25.1), ages, decisions that fit each
status of the pipeline (§44-48) and pass the rules check, documents of signed acts
(§49-51), extraterritorial panels (§25.4)."""

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import models as m
from app.domain.clock import KZ_TIME
from app.domain.rules import age_on, check
from app.domain.rules.checking import MARK_REASONS
from app.services import act_list, demo, production_calendar
from app.services.statistics.demo import late_decision_case, late_signature_case

TODAY = datetime(2025, 6, 16, 12, 0, tzinfo=KZ_TIME)  # a Monday; the demo spans the month before
ACTS = 600
Status = m.ActStatus


def generate(db, acts=ACTS, experts=60, seed=5):
    return demo.generate(db, acts=acts, experts=experts, seed=seed, today=TODAY)


def load_acts(db) -> list[m.DraftAct]:
    with db.session() as session:
        return list(session.scalars(select(m.DraftAct).order_by(m.DraftAct.id).options(
            selectinload(m.DraftAct.person), selectinload(m.DraftAct.conclusion),
            selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision),
            selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert))))


def decisions(act: m.DraftAct) -> list[m.ExpertDecision]:
    return sorted((a.decision for a in act.assignments if a.decision), key=lambda d: d.decided_at)


def compared(content: dict) -> tuple:
    """What the consolidation compares (docs/domain.md §2.5): the whole decision but restrictions."""
    return tuple(content.get(key) for key in ("outcome", "group", "cause", "term", "uot_percent", "upt_percent"))


def kind(act: m.DraftAct) -> str:
    return "repeat" if act.purpose == "disability_repeat" else "primary"


def local_day(moment: datetime):
    return moment.astimezone(KZ_TIME).date()


@pytest.fixture
def demo_acts(db) -> list[m.DraftAct]:
    generate(db)
    return load_acts(db)


def test_numbers_are_the_day_of_receipt_and_its_sequence_in_order_of_arrival(demo_acts):
    by_day = defaultdict(list)
    for act in demo_acts:
        assert re.fullmatch(r"\d{14}", act.number)
        assert act.number[:8] == f"{local_day(act.registered_at):%Y%m%d}"  # §25.1
        by_day[act.number[:8]].append(act)
    assert len(by_day) > 15
    for day_acts in by_day.values():
        day_acts.sort(key=lambda act: act.number)
        assert [int(act.number[8:]) for act in day_acts] == list(range(1, len(day_acts) + 1))
        arrivals = [act.registered_at for act in day_acts]
        assert arrivals == sorted(arrivals)


def test_a_second_run_adds_acts_and_continues_each_days_numbers(db):
    departments = generate(db, seed=5)["departments"]
    assert generate(db, seed=6)["departments"] == departments  # each region keeps its departments
    demo_acts = load_acts(db)
    assert len(demo_acts) == 2 * ACTS and len({act.person.iin for act in demo_acts}) == 2 * ACTS
    by_day = defaultdict(list)
    for act in demo_acts:
        by_day[act.number[:8]].append(int(act.number[8:]))
    assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in by_day.values())
    with db.session() as session:
        documents = session.execute(select(m.IssuedDocument.kind, m.IssuedDocument.series,
                                           m.IssuedDocument.number)).all()  # numbered per series
    assert len(documents) == len(set(documents)) > ACTS // 2


def test_age_is_the_full_years_on_the_day_of_receipt(demo_acts):
    ages = [act.age_years for act in demo_acts]
    assert ages == [age_on(act.person.birth_date, local_day(act.registered_at)) for act in demo_acts]
    assert min(ages) < 7 and max(ages) >= 80


def test_every_state_of_the_pipeline_is_present(demo_acts):
    assert set(Counter(act.status for act in demo_acts)) == set(Status)


@dataclass
class Outcome:
    """The experts' decisions in order of arrival and the Conclusion row's route, decision and agreeing."""

    decisions: list[dict]
    route: str | None
    decision: dict | None
    agreeing: int

    @classmethod
    def of(cls, act: m.DraftAct) -> "Outcome":
        contents, conclusion = [d.content for d in decisions(act)], act.conclusion
        if conclusion is None:
            return cls(contents, None, None, 0)
        return cls(contents, conclusion.route, conclusion.decision, conclusion.agreeing)


def check_waiting(outcome):
    assert outcome.decisions == [] and outcome.route is None


def check_under_review(outcome):
    assert len(outcome.decisions) <= 2 and outcome.route is None


def check_head_decides(outcome):  # §47: three different decisions of one group
    assert {c["outcome"] for c in outcome.decisions} == {"conclusion"}
    assert len({compared(c) for c in outcome.decisions}) == 3 == len(outcome.decisions)
    assert len({c["group"] for c in outcome.decisions}) == 1
    assert (outcome.route, outcome.decision) == ("head_decides", None)


def check_marks(outcome, mark, route):  # §44, §45: two or three marks with reasons of their paragraph
    marks = [c for c in outcome.decisions if c["outcome"] == mark]
    assert len(marks) in (2, 3) and len(outcome.decisions) == 3
    assert all(c["reasons"] and set(c["reasons"]) <= set(MARK_REASONS[mark]) for c in marks)
    assert (outcome.route, outcome.decision) == (route, None)


def check_in_person(outcome):  # §45: mismatch marks, or three different groups (1/1/1)
    if any(c["outcome"] == "mismatch" for c in outcome.decisions):
        check_marks(outcome, "mismatch", "in_person")
    else:
        assert len({c["group"] for c in outcome.decisions}) == 3 == len(outcome.decisions)
        assert (outcome.route, outcome.decision) == ("in_person", None)


def check_rejected(outcome):
    if outcome.route == "in_person":  # §45: closed after a no-show or a refusal (app/services/statistics/demo.py)
        check_in_person(outcome)
    else:
        check_marks(outcome, "poor_quality", "rejected_poor_quality")


def check_concluded(outcome):  # the decision of two or three experts stands
    if outcome.route == "in_person":  # §45: the experts routed it, the department concluded on the visit
        return check_in_person(replace(outcome, decision=None))
    agreeing = sum(compared(c) == compared(outcome.decision) for c in outcome.decisions)
    assert outcome.route == "concluded" and len(outcome.decisions) == 3
    assert agreeing >= 2 and outcome.agreeing == agreeing


CHECKS = {Status.WAITING: check_waiting, Status.UNDER_REVIEW: check_under_review,
          Status.HEAD_DECIDES: check_head_decides, Status.IN_PERSON: check_in_person,
          Status.REJECTED: check_rejected, Status.CONCLUDED: check_concluded, Status.SIGNED: check_concluded}


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_decisions_and_conclusion_fit_the_status(demo_acts, status):
    chosen = [act for act in demo_acts if act.status == status]
    assert chosen
    for act in chosen:
        CHECKS[status](Outcome.of(act))
        assert len(act.assignments) == (0 if status == Status.WAITING else 3)
        arrived = [d.decided_at for d in decisions(act)]
        late = late_decision_case(act.id) or late_signature_case(act.id)  # the Statistics tab's late cases
        assert late or all(act.registered_at <= at <= a.due_at for a, at in zip(act.assignments, arrived))  # §20.3
        if act.conclusion is not None and act.conclusion.arrived_at is not None:  # §45: on the visit
            assert max(arrived) < act.conclusion.arrived_at <= act.conclusion.concluded_at
        elif act.conclusion is not None:
            assert act.conclusion.concluded_at == max(arrived)  # when the last decision arrived
        if status == Status.SIGNED:  # §48: signed on the day the conclusion arrives
            signed, concluded = act.conclusion.signed_at, act.conclusion.concluded_at
            assert concluded <= signed <= TODAY and (late or local_day(signed) == local_day(concluded))
        else:
            assert act.conclusion is None or act.conclusion.signed_at is None


@pytest.mark.parametrize("band", ["under_7", "7_18", "adult"])
def test_decisions_fit_the_status_at_every_age(db, band):
    """Every way the demo reaches a status, for each age band (rarer ones than a demo shows)."""
    with db.session() as session:
        builder = demo.DemoBuilder(session, random.Random(1), TODAY, None)
        for status in Status:
            for _ in range(100):
                review = builder._review(status, band, "repeat")
                CHECKS[status](Outcome(review.decisions, review.route, review.decision, review.agreeing))


def test_open_acts_are_due_by_their_stage(db, demo_acts):
    with db.session() as session:
        calendar = production_calendar.load(session)
    for act in demo_acts:
        routed = act.conclusion.concluded_at if act.status == Status.IN_PERSON else None
        assert act.due_at == production_calendar.act_due(act.status, act.registered_at, calendar, routed_at=routed)
    assert all(act.due_at > act.conclusion.concluded_at for act in demo_acts if act.status == Status.IN_PERSON)


def test_every_decision_passes_the_rules_check(demo_acts):
    checked = Counter()
    for act in demo_acts:
        for decision in decisions(act):
            result = check(decision.content, birth_date=act.person.birth_date, exam_date=local_day(act.registered_at),
                           kind=kind(act), mode="proactive")
            assert result.errors == (), (act.number, decision.content, result.errors)
            checked[decision.outcome] += 1
        if act.status in (Status.CONCLUDED, Status.SIGNED) and act.conclusion.proactive:
            assert act.conclusion.decision in [d.content for d in decisions(act)]
    assert checked["conclusion"] > ACTS and checked["poor_quality"] and checked["mismatch"]
    groups = Counter(act.conclusion.decision["group"] for act in demo_acts if act.status == Status.SIGNED)
    assert {"I", "II", "III", "child", "child_I", "none"} <= set(groups)


def test_signed_acts_have_their_documents(db, demo_acts):
    with db.session() as session:
        documents = session.scalars(select(m.IssuedDocument)).all()
        listed = act_list.list_acts(session, status="signed", limit=10_000)
    by_act = defaultdict(list)
    for document in documents:  # the department's own; a control department's replacements are its own (§56, §73-3)
        if document.appeal_id is None:
            by_act[document.act_id].append(document)
    replacing = [d for d in documents if d.appeal_id is not None]
    replaced = {d.replaced_by_id for d in documents if d.replaced_at is not None}
    assert replacing and {d.id for d in replacing} <= replaced
    signed = {act.id: act for act in demo_acts if act.status == Status.SIGNED}
    assert set(by_act) == set(signed)
    in_person = {act_id for act_id, act in signed.items() if not act.conclusion.proactive}
    for act_id, (document, *more) in by_act.items():
        if act_id in in_person:
            continue  # test_demo_reaches_the_uot_and_upt_certificates_through_in_person_examinations
        assert not more
        established = signed[act_id].conclusion.decision["group"] != "none"
        assert document.kind == ("disability-certificate" if established else "non-establishment-notice")
        assert document.issued_at == signed[act_id].conclusion.signed_at
    assert Counter(d.kind for d in documents)["non-establishment-notice"] > 0
    assert len({(d.kind, d.series, d.number) for d in documents}) == len(documents)
    assert len(listed) == len(signed)


def test_demo_reaches_the_uot_and_upt_certificates_through_in_person_examinations(demo_acts, db):
    """§45: the department concludes on the visit, not bound by §42 (in-absentia proactive only); §51.4-51.5:
    a degree of loss of general working capacity gives the certificate of App 20, of professional App 21."""
    in_person = [act for act in demo_acts if act.status == Status.SIGNED and not act.conclusion.proactive
                 and act.conclusion.arrived_at is not None]
    assert in_person
    with db.session() as session:
        kinds = Counter(d.kind for d in session.scalars(select(m.IssuedDocument).where(
            m.IssuedDocument.act_id.in_([act.id for act in in_person]))))
    assert kinds["uot-certificate"] >= 1 and kinds["upt-certificate"] >= 1
    for act in in_person:
        decision = act.conclusion.decision
        assert decision["cause"] in ("work_injury", "occupational_disease")  # §28
        arrived = act.conclusion.arrived_at.astimezone(KZ_TIME).date()
        result = check(decision, birth_date=act.person.birth_date, exam_date=arrived, kind=kind(act),
                       mode="in_person")
        assert result.errors == ()


@pytest.mark.parametrize("experts", [3, 60])
def test_panels_are_a_head_and_two_specialists_from_other_regions(db, experts):
    generate(db, acts=200, experts=experts)
    with db.session() as session:
        regions = set(session.scalars(select(m.StaffMember.region_code).where(
            m.StaffMember.role.in_(m.EXPERT_ROLES))))  # deputy heads and Committee specialists decide no acts
    assert len(regions) == min((experts + 3) // 4, 20)  # four to a department, region after region
    panels = 0
    for act in load_acts(db):
        if not act.assignments:
            continue
        panels += 1
        assert sorted(a.role for a in act.assignments) == ["head", "specialist", "specialist"]
        for assignment in act.assignments:
            expert = assignment.expert
            assert expert.region_code != act.person.region_code  # §25.4
            assert expert.status != m.RegistryStatus.EXCLUDED
            assert (expert.role == m.StaffRole.HEAD) == (assignment.role == "head")
    assert panels > 100


def test_demo_has_appeals_in_every_state_each_through_the_real_steps(demo_db):
    """§54-56, §73: every state of every kind's course, each case's steps in order and its due
    date the one its last step gives on the production calendar."""
    from app.domain import appeals as appeal_rules
    from app.services import production_calendar

    with demo_db.session() as session:
        calendar = production_calendar.load(session)
        cases = list(session.scalars(select(m.Appeal).where(m.Appeal.steps.any())))
        assert {(a.kind, a.status.value) for a in cases} >= {
            ("proactive", "filed"), ("proactive", "registered"), ("proactive", "at_control"),
            ("proactive", "concluded"), ("in_person", "filed"), ("in_person", "concluded"),
            ("service_head", "filed"), ("service_head", "concluded"), ("service_quality", "filed"),
            ("control", "invited"), ("control", "letter_sent"), ("control", "suspended"), ("control", "concluded")}
        for appeal in cases:
            moments = [step.at for step in appeal.steps]
            assert moments == sorted(moments) and appeal.filed_at == moments[0]
            assert appeal.act.conclusion.signed_at <= appeal.filed_at
            rule = appeal_rules.DUE_RULE.get((appeal.kind, appeal.status.value))
            expected = production_calendar.appeal_due(appeal.kind, appeal.status.value, moments[-1], calendar)
            assert appeal.due_at == expected and (rule is None) == (expected is None)
            if appeal.kind == "proactive" and appeal.control_department is not None:
                assert appeal.control_department.region_code != appeal.act.person.region_code
