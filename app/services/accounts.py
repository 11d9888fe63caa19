"""Accounts of the people who sign in (issue 12): Argon2id password hashes, lockout after
repeated failures, and ``saraptama users add|list|disable|reset-password``.

The first administrator may be created by anyone (the welcome screen, or ``users add`` on a
database without accounts); that switches sign-in on (``app.services.access``).  Every other
change of an account needs the ``users.manage`` action.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain import permissions
from ..domain.clock import KZ_TIME, now_kz
from ..domain.permissions import Actor, Role
from ..errors import UserError
from . import access, workstation

MAX_FAILURES = 5                  # failed sign-ins in a row before the account locks
LOCK_TIME = timedelta(minutes=15)
MIN_PASSWORD = 8
LOCK_MINUTES_KEY = "lock_minutes"  # the window locks after this many minutes without a key or a click
DEFAULT_LOCK_MINUTES = 15
_HASHER = PasswordHasher()        # Argon2id with the library's recommended cost (RFC 9106 second choice)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError("A password needs at least {count} characters.", count=MIN_PASSWORD)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 100 or not name.isprintable():
        raise UserError("An account name is 1 to 100 printable characters.")
    return name


def account(session: Session, name: str) -> m.Account:
    found = session.scalar(select(m.Account).where(m.Account.name == name))
    if found is None:
        raise UserError("There is no account {name}.", name=name)
    return found


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(m.Account.id > 0))))


def add(session: Session, name: str, role: Role, password: str) -> dict:
    """A new account; the first one must be an administrator and needs no permission."""
    name = _check_name(name)
    first = not has_accounts(session)
    if first and role is not Role.ADMIN:
        raise UserError("The first account must be an administrator.")
    if not first:
        access.require(session, "users.manage")
    _check_password(password)
    if session.scalar(select(exists().where(m.Account.name == name))):
        raise UserError("An account named {name} exists already.", name=name)
    row = m.Account(name=name, role=role.value, password_hash=_HASHER.hash(password), disabled=False,
                    failed_attempts=0)
    session.add(row)
    if first:
        access.switch_sign_in_on(session)
    session.flush()
    return as_dict(row)


def add_signing_in_first(db, name: str, role: Role, password: str) -> dict:
    """``add`` for the window: the first administrator, made on a database without accounts,
    is signed in at once (sign-in is on from then)."""
    with db.session() as session:
        first = not has_accounts(session)
        added = add(session, name, role, password)
    if first:
        sign_in(db, name, password)
    return added | {"first": first}


def as_dict(row: m.Account) -> dict:
    return {"name": row.name, "role": row.role, "disabled": row.disabled,
            "locked_until": _kz(row.locked_until) if _locked(row, now_kz()) else None,
            "last_sign_in": _kz(row.last_sign_in)}


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def _locked(row: m.Account, at: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > at


def listing(session: Session) -> list[dict]:
    access.require(session, "users.manage")
    return [as_dict(row) for row in session.scalars(select(m.Account).order_by(m.Account.name))]


def disable(session: Session, name: str) -> dict:
    access.require(session, "users.manage")
    row = account(session, name)
    if row.role == Role.ADMIN.value and not row.disabled and _enabled_admins(session) <= 1:
        raise UserError("{name} is the last administrator who can sign in; add another one first.", name=name)
    row.disabled = True
    session.flush()
    return as_dict(row)


def _enabled_admins(session: Session) -> int:
    return session.scalar(select(func.count()).where(m.Account.role == Role.ADMIN.value,
                                                      m.Account.disabled.is_(False)))


def reset_password(session: Session, name: str, password: str) -> dict:
    """A new password; it also lifts a lock."""
    access.require(session, "users.manage")
    _check_password(password)
    row = account(session, name)
    row.password_hash = _HASHER.hash(password)
    row.failed_attempts, row.locked_until = 0, None
    session.flush()
    return as_dict(row)


def _refusal(row: m.Account | None, at: datetime) -> UserError | None:
    if row is not None and row.disabled:
        return UserError("The account {name} is disabled; ask your administrator.", name=row.name)
    if row is not None and _locked(row, at):
        return UserError("The account {name} is locked after {count} failed sign-ins; it unlocks at {time} "
                         "(Kazakhstan time), or when an administrator sets a new password.", name=row.name,
                         count=MAX_FAILURES, time=row.locked_until.astimezone(KZ_TIME).strftime("%Y-%m-%d %H:%M"))
    return None


def _password_holds(row: m.Account | None, password: str) -> bool:
    try:
        return row is not None and _HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(db, name: str, password: str, at: datetime | None = None) -> Actor:
    """Checks the password and signs ``name`` in on ``db`` (its actor and audited user); a
    failure is counted (and saved) before it is refused."""
    at = at or now_kz()
    db.user = (name or "").strip()[:100]  # the audit trail names who tried
    with db.session() as session:
        row = session.scalar(select(m.Account).where(m.Account.name == (name or "").strip()))
        if row is not None and row.locked_until is not None and not _locked(row, at):  # the lock ran out
            row.failed_attempts, row.locked_until = 0, None
        refusal = _refusal(row, at)
        if refusal is None and not _password_holds(row, password):
            refusal = _count_failure(row, at)
        if refusal is None:
            row.failed_attempts, row.locked_until, row.last_sign_in = 0, None, at
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            actor = Actor(row.name, permissions.role_of(row.role))
    if refusal is not None:
        raise refusal
    db.actor, db.user = actor, actor.name
    return actor


def _count_failure(row: m.Account | None, at: datetime) -> UserError:
    if row is None:
        return UserError("Wrong account name or password.")
    row.failed_attempts += 1
    if row.failed_attempts >= MAX_FAILURES:
        row.locked_until = at + LOCK_TIME
        return _refusal(row, at)
    return UserError("Wrong account name or password.")  # the same words for an unknown name: no enumeration


def sign_out(db) -> None:
    db.actor = None


def set_up_workstation(db, *, admin_name: str = "", admin_password: str = "", **department) -> m.Department:
    """The welcome screen: this workstation's department and, when a name is given, the first
    administrator (which switches sign-in on), signed in at once; all or nothing."""
    with db.session() as session:
        if admin_name.strip() and has_accounts(session):
            raise UserError("This database has accounts already; sign in as its administrator.")
        created = workstation.setup_department(session, **department)
        if admin_name.strip():
            add(session, admin_name, Role.ADMIN, admin_password)
    if admin_name.strip():
        sign_in(db, admin_name, admin_password)
    return created


def set_lock_minutes(session: Session, minutes: int) -> dict:
    """``saraptama users lock-after MINUTES``: the windows on this database lock after that long."""
    access.require(session, "settings.edit")
    workstation.set_setting(session, LOCK_MINUTES_KEY, str(minutes))
    return {"lock_minutes": minutes}
