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
from ..errors import UserError
from ..i18n import N_
from .stored_settings import read_setting


def sign_in_on(session: Session) -> bool:
    return read_setting(session, SIGN_IN)


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
    assert actor is not None  # nobody signed in on a database with accounts is refused above
    return actor


def allows(session: Session, action: str) -> bool:
    return permissions.allows(actor_of(session), action)


def require_on(db, action: str) -> Actor:
    """``require`` for a service that opens its own units of work on ``db``."""
    with db.session() as session:
        return require(session, action)


def own_expert(session: Session, requested: int | None, action: str) -> int | None:
    """The expert an act of judgment (``action``) is recorded for: the signed-in account's own
    expert record; another expert's id is refused (``permissions.NotOwnName``, an audit entry of
    its own).  On a database without accounts: ``requested`` (a one-person trial)."""
    return permissions.own_expert(actor_of(session), requested, action)


def trial(session: Session) -> bool:
    """A database without accounts: one person tries the program, and acts in any expert's name."""
    return not sign_in_on(session)


def judging_expert(session: Session, requested: int | None, action: str) -> int:
    """``own_expert``, which must name someone: on a trial database the expert is given."""
    expert_id = own_expert(session, requested, action)
    if expert_id is None:
        raise UserError(N_("Name the expert (--expert ID): this database has no accounts, so nobody is signed in "
                           "to act as."))
    return expert_id
