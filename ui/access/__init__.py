"""Sign-in in the window: who is signed in, what their role lets the window show,
the lock after inactivity and the administrator's view of the audit trail.

The window hides what the role may not do by asking the same table the services enforce
(``app.domain.permissions``); a service refuses anyway whatever the window showed."""

from __future__ import annotations

from app.domain import permissions
from app.storage import Database


def actor(db: Database) -> permissions.Actor:
    """The signed-in account; on a database without accounts everyone (unprotected)."""
    return db.actor or permissions.unprotected(db.user)


def allows(db: Database, action: str) -> bool:
    return permissions.allows(actor(db), action)


def protected(db: Database) -> bool:
    return db.actor is not None and not db.actor.unprotected


class Gates:
    """Actions and widgets of the window shown only to roles that may take their action."""

    def __init__(self):
        self._gated: list[tuple[object, str]] = []

    def add(self, item, action: str) -> None:
        self._gated.append((item, action))

    def apply(self, db: Database) -> None:
        for item, action in self._gated:
            item.setVisible(allows(db, action))
