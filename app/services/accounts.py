"""Accounts of the people who sign in: Argon2id password hashes, lockout after repeated
failures (counted by the name typed, an account's or not), and ``saraptama users
add|list|disable|reset-password``.

The first administrator may be created by anyone (the welcome screen, or ``users add`` on a
database without accounts); that switches sign-in on (``app.services.access``).  Every other
change of an account needs the ``users.manage`` action.
"""

from __future__ import annotations

import functools
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, bindparam, case, delete, exists, func, or_, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from .. import models as m
from ..domain import permissions
from ..domain.clock import KZ_TIME, now_kz
from ..domain.permissions import Actor, Role
from ..domain.roles import EXPERT_ROLES, ROLE_NAMES
from ..domain.settings import LOCK_MINUTES
from ..errors import Translatable, UserError
from . import access, workstation

MAX_FAILURES = 5                  # failed sign-ins in a row before the account locks
LOCK_TIME = timedelta(minutes=15)
MIN_PASSWORD = 8
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


# The expert records an account of each judging role may be linked to (StaffMember.role).
LINKABLE = {Role.HEAD: (m.StaffRole.HEAD,), Role.CHIEF_SPECIALIST: (m.StaffRole.SPECIALIST,),
            Role.INDEPENDENT_EXPERT: (m.StaffRole.INDEPENDENT,),
            Role.CONTROL_EXPERT: (m.StaffRole.HEAD, m.StaffRole.SPECIALIST)}


def _check_expert(session: Session, role: Role, expert_id: int | None) -> None:
    """An account of a judging role names its person's expert record, of the matching kind, and
    one person has one account (§25.4-25.5: decisions are a person's own)."""
    if expert_id is None:
        return
    if role not in LINKABLE:
        raise UserError("Only an account of a head, chief specialist, independent or control-department expert "
                        "is linked to an expert record.")
    expert = session.get(m.StaffMember, expert_id)
    if expert is None or expert.role not in LINKABLE[role]:
        raise UserError("There is no expert with the id {expert} who could be a {role}.", expert=expert_id,
                        role=Translatable(ROLE_NAMES[role]))
    holder = session.scalar(select(m.Account.name).where(m.Account.expert_id.in_(same_person(session, expert_id))))
    if holder is not None:
        raise UserError("Expert {expert} has an account already: {name}.", expert=expert_id, name=holder)


def same_person(session: Session, expert_id: int) -> list[int]:
    """Every expert record of the person of ``expert_id``: one human, one IIN, across the staff
    list and the registry."""
    iin = session.scalar(select(m.StaffMember.iin).where(m.StaffMember.id == expert_id))
    if not iin:
        return [expert_id]
    return list(session.scalars(select(m.StaffMember.id).where(m.StaffMember.iin == iin).order_by(m.StaffMember.id)))


def add(session: Session, name: str, role: Role, password: str, expert_id: int | None = None) -> dict:
    """A new account; the first one must be an administrator and needs no permission.  Every
    change of an account reaches the heads (``notices``: separation of duties)."""
    name, role = _check_name(name), permissions.role_of(role)
    first = not has_accounts(session)
    if first and role is not Role.ADMIN:
        raise UserError("The first account must be an administrator.")
    if not first:
        access.require(session, "users.manage")
    _check_password(password)
    if session.scalar(select(exists().where(m.Account.name == name))):
        raise UserError("An account named {name} exists already.", name=name)
    _check_expert(session, role, expert_id)
    row = m.Account(name=name, role=role.value, expert_id=expert_id, password_hash=_HASHER.hash(password),
                    disabled=False)
    session.add(row)
    if first:
        access.switch_sign_in_on(session)
    session.flush()
    return as_dict(row)


