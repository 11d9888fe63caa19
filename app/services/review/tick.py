"""``saraptama tick``: every automatic step that has come due (§45), then the outbox.

§45 counts from the SMS that routes the person, sent when the act is routed: from the end of
the 2nd working day after it (15:30-18:00 visits, ``in_person_visit``) the SMS is repeated once;
after the 4th working day (``in_person_no_show``) without a visit the routing closes as
"poorly completed".  Each step runs in its own transaction and claims its act first (a
conditional update), so running twice, or in two processes at once, takes each step once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ... import models as m
from ...models import transitions
from ...domain.deadlines import due
from ...errors import UserError
from ...storage import Database
from .. import production_calendar
from ..assignment import history
from . import messages, outbox, routing
from .. import access


def _due_steps(session: Session, at: datetime) -> list[tuple[int, str]]:
    calendar = production_calendar.load(session)
    steps = []
    for act_id, routed_at, reminded_at in session.execute(
            select(m.DraftAct.id, m.Conclusion.concluded_at, m.Conclusion.reminded_at)
            .join(m.Conclusion, m.Conclusion.act_id == m.DraftAct.id)
            .where(m.DraftAct.status == m.ActStatus.IN_PERSON, m.Conclusion.arrived_at.is_(None))
            .order_by(m.DraftAct.id)):
        if at > due("in_person_no_show", routed_at, calendar).at:
            steps.append((act_id, "no_show"))
        elif reminded_at is None and at > due("in_person_visit", routed_at, calendar).at:
            steps.append((act_id, "remind"))
    return steps


def _remind(session: Session, act: m.DraftAct, at: datetime) -> bool:
    claimed = transitions.changed_rows(session, update(m.Conclusion).where(
        m.Conclusion.act_id == act.id, m.Conclusion.reminded_at.is_(None)).values(reminded_at=at))
    if claimed != 1:
        return False
    messages.queue_sms(session, act, "reminder", at, **routing._department_text(act))
    history.record(session, act, "sms_repeated", at)
    return True


def _take(db: Database, act_id: int, step: str, at: datetime) -> bool:
    try:
        with db.session() as session:
            act = session.get(m.DraftAct, act_id)
            if act.status != m.ActStatus.IN_PERSON or act.conclusion.arrived_at is not None:
                return False  # another process took it, or the person came
            if step == "remind":
                return _remind(session, act, at)
            routing.close_in_person(session, act, "no_show", at)
            return True
    except UserError:  # changed by another process at the same moment: it took the step
        return False


def tick(db: Database, at: datetime, gateways: dict[str, outbox.Gateway]) -> dict:
    access.require_on(db, "acts.tick")
    with db.session() as session:
        steps = _due_steps(session, at)
    taken = {"remind": 0, "no_show": 0}
    for act_id, step in steps:
        taken[step] += _take(db, act_id, step, at)
    return {"sms_repeated": taken["remind"], "closed_no_show": taken["no_show"],
            **outbox.deliver(db, gateways, at)}
