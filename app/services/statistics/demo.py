"""Demonstration cases for the Statistics tab, applied after the rest of the demonstration: an
expert who dissents far more often than the others, expert decisions and signatures past their
due dates (§20.3, §48), in-person examinations attended or missed (§45), conclusions changed on
appeal (§56) and on control (§73) through the real steps, and referrals from medical
organisations of which one sends many poorly completed forms (§44).  Each part is its own
function; together they leave every view of the tab something to show."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import overload

from sqlalchemy import ColumnElement, String, cast, func, insert, literal, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from ... import models as m
from ...domain import appeals as appeal_rules
from ...domain.clock import KZ_TIME
from ...domain.review import REJECTED
from ...domain.rules import age_band
from ...domain.workdays import WorkingCalendar
from ...errors import UserError
from .. import production_calendar
from ..appeals import workflow
from ..review import routing
from ..appeals.demo import HOME_REGION

TERMS_BY_BAND = {"under_7": ("1y", "2y", "until_7"), "7_18": ("1y", "2y", "until_18"), "adult": ("1y", "2y", "5y")}
DISSENT_SHARE = 0.8  # of the dissenting expert's unanimous panels, turned into 2/1 against the expert
LATE_DECISIONS_EVERY = 17  # acts whose number modulo this is 0 had a late last decision (§20.3)
LATE_SIGNATURES_EVERY = 31  # ... is 5: signed late (§48)
REVERSALS_EVERY = 47  # ... is 7, or in the home region: candidates for a changed conclusion
REVERSAL_CANDIDATES = 3000
REVERSAL_SHARE = 0.2  # of the candidates, at most REVERSALS_MAX
REVERSALS_MAX = 40
HOME_REVERSALS = 6  # of the home department's acts in the tab's first view, changed on appeal or control
FIRST_VIEW_DAYS = 85  # received within the tab's first period (the last 90 days), with days to spare
HOME_SETTLED_DAYS = 10  # signed this long ago: the appeal's four steps, a working day apart, end before today
SETTLED_DAYS = 14  # acts older than this have ended their course
ORGANISATIONS = (("ГП № 1", "990140000011"), ("ГП № 5", "990140000052"), ("ГКП «Поликлиника № 3»", "000340001236"),
                 ("ЦРБ Ескельдинского района", "030640004181"), ("ОБ г. Талдыкорган", "980240003322"),
                 ("ГП № 11", "990140000118"), ("Детская городская поликлиника", "011040002271"))
CARELESS = 2  # the organisation whose forms are rejected most often


def add_quality_cases(session: Session, seed: int, today: datetime, home: str | None = None) -> dict:
    """All the cases below; returns how many of each were made.  ``home``: the workstation's
    department, whose first view of the tab (the last three months) shows changed conclusions."""
    rng = random.Random(seed * 97 + 25)
    calendar = production_calendar.load(session)
    settled = today - timedelta(days=SETTLED_DAYS)
    made = {"dissents": dissenting_expert(session, rng),
            "late_decisions": late_decisions(session, rng, settled, calendar),
            "late_signatures": late_signatures(session, rng, settled, calendar),
            "in_person": in_person_outcomes(session, rng, settled, calendar),
            "reversals": reversed_conclusions(session, rng, settled, calendar, home, today),
            "organisations": medical_organisations(session, rng)}
    session.flush()
    return made


ActId = ColumnElement[int] | InstrumentedAttribute[int]


@overload
def late_decision_case(act_id: int) -> bool: ...


@overload
def late_decision_case(act_id: ActId) -> ColumnElement[bool]: ...


def late_decision_case(act_id):
    """The act whose last expert decision this demonstration makes late (§20.3); an SQL
    condition when ``act_id`` is a column."""
    return act_id % LATE_DECISIONS_EVERY == 0


@overload
def late_signature_case(act_id: int) -> bool: ...


@overload
def late_signature_case(act_id: ActId) -> ColumnElement[bool]: ...


def late_signature_case(act_id):
    """The act whose head this demonstration makes sign late (§48); an SQL condition likewise."""
    return act_id % LATE_SIGNATURES_EVERY == 5


def _other_term(term: str, age: int) -> str:
    return next(t for t in TERMS_BY_BAND[age_band(age)] if t != term)


def dissenting_expert(session: Session, rng: random.Random) -> int:
    """The expert with the most decisions gives another term on about half of the unanimous
    panels: the others' decision still stands (2/1, §44-48), the expert differs from it."""
    busiest = session.scalar(select(m.Assignment.expert_id).join(m.ExpertDecision)
                             .group_by(m.Assignment.expert_id).order_by(func.count().desc(), m.Assignment.expert_id)
                             .limit(1))
    rows = session.execute(select(m.ExpertDecision, m.Conclusion, m.DraftAct.age_years)
                           .join(m.Assignment, m.Assignment.id == m.ExpertDecision.assignment_id)
                           .join(m.Conclusion, m.Conclusion.act_id == m.Assignment.act_id)
                           .join(m.DraftAct, m.DraftAct.id == m.Assignment.act_id)
                           .where(m.Assignment.expert_id == busiest, m.Conclusion.agreeing == 3,
                                  m.Conclusion.route == "concluded", m.ExpertDecision.outcome == "conclusion")
                           .order_by(m.ExpertDecision.id)).all()
    changed = 0
    for decision, conclusion, age in rows:
        term = decision.content.get("term")
        if term is None or rng.random() >= DISSENT_SHARE:
            continue
        decision.content = {**decision.content, "term": _other_term(term, age)}
        conclusion.agreeing = 2
        changed += 1
    return changed


