"""Demonstration in-person examinations (§45) that end in a loss of working capacity.

Acts the experts routed to the department (§45) are taken through the real steps of
``routing``: the person comes on the next working day, the department concludes on the visit
with a work injury or an occupational disease (§27.2-27.3, §28) — which §42 forbids only in the
in-absentia proactive examination — and its head signs (§48).  So the demonstration reaches the
certificates of the degree of loss of general (App 20, §51.4) and professional (App 21, §51.5)
working capacity, numbered in the department's series (App 8 items 32.1-32.6)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain.clock import KZ_TIME
from .. import documents, production_calendar
from . import routing

# What the department establishes on the visit (docs/interfaces.md §3 decisions), one per act taken.
IN_PERSON_CONCLUSIONS = (
    # §28.1, §62-65: group III (degree 1 of work and mobility, §60) with УОТ and УПТ from a work injury
    {"group": "III", "cause": "work_injury", "term": "1y", "uot_percent": 40, "upt_percent": 40,
     "restrictions": {"mobility": 1, "work": 1}},
    # §28.2, App 10 p. 4: УПТ without a group, from an occupational disease
    {"group": "none", "cause": "occupational_disease", "term": "1y", "uot_percent": None, "upt_percent": 20,
     "restrictions": {"work": 1}},
    # §28.1: group II with УОТ and УПТ (App 10 p. 2: 60-79 % and 60-89 %)
    {"group": "II", "cause": "work_injury", "term": "2y", "uot_percent": 70, "upt_percent": 70,
     "restrictions": {"mobility": 2, "work": 2}},
)
ARRIVAL, CONCLUDED, SIGNED = time(15, 40), time(16, 30), time(17, 10)  # §45: the visit from 15:30 to 18:00


def _head_of(session: Session, act: m.DraftAct) -> m.StaffMember | None:
    """§48: the head of the department at the person's permanent registration."""
    return session.scalar(select(m.StaffMember).where(
        m.StaffMember.role == m.StaffRole.HEAD, m.StaffMember.department_id == act.department_id).limit(1))


def _candidates(session: Session, today: datetime) -> list[m.DraftAct]:
    """Adults under the pension age routed in person at least two days ago, oldest first."""
    return list(session.scalars(select(m.DraftAct).join(m.Conclusion).where(
        m.DraftAct.status == m.ActStatus.IN_PERSON, m.DraftAct.age_years.between(18, 62),
        m.Conclusion.arrived_at.is_(None), m.Conclusion.concluded_at < today - timedelta(days=2))
        .order_by(m.Conclusion.concluded_at, m.DraftAct.id)))


def _visit(session: Session, act: m.DraftAct, head: m.StaffMember, content: dict, day: date) -> None:
    """The person comes on ``day``; the department concludes and its head signs that day."""
    at = {moment: datetime.combine(day, moment, tzinfo=KZ_TIME) for moment in (ARRIVAL, CONCLUDED, SIGNED)}
    routing.record_arrival(session, act, at[ARRIVAL])
    routing.conclude_in_person(session, act, head.id, {**content, "rehab_prognosis": "relatively_favorable",
                                                        "rehab_potential": "satisfactory"},
                               at[CONCLUDED], confirm_warnings=True)  # §27: the causal-link documents seen
    routing.sign(session, act, head.id, at[SIGNED])
    session.flush()
    for due in session.scalars(select(m.DueDocument).where(m.DueDocument.act_id == act.id,
                                                             m.DueDocument.issued_document_id.is_(None))):
        documents.issue_due(session, due)


def in_person_cases(session: Session, today: datetime) -> int:
    """Takes one routed act through the visit for each of ``IN_PERSON_CONCLUSIONS``; returns how many."""
    calendar, made = production_calendar.load(session), 0
    for act in _candidates(session, today):
        head, routed_at = _head_of(session, act), routing.conclusion_of(act).concluded_at
        if head is None or routed_at is None:  # (the query takes routed acts only)
            continue
        day = calendar.next_working_day(routed_at.astimezone(KZ_TIME).date())  # §45: within 2
        if day >= today.astimezone(KZ_TIME).date() or made == len(IN_PERSON_CONCLUSIONS):
            continue
        _visit(session, act, head, IN_PERSON_CONCLUSIONS[made], day)
        made += 1
    return made
