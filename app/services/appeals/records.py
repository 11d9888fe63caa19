"""An appeal as plain data: the record every step prints (docs/interfaces.md §4), the card's full
view, and the view of the control department, which holds no personal data (§56: it concludes
"на основании обезличенных данных акта МСЭ")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import appeals as rules
from ...domain.clock import KZ_TIME, now_kz
from ...errors import UserError
from .. import access, acts, depersonalise
from ..assignment.absences import _is_row_id


def kz_minutes(moment: datetime | None) -> str | None:
    """A moment as Kazakhstan time, written as ``--at`` takes it (YYYY-MM-DDTHH:MM)."""
    return f"{moment.astimezone(KZ_TIME):%Y-%m-%dT%H:%M}" if moment else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def result(appeal: m.Appeal, sent: list[dict]) -> dict:
    """What every step prints: ``id``, ``status``, ``due`` (the day, docs/interfaces.md §4) and the SMS
    queued by the step, with the kind, the act, the due moment and what the kind adds."""
    record: dict[str, Any] = {"id": str(appeal.id), "kind": appeal.kind, "status": appeal.status,
              "due": appeal.due_at.astimezone(KZ_TIME).date().isoformat() if appeal.due_at else None,
              "due_at": kz_minutes(appeal.due_at), "act": appeal.act.number, "messages": sent}
    if appeal.control_department is not None:
        record["control_department"] = appeal.control_department.code
    if appeal.kind == rules.IN_PERSON:
        record["late"] = appeal.late  # §54: flagged, not refused
    if appeal.kind == rules.CONTROL:
        record.update(invitation=appeal.invitation, protocol_number=appeal.protocol_number or None,
                      effective_from=_day(appeal.effective_from))
    return record


def appeal_by_id(session: Session, appeal_id) -> m.Appeal:
    row = session.get(m.Appeal, int(appeal_id)) if _is_row_id(appeal_id) else None
    if row is None:
        raise UserError("There is no appeal with the id {id}.", id=str(appeal_id)[:20])
    return row


def _history(appeal: m.Appeal) -> list[dict]:
    return [{"at": kz_minutes(s.at), "step": s.step, "status": s.status_after, "role": s.role,
             "due": s.data.get("due")} for s in appeal.steps]


def _staff_name(member: m.StaffMember | None) -> str | None:
    return member.full_name if member else None


def show(session: Session, appeal_id, *, role: str | None = None) -> dict:
    """The appeal with its history and the act it concerns.  For the control department
    (``role`` ``Role.CONTROL_EXPERT``) on a §56 appeal the depersonalised act only: no name, IIN, birth date,
    address, nor the complaint's own words or the people who handled it (§25.2, §56 "на основании
    обезличенных данных").  §54 and §73 are in-person re-examinations: the person is seen."""
    appeal = appeal_by_id(session, appeal_id)
    view = {**result(appeal, []), "filed_at": kz_minutes(appeal.filed_at), "history": _history(appeal),
            "decision": appeal.decision, "concluded_at": kz_minutes(appeal.concluded_at),
            "next_steps": [s.name for s in rules.next_steps(appeal.kind, appeal.status)]}
    conclusion = appeal.act.conclusion
    experts = conclusion.decision if conclusion else None
    if role == rules.CONTROL_DEPARTMENT and appeal.kind == rules.PROACTIVE \
            or not access.allows(session, "acts.view_personal"):  # the Committee forwards unseeing (§56)
        patterns = depersonalise.personal_patterns(depersonalise.person_of(appeal.act),
                                                   acts.act_package(session, appeal.act))
        scrubbed = depersonalise.scrub({"experts_conclusion": experts, "decision": appeal.decision}, patterns)
        return {**view, **scrubbed, "act": acts.show_act(session, appeal.act.number, as_expert=True)}
    return {**view, "experts_conclusion": experts, "registration_number": appeal.registration_number,
            "text": appeal.text, "answer": appeal.answer, "deputy_head": _staff_name(appeal.deputy_head),
            "committee_specialist": _staff_name(appeal.committee_specialist),
            "letter": {"number": appeal.letter_number, "date": _day(appeal.letter_date)},
            "act": acts.show_act(session, appeal.act.number)}


def list_appeals(session: Session, *, status: str | None = None, kind: str | None = None, overdue: bool = False,
                 limit: int = 100, now: datetime | None = None) -> list[dict]:
    """The appeals in the order they were filed, as their records (no personal data)."""
    if limit < 0:
        raise UserError("The limit cannot be negative.")
    query = select(m.Appeal).order_by(m.Appeal.filed_at, m.Appeal.id).limit(limit)
    if status:
        query = query.where(m.Appeal.status == m.AppealStatus(status))
    if kind:
        query = query.where(m.Appeal.kind == kind)
    if overdue:
        query = query.where(m.Appeal.due_at < (now or now_kz()))
    return [result(appeal, []) for appeal in session.scalars(query)]


def last_step_moment(appeal: m.Appeal) -> datetime:
    return appeal.steps[-1].at if appeal.steps else appeal.filed_at


def select_open(kind: str, act_id: int):
    return select(m.Appeal.id).where(m.Appeal.act_id == act_id, m.Appeal.kind == kind,
                                     m.Appeal.status != m.AppealStatus.CONCLUDED)