def _shift_course(session: Session, conclusion: m.Conclusion, delay: timedelta) -> None:
    """The conclusion, its signature and documents come ``delay`` later."""
    conclusion.concluded_at += delay
    if conclusion.signed_at is not None:
        conclusion.signed_at += delay
        for document in _documents(session, conclusion.act_id):
            document.issued_at += delay


def late_decisions(session: Session, rng: random.Random, settled: datetime, calendar: WorkingCalendar) -> int:
    """Some panels' last decision came one to three working days after §20.3's due date."""
    rows = session.execute(select(m.ExpertDecision, m.Assignment.due_at, m.Conclusion)
                           .join(m.Assignment, m.Assignment.id == m.ExpertDecision.assignment_id)
                           .join(m.Conclusion, m.Conclusion.act_id == m.Assignment.act_id)
                           .where(m.Conclusion.concluded_at == m.ExpertDecision.decided_at,
                                  m.Conclusion.concluded_at < settled, late_decision_case(m.Conclusion.act_id))
                           .order_by(m.ExpertDecision.id)).all()
    for decision, due_at, conclusion in rows:
        late_day = calendar.nth_working_day(due_at.astimezone(KZ_TIME).date() + timedelta(days=1), rng.randint(1, 3))
        late = datetime.combine(late_day, time(rng.randint(9, 16), rng.randrange(60)), tzinfo=KZ_TIME)
        _shift_course(session, conclusion, late - decision.decided_at)
        decision.decided_at = late
    return len(rows)


def _documents(session: Session, act_id: int) -> list[m.IssuedDocument]:
    return list(session.scalars(select(m.IssuedDocument).where(m.IssuedDocument.act_id == act_id)))


def late_signatures(session: Session, rng: random.Random, settled: datetime, calendar: WorkingCalendar) -> int:
    """Some heads signed a working day or two after the day the conclusion arrived (§48)."""
    rows = list(session.scalars(select(m.Conclusion).where(
        m.Conclusion.signed_at.is_not(None), m.Conclusion.signed_at < settled,
        late_signature_case(m.Conclusion.act_id)).order_by(m.Conclusion.id)))
    for conclusion in rows:
        if conclusion.signed_at is None:  # the query takes signed conclusions only
            continue
        day = calendar.nth_working_day(conclusion.signed_at.astimezone(KZ_TIME).date() + timedelta(days=1),
                                       rng.randint(1, 2))
        signed = datetime.combine(day, time(rng.randint(9, 17)), tzinfo=KZ_TIME)
        for document in _documents(session, conclusion.act_id):
            document.issued_at = signed
        conclusion.signed_at = signed
    return len(rows)


def in_person_outcomes(session: Session, rng: random.Random, settled: datetime, calendar: WorkingCalendar) -> int:
    """§45: the older in-person routes nobody came to are closed after 4 working days, as a
    no-show or a refusal, through the real step (``routing.close_in_person``)."""
    rows = session.execute(select(m.Conclusion, m.DraftAct).join(m.DraftAct).where(
        m.Conclusion.route == "in_person", m.DraftAct.status == m.ActStatus.IN_PERSON,
        m.Conclusion.arrived_at.is_(None), m.Conclusion.concluded_at < settled).order_by(m.Conclusion.id)).all()
    for conclusion, act in rows:
        routed_on = conclusion.concluded_at.astimezone(KZ_TIME).date()
        day = calendar.nth_working_day(routed_on + timedelta(days=1), 4)
        reason = "no_show" if rng.random() < 0.8 else "refused"
        routing.close_in_person(session, act, reason, datetime.combine(day, time(18), tzinfo=KZ_TIME))
    return len(rows)


def _changed(act: m.DraftAct) -> dict:
    """The control department's decision: the same conclusion with another term."""
    decision = {k: v for k, v in (routing.conclusion_of(act).decision or {}).items() if k != "outcome"}
    return {**decision, "term": _other_term(decision["term"], act.age_years)}


