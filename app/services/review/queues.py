"""What people wait on: the head's signature queue (§48) and the head-expert's comparison of
the three decisions (§47, "automatically generated comparison")."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain.states import AssignmentRole
from ...domain import review
from ...domain.clock import KZ_TIME
from ...errors import UserError
from ...i18n import N_
from .. import access
from .decisions import Viewer, act_by_number, current_assignments, visible_decisions


def _kz(moment):
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def signature_queue(session: Session, department_code: str | None = None) -> list[dict]:
    """Conclusions waiting for the head's signature, oldest first: since when, and due (§48)."""
    query = (select(m.DraftAct.number, m.Conclusion.concluded_at, m.DraftAct.due_at, m.Conclusion.route,
                    m.Conclusion.proactive, m.Conclusion.decision, m.Department.code)
             .join(m.Conclusion, m.Conclusion.act_id == m.DraftAct.id)
             .outerjoin(m.Department, m.DraftAct.department_id == m.Department.id)
             .where(m.DraftAct.status == m.ActStatus.CONCLUDED).order_by(m.Conclusion.concluded_at, m.DraftAct.id))
    if department_code:
        if session.scalar(select(m.Department.id).where(m.Department.code == department_code)) is None:
            raise UserError(N_("There is no department with the code {code}."), code=department_code)
        query = query.where(m.Department.code == department_code)
    return [{"number": number, "waiting_since": _kz(since), "due": _kz(due), "route": route, "proactive": proactive,
             "outcome": (decision or {}).get("outcome"), "group": (decision or {}).get("group"), "department": code}
            for number, since, due, route, proactive, decision, code in session.execute(query)]


def to_sign(session: Session, number: str) -> dict:
    """§48: what the head signs — the three decisions side by side (the head of the department is
    no panel member, so nothing is blind to them) and the conclusion drawn from them."""
    access.require(session, "acts.sign")
    act = act_by_number(session, number)
    places = visible_decisions(act, Viewer(None))
    contents = [p["decision"]["content"] if p["decision"] else None for p in places]
    conclusion = act.conclusion
    if conclusion is None:
        raise UserError(N_("Draft act {number} has no conclusion to sign yet (§48)."), number=act.number)
    return {"number": act.number, "status": act.status.value, "roles": [p["role"] for p in places],
            "decisions": contents, "differs": review.differences(contents), "conclusion": conclusion.decision,
            "route": conclusion.route, "agreeing": conclusion.agreeing, "concluded_at": _kz(conclusion.concluded_at)}


def comparison(act: m.DraftAct, viewer: Viewer) -> dict:
    """§47: the three decisions side by side and, per field, whether they differ; only for the
    head-expert of the panel once the act waits for them."""
    head = next((a for a in current_assignments(act) if a.role == AssignmentRole.HEAD), None)
    if head is None or head.expert_id != viewer.expert_id:
        raise UserError(N_("Only the head-expert of the panel concludes on draft act {number} (§47)."),
                        number=act.number)
    review.require_status(act.status, m.ActStatus.HEAD_DECIDES)
    places = visible_decisions(act, viewer)
    contents = [p["decision"]["content"] if p["decision"] else None for p in places]
    return {"number": act.number, "roles": [p["role"] for p in places], "decisions": contents,
            "differs": review.differences(contents)}


def in_person_queue(session: Session, department_code: str | None = None) -> list[dict]:
    """§45: acts routed to the department for an in-person examination, with their clock."""
    query = (select(m.DraftAct.id, m.DraftAct.number, m.Conclusion.concluded_at, m.Conclusion.reminded_at,
                    m.Conclusion.arrived_at, m.DraftAct.due_at)
             .join(m.Conclusion, m.Conclusion.act_id == m.DraftAct.id)
             .outerjoin(m.Department, m.DraftAct.department_id == m.Department.id)
             .where(m.DraftAct.status == m.ActStatus.IN_PERSON).order_by(m.DraftAct.due_at, m.DraftAct.id))
    if department_code:
        query = query.where(m.Department.code == department_code)
    return [{"act_id": act_id, "number": number, "routed_at": _kz(routed), "sms_repeated": _kz(reminded),
             "arrived_at": _kz(arrived), "due": _kz(due)}
            for act_id, number, routed, reminded, arrived, due in session.execute(query)]
