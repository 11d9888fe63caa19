"""The audit trail in the database: entries appended to the hash chain of
``app.domain.audit`` under a lock on the chain's head, its verification, openings of a person's
personal data, and the administrator's listing.

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

from .. import models as m
from ..domain import audit as chain_rules
from . import access

HEAD_ID = 1
_ENTRIES = m.AuditEntry.__table__
_HEAD = m.AuditHead.__table__
PENDING = "audit_pending"
# The statements of every append, made once (intake appends once a package).
_TOUCH_HEAD = update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(entries=_HEAD.c.entries)
_READ_HEAD = select(_HEAD.c.last_hash, _HEAD.c.entries).where(_HEAD.c.id == HEAD_ID)
_READ_HEAD_FOR_UPDATE = _READ_HEAD.with_for_update()
_INSERT_ENTRIES = _ENTRIES.insert().returning(_ENTRIES.c.id)
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(
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
        connection.execute(_HEAD.insert().values(id=HEAD_ID, entries=0, last_id=None, last_hash=""))
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


def opened_personal(session: Session, table_name: str, row_id) -> None:
    """Someone opens a person's personal data (the act card's personal part, ``acts show``):
    allowed by the role, and an audit entry of its own (docs/admin-guide.md, "The audit trail")."""
    actor = access.require(session, "acts.view_personal")
    database = session.info.get("database")
    add_pending(session, [entry(getattr(database, "user", None) or actor.name, "view", table_name, row_id)])


def head(session: Session) -> dict:
    """``saraptama audit head``: the chain's end, to keep elsewhere (printed, sent away): a later
    ``audit verify --anchor`` then also finds a trail rewritten with every hash recomputed."""
    access.require(session, "audit.view")
    row = session.execute(select(_HEAD).where(_HEAD.c.id == HEAD_ID)).first()
    return {"entries": row.entries if row else 0, "last_id": row.last_id if row else None,
            "last_hash": row.last_hash if row else ""}


def _anchor_holds(session: Session, anchor: dict) -> bool:
    """The kept head's entry is still in the chain with the same hash."""
    if not anchor.get("last_id"):
        return True
    stored = session.scalar(select(_ENTRIES.c.hash).where(_ENTRIES.c.id == anchor["last_id"]))
    return stored == anchor.get("last_hash")


def verify(session: Session, anchor: dict | None = None) -> dict:
    """``saraptama audit verify``: {"ok", "entries", "first_broken"} over the whole chain; with
    ``anchor`` (an earlier ``head``) the entry it names must still carry its hash."""
    access.require(session, "audit.view")
    head = session.execute(select(_HEAD).where(_HEAD.c.id == HEAD_ID)).first()
    columns = [_ENTRIES.c.id, _ENTRIES.c.prev_hash, _ENTRIES.c.hash,
               *(_ENTRIES.c[name] for name in chain_rules.CONTENT_FIELDS)]
    rows = session.execute(select(*columns).order_by(_ENTRIES.c.id).execution_options(yield_per=2000)).mappings()
    verdict = chain_rules.verify(rows, head.last_id if head else None, head.last_hash if head else "",
                                 head.entries if head else 0)
    if anchor is not None and not _anchor_holds(session, anchor):
        kept = anchor["last_id"]
        verdict.ok = False
        verdict.first_broken = kept if verdict.first_broken is None else min(verdict.first_broken, kept)
    return verdict.as_dict()


def listing(session: Session, *, user: str | None = None, action: str | None = None, table_name: str | None = None,
            since: datetime | None = None, until: datetime | None = None, limit: int = 500) -> list[dict]:
    """The newest entries first, filtered; for the administrator's view and ``audit list``."""
    access.require(session, "audit.view")
    query = select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(limit)
    for column, value in ((m.AuditEntry.user, user), (m.AuditEntry.action, action),
                          (m.AuditEntry.table_name, table_name)):
        if value:
            query = query.where(column == value)
    if since is not None:
        query = query.where(m.AuditEntry.at >= since)
    if until is not None:
        query = query.where(m.AuditEntry.at < until)
    return [{"id": e.id, "at": e.at.isoformat(timespec="seconds"), "user": e.user, "action": e.action,
             "table": e.table_name, "row": e.row_id, "changes": e.changes, "before": e.before}
            for e in session.scalars(query)]
