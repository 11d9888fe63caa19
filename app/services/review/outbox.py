"""Delivering the outbox: SMS to persons through the SMS gateway, notices to medical
organisations through ИС МЗ РК (docs/domain.md §9), each behind one interface with a file-backed
stand-in that writes one JSON line per message in the data folder.

Never twice: a message is first claimed (``pending`` → ``sending``) in its own transaction by a
conditional update only one process can win, then handed to the gateway, then marked ``sent``.
A refusal puts it back to ``pending`` with the reason, and the next delivery tries again.  A
process that dies between handing a message over and marking it leaves it ``sending``: it is
never sent again by itself (at most once), and ``outbox list`` shows it for a person to check.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import select

from ... import models as m
from ...domain.states import OutboxStatus
from ...models import transitions
from ...domain.clock import KZ_TIME
from ...errors import UserError
from ...i18n import N_
from ...storage import Database
from .. import access

SMS_FILE, MIS_FILE = "sms-gateway.jsonl", "mis-notices.jsonl"
KZ_MOBILE = re.compile(r"\+7\d{10}")


class Refused(Exception):
    """The gateway did not take the message; ``str`` is the reason it gave."""


class Gateway(Protocol):
    def send(self, message: dict) -> None:
        """Hands one message over or raises ``Refused``."""


class FileGateway:
    """The stand-in: appends one JSON line per message; refuses what a real gateway would."""

    def __init__(self, path: Path, channel: str):
        self.path, self.channel = path, channel

    def send(self, message: dict) -> None:
        if self.channel == "sms" and not KZ_MOBILE.fullmatch(message["to"]):
            raise Refused("not a Kazakhstan mobile number")
        if self.channel == "mis" and not message["to"]:
            raise Refused("no medical organisation to send to")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(message, ensure_ascii=False) + "\n")


def file_gateways(folder: Path) -> dict[str, Gateway]:
    return {"sms": FileGateway(folder / SMS_FILE, "sms"), "mis": FileGateway(folder / MIS_FILE, "mis")}


def _claim(db: Database, message_id: int) -> dict | None:
    with db.session() as session:
        if transitions.advance(session, m.OutboxMessage.status, (m.OutboxMessage.id == message_id,),
                               OutboxStatus.PENDING, OutboxStatus.SENDING,
                               attempts=m.OutboxMessage.attempts + 1) != 1:
            return None  # another process has it
        row = session.get(m.OutboxMessage, message_id)
        return {"id": row.id, "key": row.key, "channel": row.channel, "to": row.to, "lang": row.lang,
                "text": row.text}


def _finish(db: Database, message_id: int, at: datetime, error: str | None) -> None:
    target, values = (OutboxStatus.PENDING, {"last_error": error}) if error else (
        OutboxStatus.SENT, {"sent_at": at, "last_error": ""})
    with db.session() as session:
        transitions.advance(session, m.OutboxMessage.status, (m.OutboxMessage.id == message_id,),
                            OutboxStatus.SENDING, target, **values)


def deliver(db: Database, gateways: dict[str, Gateway], at: datetime) -> dict:
    """Hands every pending message of a known channel to its gateway, once."""
    with db.session() as session:
        pending = list(session.scalars(select(m.OutboxMessage.id).where(
            m.OutboxMessage.status == OutboxStatus.PENDING, m.OutboxMessage.channel.in_(list(gateways)))
            .order_by(m.OutboxMessage.id)))
    sent, refused = 0, 0
    for message_id in pending:
        message = _claim(db, message_id)
        if message is None:
            continue
        try:
            gateways[message["channel"]].send({**message, "at": at.astimezone(KZ_TIME).isoformat(timespec="minutes")})
        except Refused as refusal:
            _finish(db, message_id, at, str(refusal) or "refused")
            refused += 1
        else:
            _finish(db, message_id, at, None)
            sent += 1
    return {"sent": sent, "refused": refused}


def _readable(session) -> Callable[[m.OutboxMessage], bool]:
    """Whose messages' words the viewer may read: a message names its person (an act's notice) or
    applicant (the registry's); the department's staff read the first, the Committee the second
    (Registry Rules ch. 2), an independent expert or an administrator neither (§25.2)."""
    persons, applicants = access.allows(session, "acts.view_personal"), access.allows(session, "registry.apply")
    return lambda message: persons if message.act_id is not None else applicants


def listing(session, *, status: str | None = None, limit: int = 100) -> list[dict]:
    """The newest messages; their words, address and error only to a viewer who may read them."""
    query = select(m.OutboxMessage).order_by(m.OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(m.OutboxMessage.status == status)
    readable = _readable(session)
    return [{"id": r.id, "channel": r.channel, "status": r.status, "attempts": r.attempts, "lang": r.lang,
             "created_at": r.created_at.astimezone(KZ_TIME).isoformat(timespec="minutes"),
             "sent_at": r.sent_at.astimezone(KZ_TIME).isoformat(timespec="minutes") if r.sent_at else None,
             **({"error": r.last_error, "text": r.text, "key": r.key} if readable(r) else
                {"error": None, "text": None, "key": None})}
            for r in session.scalars(query)]


def send_again(session, message_id: int) -> None:
    """A message refused by its gateway, or left ``sending`` by a process that stopped (a person
    checked that it did not arrive), goes back to the queue; the next delivery sends it."""
    row = session.get(m.OutboxMessage, message_id)
    if row is None or row.status == "sent":
        raise UserError(N_("Only a message not yet sent can be sent again."))
    row.status = "pending"
    row.last_error = ""
