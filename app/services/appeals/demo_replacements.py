"""Demonstration of result documents that follow a control department's conclusion.

Two cases taken through the real steps of ``workflow`` on signed acts whose certificate of
disability was issued: a §56 appeal and a §73 control re-examination (the person came), each
concluding one group lighter.  The conclusion issues the
control department's own certificate (its series, a new number) and the department's certificate
is marked replaced (``documents.follow_conclusion``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import appeals as rules
from ...domain.clock import KZ_TIME
from ...errors import UserError
from .. import production_calendar
from ..review.routing import conclusion_of
from . import workflow
from .demo import _moment, working_day_before

LIGHTER = {"I": ("II", 2), "II": ("III", 1)}  # group -> one lighter and the highest degree it allows (§58-60)
# (kind, working days before today it began, its steps after that: (step, working days later))
PLANS = (
    (rules.PROACTIVE, 8, (("register", 1), ("forward", 1), ("conclude", 3))),
    (rules.CONTROL, 6, (("conclude", 2),)),
)


def lighter(decision: dict) -> dict | None:
    """The conclusion one group lighter: every restriction capped at the degree that group allows."""
    group = decision.get("group")
    found = LIGHTER.get(group) if isinstance(group, str) else None
    if found is None:
        return None
    group, degree = found
    restrictions = {key: min(value, degree) for key, value in (decision.get("restrictions") or {}).items()}
    return {**{k: v for k, v in decision.items() if k != "outcome"}, "group": group, "restrictions": restrictions}


def _candidates(session: Session, before: datetime) -> list[m.DraftAct]:
    """Signed adult acts with a certificate of disability in force, no case yet, signed before ``before``."""
    certified = select(m.IssuedDocument.act_id).where(m.IssuedDocument.kind == "disability-certificate",
                                                      m.IssuedDocument.replaced_at.is_(None))
    return list(session.scalars(select(m.DraftAct).join(m.Conclusion).where(
        m.DraftAct.status == m.ActStatus.SIGNED, m.DraftAct.age_years >= 18, m.Conclusion.proactive.is_(True),
        m.Conclusion.signed_at < before, m.DraftAct.id.in_(certified),
        ~m.DraftAct.id.in_(select(m.Appeal.act_id))).order_by(m.Conclusion.signed_at.desc(), m.DraftAct.id)))


def _run(session: Session, kind: str, act: m.DraftAct, decision: dict, calendar, day: date, index: int,
         steps: tuple) -> None:
    start = _moment(day, index)
    if kind == rules.CONTROL:
        appeal_id = workflow.open_control(session, act.number, "unjustified_conclusion", start)["id"]
    else:
        appeal_id = workflow.file_appeal(session, act.number, start, text="Не согласен с группой.")["id"]
    for step, gap in steps:
        day = calendar.nth_working_day(day + timedelta(days=1), gap)
        at = _moment(day, index)
        if step == "conclude":
            workflow.conclude(session, appeal_id, decision, at, confirm_warnings=True)
        else:
            getattr(workflow, step)(session, appeal_id, at)


def replacements(session: Session, today: datetime) -> int:
    """The plans on acts whose conclusion can be one group lighter; returns how many were made."""
    calendar = production_calendar.load(session)
    made = 0
    for kind, days_back, steps in PLANS:
        day = working_day_before(calendar, today.astimezone(KZ_TIME).date(), days_back)
        for act in _candidates(session, _moment(day, made)):
            decision = lighter(conclusion_of(act).decision or {})
            if decision is None:
                continue
            try:
                with session.begin_nested():  # a decision the rules refuse leaves nothing behind
                    _run(session, kind, act, decision, calendar, day, made, steps)
            except UserError:
                continue
            made += 1
            break
    return made
