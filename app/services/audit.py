"""The audit trail in the database: its verification, openings of a person's personal data, and
the administrator's listing.  Entries are written by ``app.audit_trail`` (chained when a unit of work
commits), whose ``entry`` and ``append`` are read through this module too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..audit_trail import ENTRIES, HEAD, HEAD_ID, add_pending, append as append, entry
from ..domain import audit as chain_rules
from . import access


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
    row = session.execute(select(HEAD).where(HEAD.c.id == HEAD_ID)).first()
    return {"entries": row.entries if row else 0, "last_id": row.last_id if row else None,
            "last_hash": row.last_hash if row else ""}


def _anchor_holds(session: Session, anchor: dict) -> bool:
    """The kept head's entry is still in the chain with the same hash."""
    if not anchor.get("last_id"):
        return True
    stored = session.scalar(select(ENTRIES.c.hash).where(ENTRIES.c.id == anchor["last_id"]))
    return stored == anchor.get("last_hash")


def verify(session: Session, anchor: dict | None = None) -> dict:
    """``saraptama audit verify``: {"ok", "entries", "first_broken"} over the whole chain; with
    ``anchor`` (an earlier ``head``) the entry it names must still carry its hash."""
    access.require(session, "audit.view")
    head = session.execute(select(HEAD).where(HEAD.c.id == HEAD_ID)).first()
    columns = [ENTRIES.c.id, ENTRIES.c.prev_hash, ENTRIES.c.hash,
               *(ENTRIES.c[name] for name in chain_rules.CONTENT_FIELDS)]
    rows = session.execute(select(*columns).order_by(ENTRIES.c.id).execution_options(yield_per=2000)).mappings()
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
