"""Every status column with the transition table of its workflow, and the two ways a status changes.

* An object's attribute (``act.status = …``): ``watch()`` makes every such change check its table
  (the tests switch it on for every test; a change outside the table raises ``IllegalTransition``).
* A claiming UPDATE (``advance``): the status changes only where it still is ``current``, so two
  processes never both take the step; the table is checked before the statement runs.

Copying another database's state is no step of a workflow: an expert's laptop takes the department's
copy of an act as it stands (``copying``).  ``tests/unit/test_states.py`` also scans ``app/`` so that
no UPDATE writes a status any other way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from sqlalchemy import CursorResult, Executable, event, update
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from ..domain import appeals, registry, review
from ..domain.states import OUTBOX_TRANSITIONS
from .cases import Appeal, DraftAct, OutboxMessage
from .registry import RegistryApplication

TABLES: dict[InstrumentedAttribute, dict] = {
    DraftAct.status: review.TRANSITIONS,  # §24-25, §44-48
    Appeal.status: appeals.TRANSITIONS,  # §54-56, §73
    RegistryApplication.status: registry.TRANSITIONS,  # Registry Rules p. 6-11
    OutboxMessage.status: OUTBOX_TRANSITIONS,
}
_COPYING: ContextVar[bool] = ContextVar("copying another database's states", default=False)


class IllegalTransition(RuntimeError):
    """A status changed in a way its workflow's table does not hold: a fault of the program."""


def check(attribute: InstrumentedAttribute, old: StrEnum | None, new: StrEnum) -> None:
    allowed = TABLES[attribute].get(old, ())
    if new not in allowed:
        raise IllegalTransition(f"{attribute}: {old or 'new'} -> {new} is not in its transition table "
                                f"(allowed: {', '.join(allowed) or 'nothing'})")


def advance(session: Session, attribute: InstrumentedAttribute, where: tuple, current: StrEnum, target: StrEnum,
            **values) -> int:
    """``UPDATE … SET status = target WHERE <where> AND status = current``, checked against the table;
    returns how many rows moved (0: another process moved them first)."""
    check(attribute, current, target)
    statement = (update(attribute.class_).where(*where, attribute == current)
                 .values({attribute.key: target, **values}).execution_options(synchronize_session=False))
    return changed_rows(session, statement)


def changed_rows(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE or DELETE changed (``Session.execute`` is typed as a plain ``Result``;
    what a data-changing statement gives is a ``CursorResult``, which counts them)."""
    result = session.execute(statement)
    if not isinstance(result, CursorResult):
        raise TypeError("not a data-changing statement")
    return result.rowcount


@contextmanager
def copying() -> Iterator[None]:
    """States set inside (by this thread or task) are copies of another database's, not steps: they
    are not checked."""
    token = _COPYING.set(True)
    try:
        yield
    finally:
        _COPYING.reset(token)


def _on_set(attribute: InstrumentedAttribute):
    def checked(_target, value, old, _initiator):
        if _COPYING.get():
            return value
        before = None if old in (NO_VALUE, NEVER_SET, None) else old
        if before != value:
            check(attribute, before, value)
        return value
    return checked


def watch() -> None:
    """Checks every change of a status attribute against its table from now on (idempotent)."""
    for attribute in TABLES:
        listener = _LISTENERS.setdefault(attribute, _on_set(attribute))
        if not event.contains(attribute, "set", listener):
            event.listen(attribute, "set", listener, active_history=True, retval=True)


_LISTENERS: dict = {}
