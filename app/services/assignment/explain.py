"""Why an expert was, or was not, chosen for a draft act (§25.4), for the act's card and
``saraptama experts why``: the same rules as the selection, as translatable sentences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain import panel
from ...domain.clock import KZ_TIME
from ...errors import UserError
from ...i18n import N_
from .. import production_calendar
from . import absences, pool


def act_by_number(session: Session, number: str) -> m.DraftAct:
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number).options(
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert), selectinload(m.DraftAct.events),
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision)))
    if act is None:
        raise UserError("There is no draft act with the number {number}.", number=number)
    return act


def _window(session: Session, live: list[m.Assignment], at: datetime) -> panel.Window:
    """The window the act's panel serves; for a waiting act, the one a panel chosen at ``at`` would."""
    if live:
        return pool.assignment_window(max(live, key=lambda a: a.assigned_at))
    window, _due = pool.review_window(at, False, production_calendar.load(session))
    return window


def _chosen_at(act: m.DraftAct, place: str) -> list[dict]:
    """What the history recorded when the live experts of ``place`` were chosen."""
    live = {a.id for a in act.assignments if not a.withdrawn and a.role == place}
    return [e.detail for e in act.events
            if e.kind in (panel.ASSIGNED, panel.REASSIGNED) and e.assignment_id in live and "load" in e.detail]


def _load_reason(act: m.DraftAct, expert: panel.Expert, load: int) -> panel.Reason:
    chosen = _chosen_at(act, expert.seat)
    if act.status == m.ActStatus.WAITING or not chosen:
        return panel.Reason(N_("Eligible: considered at the next assignment, with {load} open assignments"),
                            {"load": load})
    busiest = max(chosen, key=lambda detail: detail["load"])
    if load > busiest["load"]:
        return panel.Reason(N_("Busier than the chosen: {load} open assignments now, the chosen had {chosen} "
                                     "when chosen"), {"load": load, "chosen": busiest["load"]})
    if load == busiest["load"]:
        return panel.Reason(N_("As busy as the chosen ({load} open assignments); the draw with seed {seed} "
                                     "picked another"), {"load": load, "seed": busiest["seed"]})
    return panel.Reason(N_("Eligible now with {load} open assignments; when the act was assigned another was "
                                 "less busy or this expert was not available"), {"load": load})


def why(session: Session, number: str, expert_id: int | str, at: datetime, lang: str | None = None) -> dict:
    """Whether the expert sits on the act's panel, and if not every reason why not."""
    act = act_by_number(session, number)
    live = [a for a in act.assignments if not a.withdrawn]
    expert, *members = pool.as_experts(session, [absences.expert(session, expert_id, any_role=True)]
                                       + [a.expert for a in live])
    seat = next((a for a in live if a.expert_id == expert.id), None)
    result = {"act": act.number, "expert": {"id": str(expert.id), "name": expert.name, "role": expert.role}}
    if seat:
        return {**result, "chosen": True, "place": seat.role,
                "due": seat.due_at.astimezone(KZ_TIME).isoformat(timespec="minutes"), "reasons": []}
    if act.person is None:  # an expert's workstation holds the act, not the panel's reasons
        raise UserError(N_("This workstation holds an expert's copy of the act; ask the department why."))
    case = panel.Case(act.person.region_code, act.department_id, act.diagnosis_main_icd10)
    reasons = panel.reasons_against(expert, case, _window(session, live, at), members)
    if not reasons:
        reasons = [_load_reason(act, expert, pool.open_loads(session).get(expert.id, 0))]
    return {**result, "chosen": False, "reasons": [r.text(lang) for r in reasons]}