def linkable_experts(session: Session, role: Role) -> list[dict]:
    """The expert records an account of ``role`` may be linked to, for Settings → Accounts: the
    staff member's number, name and department (the staff's own names, nobody examined)."""
    access.require(session, "users.manage")
    role = permissions.role_of(role)
    if role not in LINKABLE:
        return []
    query = select(m.StaffMember).where(m.StaffMember.role.in_(LINKABLE[role])).order_by(
        m.StaffMember.sort_name, m.StaffMember.id)
    return [{"id": row.id, "label": f"{row.id} — {row.full_name}"
             + (f" ({row.department.code})" if row.department else "")} for row in session.scalars(query)]


def link_expert(session: Session, name: str, expert_id: int | None) -> dict:
    """``users link NAME --expert ID``: the account's person, for an account made before."""
    access.require(session, "users.manage")
    row = account(session, name)
    if expert_id is not None and row.expert_id != expert_id:
        _check_expert(session, Role(row.role), expert_id)
    row.expert_id = expert_id
    session.flush()
    return as_dict(row)


def add_signing_in_first(db, name: str, role: Role, password: str, expert_id: int | None = None) -> dict:
    """``add`` for the window: the first administrator, made on a database without accounts,
    is signed in at once (sign-in is on from then)."""
    with db.session() as session:
        first = not has_accounts(session)
        added = add(session, name, role, password, expert_id)
    if first:
        sign_in(db, name, password)
    return added | {"first": first}


def as_dict(row: m.Account) -> dict:
    session = Session.object_session(row)
    lock = _lock_of(session, row.name, now_kz()) if session is not None else None
    return {"name": row.name, "role": row.role, "expert": row.expert_id, "disabled": row.disabled,
            "locked_until": _kz(lock), "last_sign_in": _kz(row.last_sign_in)}


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


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
                                                      m.Account.disabled.is_(False))) or 0


def reset_password(session: Session, name: str, password: str) -> dict:
    """A new password; it also lifts a lock."""
    access.require(session, "users.manage")
    _check_password(password)
    row = account(session, name)
    row.password_hash = _HASHER.hash(password)
    _forget_failures(session, row.name)
    session.flush()
    return as_dict(row)


WRONG = "Wrong account name or password."  # the same words for an unknown name: no enumeration


def _locked_refusal(name: str, until: datetime) -> UserError:
    return UserError("The account {name} is locked after {count} failed sign-ins; it unlocks at {time} "
                     "(Kazakhstan time), or when an administrator sets a new password.", name=name,
                     count=MAX_FAILURES, time=until.astimezone(KZ_TIME).strftime("%Y-%m-%d %H:%M"))


@functools.cache
def _stand_in_hash() -> str:
    """The hash an unknown name's password is checked against: the same Argon2 work as for an
    account, so the answer's time does not tell the names apart either."""
    return _HASHER.hash(secrets.token_urlsafe(16))


def _password_holds(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _lock_of(session: Session, name: str, at: datetime) -> datetime | None:
    until = session.scalar(select(m.SignInAttempt.locked_until).where(m.SignInAttempt.name == name))
    return until if until is not None and until > at else None


def sign_in(db, name: str, password: str, at: datetime | None = None) -> Actor:
    """Checks the password and signs ``name`` in on ``db`` (its actor and audited user).  An
    unknown name is answered as an account's wrong password is: its password is checked against
    a stand-in hash, its failures counted and locked under the name typed.  A failure is counted
    in one statement (``_count_failure``) and saved before it is refused, so parallel wrong
    attempts each count and the fifth locks the name.  A disabled account says so only to whoever
    gives its password."""
    at = at or now_kz()
    name = (name or "").strip()[:100]
    db.user = name  # the audit trail names who tried
    with db.session() as session:
        row = session.scalar(select(m.Account).where(m.Account.name == name))
        account_id, stored_hash = (row.id, row.password_hash) if row is not None else (None, _stand_in_hash())
        lock = _lock_of(session, name, at)
    if lock is not None:
        raise _locked_refusal(name, lock)
    if not _password_holds(stored_hash, password) or account_id is None:
        raise _count_failure(db, name, at)
    with db.session() as session:
        row = session.get(m.Account, account_id)
        if row.disabled:
            raise UserError("The account {name} is disabled; ask your administrator.", name=row.name)
        _forget_failures(session, name)
        row.last_sign_in = at
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        actor = actor_of_account(session, row)
    db.actor, db.user = actor, actor.name
    return actor


def actor_of_account(session: Session, row: m.Account) -> Actor:
    role = permissions.role_of(row.role)
    if row.expert_id is None or role not in EXPERT_ROLES:
        return Actor(row.name, role)
    return Actor(row.name, role, row.expert_id, frozenset(same_person(session, row.expert_id)))


_ATTEMPTS = m.table_of(m.SignInAttempt)


def _forget_failures(session: Session, name: str) -> None:
    session.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.name == name))


