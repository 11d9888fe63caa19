"""What happens to a draft act after its experts (§44-48): routed at once when the third
decision arrives, the head-expert's decision (§47), the in-person steps (§45) and the head's
signature at the department of permanent registration (§48) with the notice, the SMS and the
result documents (§51).

Readings of the seed:
* the act's due date after routing: in person, the 4 working days of §45 from the routing and
  its SMS; concluded, the end of the day it arrives at the department (§48); the head-expert's
  decision keeps the experts' due date (§47 gives no term of its own);
* the head-expert decides with the same form and checks as the experts; a "poorly completed"
  or mismatch mark of the head routes the act as two such marks would (§44, §45);
* the in-person conclusion (§45) is made on the day of the visit and signed by the head like a
  proactive one (§48), but without the mark of §51 part 3: it was not made in absentia;
* a correction of a decision is accepted only while the act is under review: the third
  decision routes the act, and the route stands.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ... import models as m
from ...domain.states import AssignmentRole
from ...models import figures, transitions
from ...domain import review
from ...domain.clock import KZ_TIME
from ...domain.deadlines import due
from ...errors import UserError
from ...i18n import N_
from .. import production_calendar
from ..assignment import history
from . import messages
from .lawful import require_lawful
from .places import current_assignments, in_force
from .signer import DEFAULT_SIGNER, Signer, require_own_key
from .. import access

# The documents issue allocates series and numbers: ``DOCUMENT_ISSUER(session, due_document)``
# is called for each result document a signature makes due (§51); None leaves them waiting.
DOCUMENT_ISSUER: Callable[[Session, m.DueDocument], None] | None = None


def _department_text(act: m.DraftAct) -> dict:
    department = act.department
    return {"department": department.code if department else "", "address": department.address if department else ""}


def _set_status(session: Session, act: m.DraftAct, target: m.ActStatus) -> None:
    """Moves the act if the pipeline allows it, claiming it against another process moving it at
    the same moment (the status it was read in must still be there)."""
    review.check_step(act.status, target)
    if transitions.advance(session, m.DraftAct.status, (m.DraftAct.id == act.id,), act.status, target,
                           updated_at=m.utcnow()) != 1:
        raise UserError(N_("Draft act {number} was changed at the same moment by another user; try again."),
                        number=act.number)
    figures.note(session, acts=[act.id])  # the statistics' row of the act follows its status
    session.expire(act, ["status"])


def route_if_complete(session: Session, act: m.DraftAct, at: datetime) -> review.Consolidation | None:
    """When all three places have a decision, consolidates them (§44-48) and routes the act."""
    places = current_assignments(act)
    decisions = [d for d in map(in_force, places) if d is not None]
    if len(places) != 3 or len(decisions) != 3:
        return None
    result = review.consolidate([d.content for d in decisions], [a.role for a in places])
    conclusion = m.Conclusion(act=act, route=result.route, decision=result.decision, agreeing=result.agreeing,
                              concluded_at=at, proactive=True)
    session.add(conclusion)
    history.record(session, act, "routed", at, route=result.route, agreeing=result.agreeing)
    apply_route(session, act, result.route, at)
    return result


def conclusion_of(act: m.DraftAct) -> m.Conclusion:
    """The act's conclusion, made when its three decisions were consolidated (§44-48)."""
    if act.conclusion is None:
        raise UserError(N_("Draft act {number} has no conclusion of its experts yet (§44-48)."), number=act.number)
    return act.conclusion


def apply_route(session: Session, act: m.DraftAct, route: review.Route, at: datetime) -> None:
    """The act's new status, due date and automatic messages for ``route``."""
    calendar = production_calendar.load(session)
    _set_status(session, act, review.ROUTE_STATUS[route])
    conclusion = conclusion_of(act)
    if route == review.REJECTED:  # §44: the notice with the mark goes to the medical organisation
        act.due_at = None
        messages.queue_notice(session, act, "poor_quality", at, reasons=(conclusion.decision or {}).get("reasons", []))
    elif route == review.IN_PERSON:  # §45: to the department of permanent registration
        conclusion.route, conclusion.concluded_at = review.IN_PERSON, at
        act.due_at = due("in_person_no_show", at, calendar).at
        messages.queue_notice(session, act, "in_person", at, **_department_text(act))
        messages.queue_sms(session, act, "invite", at, **_department_text(act))
    elif route == review.CONCLUDED:  # §48: waits for the head's signature on the day it arrives
        act.due_at = review.signature_due(at, calendar)
    else:  # §47
        act.due_at = production_calendar.act_due(m.ActStatus.HEAD_DECIDES, act.registered_at, calendar)


def head_expert(act: m.DraftAct) -> m.Assignment:
    return next(a for a in current_assignments(act) if a.role == AssignmentRole.HEAD)


def head_decide(session: Session, act: m.DraftAct, expert_id: int | None, content: dict, at: datetime, *,
                confirm_warnings: bool = False, signer: Signer = DEFAULT_SIGNER) -> str:
    """§47: the extraterritorial expert who heads a department concludes on the comparison."""
    expert_id = access.judging_expert(session, expert_id, "acts.head_decide")
    review.require_status(act.status, m.ActStatus.HEAD_DECIDES)
    place = head_expert(act)
    if place.expert_id != expert_id:
        raise UserError(N_("Only the head-expert of the panel concludes on draft act {number} (§47)."),
                        number=act.number)
    require_lawful(act, content, confirm_warnings)
    require_own_key(signer, place.expert.iin)
    content = {"outcome": "conclusion", **content}
    route = review.route_of_final(content)
    conclusion = conclusion_of(act)
    conclusion.decision = content if route != review.IN_PERSON else None
    conclusion.decided_by_id, conclusion.concluded_at, conclusion.route = expert_id, at, route
    conclusion.signature = signer.sign({"act": act.number, "head_expert": place.uid, "decision": content})
    history.record(session, act, "head_decided", at, expert=place.expert, route=route)
    apply_route(session, act, route, at)
    return route


