"""What the Appeals tab's card reads and does, by appeal id: the case as the acting role may see
it with the steps that role may take now, the control department's decision screen (the
depersonalised act and the rules' context, as the expert review screen has them), and the steps."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ...domain import appeals as rules
from ...domain.clock import now_kz
from .. import access
from ..review import decisions
from . import workflow
from .records import appeal_by_id, show


def card(session: Session, appeal_id: int, role: str) -> dict:
    """The case for ``role`` (the control department: depersonalised) and the steps it may take."""
    actor = access.actor_of(session)
    signed_in = actor is not None and not actor.unprotected
    if signed_in and actor is not None and actor.role is not None:
        role = actor.role  # with accounts the signed-in role acts
    view = show(session, appeal_id, role=role)
    view["allowed"] = rules.steps_for_role(view["kind"], view["status"], role, signed_in=signed_in)
    return view


def decision_screen(session: Session, appeal_id: int) -> dict:
    """The control department's decision screen: the depersonalised act, the experts' conclusion,
    and the facts the rules check with (§56 the act's own, §54 and §73 the re-examination's day)."""
    appeal = appeal_by_id(session, appeal_id)
    view = show(session, appeal_id, role=rules.CONTROL_DEPARTMENT)
    context = {**decisions.rules_context(appeal.act), **workflow.review_context(appeal, now_kz())}
    return {"act_id": appeal.act_id, "number": appeal.act.number, "status": appeal.status,
            "kind": appeal.kind, "case": view["act"], "experts_conclusion": view["experts_conclusion"],
            "context": {**context, "birth_date": context["birth_date"].isoformat(),
                        "exam_date": context["exam_date"].isoformat()}}


def take_step(session: Session, appeal_id: int, step: str, at: datetime, role: str, **values) -> dict:
    """One step from the window, as ``role`` (refused when the role may not take it)."""
    if step == "conclude":
        return workflow.conclude(session, appeal_id, values["decision"], at,
                                 confirm_warnings=values.get("confirm", False), actor_role=role)
    if step == "answer":
        return workflow.answer(session, appeal_id, values.get("text", ""), at, actor_role=role)
    return getattr(workflow, step)(session, appeal_id, at, actor_role=role)


def start_case(session: Session, kind: str, number: str, at: datetime, role: str, *, text: str = "",
               ground: str | None = None, received_on: date | None = None) -> dict:
    """A new case from the window: a complaint filed (§54-56) or a control re-examination opened (§73)."""
    if kind == rules.CONTROL:
        return workflow.open_control(session, number, ground or "", at, actor_role=role)
    return workflow.file_appeal(session, number, at, kind=kind, received_on=received_on, text=text, actor_role=role)
