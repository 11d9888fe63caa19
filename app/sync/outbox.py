"""The device's outbox of changes for the hub: commands with ids made here, kept until the hub
has answered them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..models.base import new_uid, utcnow
from . import protocol

ANSWER_STATES = {protocol.APPLIED: protocol.SENT, protocol.CONFLICT: protocol.CONFLICTED,
                 protocol.REFUSED: protocol.QUARANTINED}


def enqueue(session: Session, kind: str, record: str, content: dict, command_id: str | None = None) -> str:
    """Queues a change; a command id already queued is left as it is (enqueueing is idempotent)."""
    command_id = command_id or new_uid()
    if session.scalar(select(m.SyncOutboxEntry.id).where(m.SyncOutboxEntry.command_id == command_id)) is None:
        session.add(m.SyncOutboxEntry(command_id=command_id, kind=kind, record=record[:64], content=content,
                                      state=protocol.QUEUED))
        session.flush()
    return command_id


def enqueue_decision(session: Session, entry: dict) -> str:
    """An expert's decision made on this device, as the file of decisions carries it (``exchange``:
    act, uid, decided_at, content …): its uid is the command id."""
    return enqueue(session, protocol.DECISION, entry["act"], entry, command_id=f"decision:{entry['uid']}")


def queued(session: Session, limit: int) -> list[dict]:
    entries = session.scalars(select(m.SyncOutboxEntry).where(m.SyncOutboxEntry.state == protocol.QUEUED)
                              .order_by(m.SyncOutboxEntry.id).limit(limit))
    return [{"id": e.command_id, "kind": e.kind, "content": e.content} for e in entries]


def record_answer(session: Session, answer: dict) -> m.SyncOutboxEntry | None:
    """Stores the hub's answer to one command; returns the entry it changed."""
    entry = session.scalar(select(m.SyncOutboxEntry).where(m.SyncOutboxEntry.command_id == answer["id"]))
    if entry is None or entry.state != protocol.QUEUED:
        return None
    status = answer.get("first") if answer["status"] == protocol.DUPLICATE else answer["status"]
    entry.state = ANSWER_STATES.get(status, protocol.QUARANTINED)
    entry.reason = answer.get("reason")
    entry.sent_at = utcnow()
    return entry


def entries(session: Session, state: str | None = None) -> list[dict]:
    query = select(m.SyncOutboxEntry).order_by(m.SyncOutboxEntry.id)
    if state:
        query = query.where(m.SyncOutboxEntry.state == state)
    return [{"command": e.command_id, "kind": e.kind, "record": e.record, "state": e.state, "reason": e.reason}
            for e in session.scalars(query)]


def record_states(session: Session) -> dict[str, str]:
    """The sync state of each record with changes in the outbox (the latest change's state)."""
    return dict(session.execute(select(m.SyncOutboxEntry.record, m.SyncOutboxEntry.state)
                                .order_by(m.SyncOutboxEntry.id)).all())
