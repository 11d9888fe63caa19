"""Who acts in a unit of work, and the one check every changing service entry point makes:
``require(session, "registry.include")`` refuses an action the signed-in role may not take
(``app.domain.permissions``), whether the window, a command or the hub asked.

A database without accounts is unprotected: everyone may do everything, exactly as before
accounts existed (demonstration data, scripts, the docs/interfaces.md contracts).  Creating the first
administrator switches sign-in on for that database for good; from then on a unit of work with
nobody signed in is refused.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from ..domain import permissions
from ..domain.permissions import Actor
from ..domain.settings import SIGN_IN

def sign_in_on(session: Session) -> bool:
    setting = session.get(m.Setting, SIGN_IN.name)
    return SIGN_IN.parse(setting.value if setting else None)


def switch_sign_in_on(session: Session) -> None:
    session.merge(m.Setting(key=SIGN_IN.name, value=SIGN_IN.text(True)))


def actor_of(session: Session) -> Actor | None:
    """The signed-in actor (of this unit of work, as the hub sets it per request, else of the
    database); everyone on an unprotected database; None when sign-in is on and nobody signed in."""
    database = session.info.get("database")
    actor = session.info.get("actor") or getattr(database, "actor", None)
    if actor is not None:
        return actor
    if sign_in_on(session):
        return None
    return permissions.unprotected(getattr(database, "user", "system"))


def require(session: Session, action: str) -> Actor:
    actor = actor_of(session)
    permissions.require(actor, action)
    return actor


def allows(session: Session, action: str) -> bool:
    return permissions.allows(actor_of(session), action)


def require_on(db, action: str) -> Actor:
    """``require`` for a service that opens its own units of work on ``db``."""
    with db.session() as session:
        return require(session, action)
