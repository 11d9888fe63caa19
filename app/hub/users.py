"""Who may use the hub, and for what.

Tokens are random and shown once by ``add_user``; the hub keeps only their SHA-256.  A token's
kind (``expert``, ``department``, ``committee``, ``admin``: what device it is) stands for a role of
the one vocabulary, ``app.domain.roles.Role`` (``AS_ROLE``).  What each kind may call is one table,
``ROLE_ENDPOINTS``.  What a role *receives* is decided by the pull's
projection (``projections``), what it may *send* by ``ROLE_COMMANDS``.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.permissions import PERMISSIONS, Actor, Role
from ..errors import UserError
from ..i18n import N_
from ..models.base import utcnow
from ..services import access
from ..sync import protocol

ROLES = ("expert", "department", "committee", "admin")
ROLE_COMMANDS = {"expert": {protocol.DECISION}, "department": set(), "committee": set(), "admin": set()}
# The token roles as roles of the workstations' permission table: a command reaches the same
# services, which check the same table (``app.services.access``) as on a workstation.
AS_ROLE = {"expert": Role.INDEPENDENT_EXPERT, "department": Role.HEAD, "committee": Role.COMMITTEE,
           "admin": Role.ADMIN}
_OWN_ENDPOINTS = {"expert": {"me", "push", "pull"}, "department": {"me", "pull"}, "committee": {"me", "pull"},
                  "admin": {"me", "users"}}
# Reads the permission table decides: the statistics compare experts by name, so they are for the
# department's staff and the Committee, never an independent expert's token (§25.5)
ENDPOINT_PERMISSIONS = {"stats": "stats.view"}
ROLE_ENDPOINTS = {role: own | {endpoint for endpoint, action in ENDPOINT_PERMISSIONS.items()
                               if action in PERMISSIONS[AS_ROLE[role]]}
                  for role, own in _OWN_ENDPOINTS.items()}
COMMAND_ACTIONS = {protocol.DECISION: "acts.review"}  # the permission each kind of command needs
TOKEN_PREFIX = "spt1_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def actor(user: m.HubUser) -> Actor:
    """The token's user as the services see it: its role, and for an expert the expert record it
    acts for (only that one: §25.4-25.5)."""
    if user.expert_id is None:
        return Actor(user.name, AS_ROLE[user.role])
    return Actor(user.name, AS_ROLE[user.role], user.expert_id, frozenset({user.expert_id}))


def may_call(role: str, endpoint: str) -> bool:
    return endpoint in ROLE_ENDPOINTS.get(role, ())


def _check_role_details(session: Session, role: str, expert_id: int | None, department: str | None) -> None:
    if role not in ROLES:
        raise UserError(N_("A hub user's role is one of: {roles}."), roles=", ".join(ROLES))
    if (role == "expert") != (expert_id is not None):
        raise UserError(N_("An expert's token needs --expert-id, and only an expert's does."))
    if (role == "department") != bool(department):
        raise UserError(N_("A department's token needs --department, and only a department's does."))
    if expert_id is not None:
        expert = session.get(m.StaffMember, expert_id)
        if expert is None or expert.role not in m.EXPERT_ROLES:
            raise UserError(N_("There is no expert with the id {expert}."), expert=expert_id)
    if department and session.scalar(select(m.Department.id).where(m.Department.code == department)) is None:
        raise UserError(N_("There is no department with the code {code}."), code=department)


def add_user(session: Session, role: str, *, expert_id: int | None = None, department: str | None = None) -> dict:
    """A new hub user with a fresh token: ``{"user", "token"}``; the token is not kept.  On a
    database with accounts an administrator's signed-in act (the audit trail names them)."""
    access.require(session, "users.manage")
    _check_role_details(session, role, expert_id, department)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    tag = f"-{expert_id}" if expert_id is not None else f"-{department}" if department else ""
    name = f"{role}{tag}-{secrets.token_hex(3)}"
    session.add(m.HubUser(name=name, role=role, expert_id=expert_id, department_code=department,
                          token_hash=token_hash(token)))
    session.flush()
    return {"user": name, "token": token}


def user_for_token(session: Session, token: str) -> m.HubUser | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    user = session.scalar(select(m.HubUser).where(m.HubUser.token_hash == token_hash(token)))
    return user if user is not None and user.revoked_at is None else None


def describe(user: m.HubUser) -> dict:
    return {"user": user.name, "role": user.role, "expert_id": user.expert_id, "department": user.department_code,
            "revoked": user.revoked_at is not None}


def list_users(session: Session) -> list[dict]:
    access.require(session, "users.manage")
    return [describe(u) for u in session.scalars(select(m.HubUser).order_by(m.HubUser.id))]


def revoke_user(session: Session, name: str) -> dict:
    """``hub revoke-user USER``: the token is refused from now on (401), its user kept for the
    record of what it sent."""
    access.require(session, "users.manage")
    user = session.scalar(select(m.HubUser).where(m.HubUser.name == name))
    if user is None:
        raise UserError(N_("The hub has no user {name}."), name=name)
    if user.revoked_at is None:
        user.revoked_at = utcnow()
    session.flush()
    return describe(user)
