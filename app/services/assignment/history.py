"""A draft act's history: received, assigned, reassigned, a place withdrawn or left empty,
with who, when and why (§25.4; Registry Rules p. 14), for the act's card and the commands."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain import panel
from ...domain.clock import KZ_TIME


def user_of(session: Session) -> str:
    database = session.info.get("database")
    return database.user if database else "system"


def record(session: Session, act: m.DraftAct, kind: str, at: datetime, *, expert: m.StaffMember | None = None,
           assignment: m.Assignment | None = None, reason: panel.Reason | None = None, **detail) -> m.ActEvent:
    """Appends one event to the act's history (``kind`` one of ``panel.EVENT_KINDS``)."""
    if kind not in panel.EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    event = m.ActEvent(act=act, kind=kind, at=at, user=user_of(session), expert=expert, assignment=assignment,
                       reason=reason.as_dict() if reason else None, detail=detail)
    session.add(event)
    return event


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def events(session: Session, act: m.DraftAct, lang: str | None = None) -> list[dict]:
    """The act's history, oldest first; its arrival is shown even when intake recorded none."""
    rows = list(session.scalars(select(m.ActEvent).where(m.ActEvent.act_id == act.id).order_by(m.ActEvent.id)
                                .options(selectinload(m.ActEvent.expert))))
    shown = [] if any(e.kind == panel.RECEIVED for e in rows) else [
        {"kind": panel.RECEIVED, "at": _kz(act.registered_at), "user": "", "expert": None, "reason": None}]
    return shown + [{
        "kind": e.kind, "at": _kz(e.at), "user": e.user,
        "expert": {"id": str(e.expert.id), "name": e.expert.full_name} if e.expert else None,
        "reason": panel.Reason.from_dict(e.reason).text(lang) if e.reason else None,
        **({"detail": _shown_detail(e.detail, lang)} if e.detail else {})} for e in rows]


def _shown_detail(detail: dict, lang: str | None) -> dict:
    """The event's detail, a reason in it (why staff took a registry expert's place, Registry Rules
    p. 14) in the reader's language."""
    if "staff_because" not in detail:
        return detail
    return {**detail, "staff_because": panel.Reason.from_dict(detail["staff_because"]).text(lang)}
