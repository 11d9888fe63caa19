"""The list of draft acts ``saraptama acts list`` prints, defined once: a query of SQLAlchemy's
core on the few columns it shows, which a unit of work of the ORM (after signing in, on a database
with accounts) and a bare connection opened before the models are declared (the command's quick
start) run alike.

It names no person (number, status, department, dates, documents in force): what it prints may
be printed on any workstation, an expert's too (§25.2).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, column, select, table

from ..column_types import UtcDateTime
from ..domain.clock import KZ_TIME
from ..domain.states import ActStatus
from ..errors import UserError

STATUS_NAMES = tuple(status.value for status in ActStatus)

# The columns the list reads, as lightweight tables (no models): the same names as app.models'.
_act = table("draft_act", column("id", Integer), column("number", String), column("status", String),
             column("registered_at", UtcDateTime), column("due_at", UtcDateTime), column("department_id", Integer))
_department = table("department", column("id", Integer), column("code", String))
_document = table("issued_document", column("act_id", Integer), column("kind", String),
                  column("replaced_at", UtcDateTime))


def kz_minutes(moment: datetime | None) -> str | None:
    """A stored moment as the command prints it: Kazakhstan's time, to the minute."""
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def list_acts(db, *, status: str | None = None, limit: int = 100) -> list[dict]:
    """The first ``limit`` acts by registration (of one ``status``), with the documents in force
    of each; ``db`` is a ``Session`` or a ``Connection``."""
    if limit < 0:
        raise UserError("The limit cannot be negative.")
    query = (select(_act.c.number, _act.c.status, _department.c.code, _act.c.registered_at, _act.c.due_at,
                    _act.c.id)
             .select_from(_act.outerjoin(_department, _act.c.department_id == _department.c.id))
             .order_by(_act.c.registered_at, _act.c.id).limit(limit))
    if status:
        query = query.where(_act.c.status == ActStatus(status).value)
    rows = db.execute(query).all()
    documents = _documents(db, [row.id for row in rows])
    return [{"number": row.number, "status": row.status, "department": row.code,
             "registered_at": kz_minutes(row.registered_at), "due": kz_minutes(row.due_at),
             "documents": documents.get(row.id, [])} for row in rows]


def _documents(db, act_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for act_id, kind in db.execute(select(_document.c.act_id, _document.c.kind)  # those in force
                                   .where(_document.c.act_id.in_(act_ids), _document.c.replaced_at.is_(None))):
        result.setdefault(act_id, []).append(kind)
    return result