def _review(session: Session, act: m.DraftAct, start: datetime, kind: str, calendar: WorkingCalendar) -> None:
    """An appeal (§56: filed, registered, forwarded, concluded) or a control re-examination
    (§73), a working day or two between steps, concluded with a changed decision."""
    def later(moment: datetime) -> datetime:
        day = calendar.nth_working_day(moment.astimezone(KZ_TIME).date() + timedelta(days=1), 1)
        return datetime.combine(day, time(11), tzinfo=KZ_TIME)
    if kind == appeal_rules.CONTROL:
        appeal_id = workflow.open_control(session, act.number, "unjustified_conclusion", start)["id"]
        at = later(start)
    else:
        appeal_id = workflow.file_appeal(session, act.number, start, text="Не согласен со сроком.")["id"]
        at = later(start)
        workflow.register(session, appeal_id, at)
        at = later(at)
        workflow.forward(session, appeal_id, at)
        at = later(at)
    workflow.conclude(session, appeal_id, _changed(act), at, confirm_warnings=True)


def _reversal_candidates(session: Session, settled: datetime, *conditions) -> list[m.DraftAct]:
    """Signed conclusions with a term, settled and never appealed, that meet ``conditions``."""
    acts = session.scalars(select(m.DraftAct).join(m.Conclusion).join(m.Department).where(
        m.DraftAct.status == m.ActStatus.SIGNED, m.Conclusion.signed_at < settled,
        ~m.DraftAct.id.in_(select(m.Appeal.act_id)), *conditions).order_by(m.DraftAct.id).limit(REVERSAL_CANDIDATES))
    return [a for a in acts if a.conclusion and (a.conclusion.decision or {}).get("term")]


def reversed_conclusions(session: Session, rng: random.Random, settled: datetime, calendar: WorkingCalendar,
                         home: str | None = None, today: datetime | None = None) -> int:
    """Signed adult conclusions appealed (§56) or re-examined on control (§73) and changed: some of
    the home department's acts received in the tab's first period (the last three months by the
    program's clock, one in three on control), the others mostly in the home region."""
    own = []
    if home and today:
        own = _reversal_candidates(session, today - timedelta(days=HOME_SETTLED_DAYS), m.Department.code == home,
                                   m.DraftAct.registered_at >= today - timedelta(days=FIRST_VIEW_DAYS))
        own = rng.sample(own, min(len(own), HOME_REVERSALS))
    acts = [a for a in _reversal_candidates(session, settled, m.DraftAct.age_years >= 18, or_(
        m.DraftAct.id % REVERSALS_EVERY == 7, m.Department.region_code == HOME_REGION)) if a not in own]
    count = min(REVERSALS_MAX, max(3, int(len(acts) * REVERSAL_SHARE)), len(acts))
    in_region = [a for a in acts if a.department and a.department.region_code == HOME_REGION]
    chosen = rng.sample(in_region, min(len(in_region), 2 * count // 3))  # most where the workstation is
    chosen += rng.sample([a for a in acts if a not in chosen], count - len(chosen))
    made = 0
    for index, act in enumerate(own + chosen):
        kind = appeal_rules.CONTROL if index % 3 == 2 else appeal_rules.PROACTIVE
        signed_at = routing.conclusion_of(act).signed_at
        if signed_at is None:  # only signed conclusions are appealed
            continue
        start = signed_at + timedelta(days=1 if act in own else rng.randint(1, 5))
        try:
            with session.begin_nested():
                _review(session, act, start, kind, calendar)
        except UserError:
            continue  # a step the rules refuse for this act: the demonstration goes on without it
        made += 1
    return made


def medical_organisations(session: Session, rng: random.Random) -> int:
    """The medical organisation (form 031/у) of each act without a package; one of them sends
    forms that experts reject as poorly completed (§44) far more often."""
    rows = session.execute(select(m.DraftAct.id, m.DraftAct.registered_at, m.Conclusion.route).outerjoin(m.Conclusion)
                           .where(m.DraftAct.package_id.is_(None)).order_by(m.DraftAct.id)).all()
    packages = []
    for act_id, registered_at, route in rows:
        careless = route == REJECTED and rng.random() < 0.5
        name, bin_ = ORGANISATIONS[CARELESS] if careless else rng.choice(ORGANISATIONS)
        organisation = {"name": name, "bin": bin_, "dispensary": False}
        packages.append({"message_id": f"demo-{act_id}", "received_at": registered_at, "file_name": "",
                         "accepted": True, "content": {"medical_org": organisation}})
    if packages:
        session.execute(insert(m.ReferralPackage), packages)
        package_of = (select(m.ReferralPackage.id).where(
            m.ReferralPackage.message_id == literal("demo-") + cast(m.DraftAct.id, String)).scalar_subquery())
        session.execute(update(m.DraftAct).where(m.DraftAct.package_id.is_(None)).values(package_id=package_of),
                        execution_options={"synchronize_session": False})
    return len(rows)