# -- §45: the in-person examination ---------------------------------------------------------
def _open_routing(act: m.DraftAct) -> m.Conclusion:
    review.require_status(act.status, m.ActStatus.IN_PERSON)
    return conclusion_of(act)


def record_arrival(session: Session, act: m.DraftAct, at: datetime) -> None:
    access.require(session, "acts.in_person")
    conclusion = _open_routing(act)
    if conclusion.arrived_at is None:
        conclusion.arrived_at = at
        history.record(session, act, "arrived", at)


def close_in_person(session: Session, act: m.DraftAct, reason: str, at: datetime) -> None:
    """§45: no visit within 4 working days, or a refusal: the notice "poorly completed" with the
    no-show information, and the SMS to go back to the medical organisation."""
    access.require(session, "acts.in_person")
    conclusion = _open_routing(act)
    _set_status(session, act, m.ActStatus.REJECTED)
    conclusion.closed_at, conclusion.closed_reason = at, reason
    act.due_at = None
    messages.queue_notice(session, act, "no_show", at, what=reason)
    messages.queue_sms(session, act, "go_back", at)
    history.record(session, act, "refused" if reason == "refused" else "no_show", at)


def conclude_in_person(session: Session, act: m.DraftAct, head_id: int | None, content: dict, at: datetime, *,
                       confirm_warnings: bool = False) -> None:
    """§45: the department concludes on the day of the visit; its head signs (§48)."""
    head_id = access.judging_expert(session, head_id, "acts.in_person")
    conclusion = _open_routing(act)
    if conclusion.arrived_at is None:
        raise UserError(N_("Record the person's arrival before the in-person conclusion (§45)."))
    _home_head(session, act, head_id)
    # §42 binds the in-absentia proactive examination only; this one is in person, on the day the
    # person came (§24.1: the date of establishing is the day of applying to the department)
    require_lawful(act, content, confirm_warnings, mode="in_person",
                   exam_date=conclusion.arrived_at.astimezone(KZ_TIME).date())
    _set_status(session, act, m.ActStatus.CONCLUDED)
    conclusion.decision = {"outcome": "conclusion", **content}
    conclusion.decided_by_id, conclusion.proactive, conclusion.concluded_at = head_id, False, at
    act.due_at = review.signature_due(at, production_calendar.load(session))
    history.record(session, act, "in_person_done", at)


# -- §48: the signature ---------------------------------------------------------------------
def _home_head(session: Session, act: m.DraftAct, head_id: int) -> m.StaffMember:
    head = session.get(m.StaffMember, head_id)
    if head is None or head.role != m.StaffRole.HEAD or head.department_id is None \
            or head.department_id != act.department_id:
        raise UserError(N_("Only the head of the MSE department at the person's permanent registration signs "
                           "draft act {number} (§48)."), number=act.number)
    return head


def sign(session: Session, act: m.DraftAct, head_id: int | None, at: datetime, *,
         signer: Signer = DEFAULT_SIGNER) -> dict:
    """§48: the head signs; then the notice to the medical organisation, the SMS about egov.kz and
    the result documents of §51, each marked per §51 part 3 when the conclusion was proactive."""
    head = _home_head(session, act, access.judging_expert(session, head_id, "acts.sign"))
    require_own_key(signer, head.iin)
    review.check_step(act.status, m.ActStatus.SIGNED)
    due_at = act.due_at
    # §48: "в день поступления"; signed later, flagged
    late: dict[str, Any] = {"late": True, "due": due_at.astimezone(KZ_TIME).isoformat(timespec="minutes")} \
        if due_at is not None and at > due_at else {}
    conclusion = conclusion_of(act)
    # Signed before anything is written: NCALayer may wait minutes for the PIN, and no write
    # lock may be held meanwhile (the status claim below still refuses a concurrent change).
    signature = signer.sign({"act": act.number, "head": head.uid, "decision": conclusion.decision,
                             "proactive": conclusion.proactive})
    _set_status(session, act, m.ActStatus.SIGNED)
    conclusion.signed_at, conclusion.signed_by_id, conclusion.signature = at, head.id, signature
    act.due_at = None
    messages.queue_notice(session, act, "conclusion", at, proactive=conclusion.proactive,
                          date=at.astimezone(KZ_TIME).strftime("%d.%m.%Y"), summary=conclusion.decision)
    messages.queue_sms(session, act, "results", at)
    kind = "repeat" if act.purpose == "disability_repeat" else "primary"
    documents = [m.DueDocument(act_id=act.id, kind=name, due_since=at, proactive_mark=conclusion.proactive)
                 for name in review.documents_due(conclusion.decision, kind=kind)]
    session.add_all(documents)
    history.record(session, act, "signed", at, expert=head, **late)
    if DOCUMENT_ISSUER is not None:
        session.flush()
        for document in documents:
            DOCUMENT_ISSUER(session, document)
    return {"number": act.number, "status": m.ActStatus.SIGNED, "documents": [d.kind for d in documents],
            "late": bool(late)}
