"""What the review screens read and do, by act id (the act's card opens the review by id):
the depersonalised act (§25.2) with the decisions the viewer may see (§25.5), and the steps
taken from the window.  Nothing here returns a person's data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...errors import UserError
from ...i18n import N_
from .. import access, acts, workstation
from . import decisions, routing
from .signer import DEFAULT_SIGNER, Signer


def _act(session: Session, act_id: int) -> m.DraftAct:
    act = session.get(m.DraftAct, act_id)
    if act is None:
        raise UserError(N_("The draft act is no longer in the database."))
    return act


def load(session: Session, act_id: int, expert_id: int | None) -> dict:
    """The act as an expert may hold it, the viewer's place and the decisions they may see."""
    act = _act(session, act_id)
    viewer = decisions.viewer_for(session, act, expert_id)
    places = decisions.visible_decisions(act, viewer)
    own = next((p for p in places if p["own"]), None)
    context = decisions.rules_context(act)
    return {"act_id": act.id, "number": act.number, "status": act.status,
            "case": acts.show_act(session, act.number, as_expert=True), "places": places,
            "role": own["role"] if own else None, "own_decision": own["decision"] if own else None,
            "context": {**context, "birth_date": context["birth_date"].isoformat(),
                        "exam_date": context["exam_date"].isoformat()},
            "conclusion": act.conclusion.decision if act.conclusion else None}


def submit(session: Session, act_id: int, expert_id: int, content: dict, at: datetime, confirm: bool,
           mode: str = "expert", signer: Signer = DEFAULT_SIGNER) -> str:
    """The window's submit: an expert's decision, the head-expert's (§47) or the in-person one (§45)."""
    act = _act(session, act_id)
    if mode == "head":
        routing.head_decide(session, act, expert_id, content, at, confirm_warnings=confirm, signer=signer)
    elif mode == "in_person":
        routing.conclude_in_person(session, act, expert_id, content, at, confirm_warnings=confirm)
    else:
        correction = decisions.assignment_of(act, expert_id).decision is not None
        decisions.submit(session, act, expert_id, content, at, confirm_warnings=confirm, correction=correction,
                         signer=signer)
    session.flush()
    return act.status


def workstation_head(session: Session) -> int:
    """The head who signs (§48): the signed-in head, in their own name; on a database without
    accounts the head of this workstation's department."""
    if not access.trial(session):
        return access.judging_expert(session, None, "acts.sign")
    department = workstation.settings(session).department(session)
    head = session.scalar(select(m.StaffMember.id).where(
        m.StaffMember.role == m.StaffRole.HEAD, m.StaffMember.department_id == department.id)
        .order_by(m.StaffMember.id)) if department is not None else None
    if head is None:
        raise UserError(N_("This workstation's department has no head in the database to sign (§48)."))
    return head


def sign(session: Session, number: str, at: datetime, signer: Signer = DEFAULT_SIGNER) -> dict:
    """The window's §48 signature: the signed-in head's own; on a trial database the head of this
    workstation's department."""
    act = decisions.act_by_number(session, number)
    return routing.sign(session, act, workstation_head(session), at, signer=signer)


def department_code(session: Session) -> str | None:
    return workstation.settings(session).department_code


def in_person_step(session: Session, number: str, step: str, at: datetime) -> None:
    """§45 from the window: the person came, or refused."""
    act = decisions.act_by_number(session, number)
    if step == "arrived":
        routing.record_arrival(session, act, at)
    else:
        routing.close_in_person(session, act, "refused", at)
