"""Writing the audit trail: entries appended to the hash chain of ``app.domain.audit`` under a
lock on the chain's head.  ``app.storage`` writes an entry for every row a unit of work changes;
reading, verifying and listing the trail are ``app.services.audit``'s.

Entries made while a unit of work runs wait in the session and are chained when it commits, so
the head is locked only for the moment before the commit: ``SELECT … FOR UPDATE`` of the head row
on PostgreSQL; on SQLite the transaction already holds the one write lock (it wrote the rows being
audited; a unit of work that only reads first writes the head).  Two processes appending at once
therefore never chain onto the same entry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from . import models as m
from .domain import audit as chain_rules

HEAD_ID = 1
ENTRIES = m.AuditEntry.__table__
HEAD = m.AuditHead.__table__
PENDING = "audit_pending"
# The statements of every append, made once (intake appends once a package).
_TOUCH_HEAD = update(HEAD).where(HEAD.c.id == HEAD_ID).values(entries=HEAD.c.entries)
_READ_HEAD = select(HEAD.c.last_hash, HEAD.c.entries).where(HEAD.c.id == HEAD_ID)
_READ_HEAD_FOR_UPDATE = _READ_HEAD.with_for_update()
_INSERT_ENTRIES = ENTRIES.insert().returning(ENTRIES.c.id)
_MOVE_HEAD = update(HEAD).where(HEAD.c.id == HEAD_ID).values(
    entries=bindparam("new_entries"), last_id=bindparam("new_last_id"), last_hash=bindparam("new_last_hash"))


def entry(user: str, action: str, table_name: str, row_id, changes: dict | None = None,
          before: dict | None = None, at: datetime | None = None) -> dict:
    return {"user": user[:100], "action": action[:10], "table_name": table_name[:64], "row_id": str(row_id)[:64],
            "changes": _plain(changes or {}), "before": _plain(before or {}), "at": at or m.utcnow()}


def _plain(values: dict) -> dict:
    """``chain_rules.plain``, skipped for values that are plain already (a bulk step's thousands)."""
    if all(isinstance(value, (str, int, float, bool, type(None))) for value in values.values()):
        return values
    return chain_rules.plain(values)


def _lock_head(connection: Connection, write_locked: bool) -> tuple[str, int]:
    """The head's hash and entry count, locked until the transaction ends (``write_locked``: the
    transaction holds SQLite's write lock already, as intake's BEGIN IMMEDIATE does)."""
    if connection.dialect.name == "sqlite" and not write_locked:  # take the write lock before reading the head
        connection.execute(_TOUCH_HEAD)
    row = connection.execute(_READ_HEAD_FOR_UPDATE if connection.dialect.name == "postgresql" else _READ_HEAD).first()
    if row is None:  # a schema made without the migrations (it seeds the head)
        connection.execute(HEAD.insert().values(id=HEAD_ID, entries=0, last_id=None, last_hash=""))
        return "", 0
    return row.last_hash, row.entries


def append(connection: Connection, entries: list[dict], *, write_locked: bool = False) -> None:
    """Chains ``entries`` (see ``entry``) after the head and stores them, in this transaction."""
    if not entries:
        return
    last_hash, count = _lock_head(connection, write_locked)
    head = chain_rules.chain(last_hash, entries)
    last_id = max(connection.execute(_INSERT_ENTRIES, entries).scalars())
    connection.execute(_MOVE_HEAD, {"new_entries": count + len(entries), "new_last_id": last_id, "new_last_hash": head})


def add_pending(session: Session, entries: list[dict]) -> None:
    """Entries chained when the session commits (``flush_pending``)."""
    session.info.setdefault(PENDING, []).extend(entries)


def flush_pending(session: Session) -> None:
    entries = session.info.pop(PENDING, [])
    if entries:
        append(session.connection(), entries)


def drop_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