def _count_failure_statement(insert):
    """One more failed attempt under a name, in one ``INSERT … ON CONFLICT DO UPDATE … RETURNING``
    (a lock that ran out starts the count afresh); the fifth in a row locks the name."""
    at = bindparam("at", type_=_ATTEMPTS.c.locked_until.type)
    until = bindparam("until", type_=_ATTEMPTS.c.locked_until.type)
    statement = insert(_ATTEMPTS).values(name=bindparam("name"), failed_attempts=1, locked_until=None)
    expired = and_(_ATTEMPTS.c.locked_until.is_not(None), _ATTEMPTS.c.locked_until <= at)
    count = case((expired, 1), else_=_ATTEMPTS.c.failed_attempts + 1)
    return statement.on_conflict_do_update(
        index_elements=[_ATTEMPTS.c.name],
        set_={"failed_attempts": count, "locked_until": case((count >= MAX_FAILURES, until), else_=None)},
    ).returning(_ATTEMPTS.c.failed_attempts, _ATTEMPTS.c.locked_until)


@functools.cache
def _count_failure_on(dialect: str):
    """The statement for the database's dialect (PostgreSQL's modules loaded only there)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return _count_failure_statement(postgresql.insert)
    return _count_failure_statement(sqlite.insert)


def _count_failure(db, name: str, at: datetime) -> UserError:
    with db.session() as session:
        statement = _count_failure_on(session.get_bind().dialect.name)
        failures, until = session.execute(statement, {"name": name, "at": at, "until": at + LOCK_TIME}).one()
    if failures >= MAX_FAILURES and until is not None:
        return _locked_refusal(name, until)
    return UserError(WRONG)


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
    workstation.set_setting(session, LOCK_MINUTES, minutes)
    return {"lock_minutes": minutes}


NOTICE_FIELDS = ("role", "expert_id", "disabled", "password_hash", "name")


def notices(session: Session, since: datetime | None = None, limit: int = 50) -> list[dict]:
    """What the heads see of the administrator's work (separation of duties, docs/admin-guide.md):
    every account added, linked, disabled or given a new password by someone else than its holder,
    and every backup, by whom and when, newest first — read from the audit trail, which no one can
    rewrite unseen."""
    access.require(session, "users.notices")
    accounts_changed = and_(m.AuditEntry.table_name == "account", m.AuditEntry.action.in_(("insert", "update")))
    backed_up = and_(m.AuditEntry.table_name == "database", m.AuditEntry.action == "backup")
    query = select(m.AuditEntry).where(or_(accounts_changed, backed_up)).order_by(m.AuditEntry.id.desc())
    if since is not None:
        query = query.where(m.AuditEntry.at >= since)
    names = dict(session.execute(select(m.Account.id, m.Account.name)).all())
    found: list[dict] = []
    for entry in session.scalars(query.limit(limit * 4)):
        if entry.action == "backup":
            found.append({"at": _kz(entry.at), "by": entry.user, "account": None, "what": "backup", "fields": []})
            continue
        changed = sorted(key for key in entry.changes if key in NOTICE_FIELDS)
        if changed and entry.user != names.get(int(entry.row_id) if entry.row_id.isdigit() else -1):
            found.append({"at": _kz(entry.at), "by": entry.user, "account": names.get(int(entry.row_id), "?"),
                          "what": "added" if entry.action == "insert" else "changed", "fields": changed})
    return found[:limit]
