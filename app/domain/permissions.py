"""Who may do what: the roles of the people who sign in, the actions of the program,
and the one table that joins them.  The window (what it shows), the commands and the hub ask the
same table; each changing service entry point calls ``require(actor, "acts.review")`` (through
``app.services.access.require``) and refuses anyone else, whatever the caller showed.

Action names are namespaced by workflow (``acts.*``, ``registry.*``, ``appeals.*``, ...) so the
workflows built in parallel (appeals, the hub) add their own without clashing.  The roles follow
docs/domain.md §1 and the MSE Rules: the head signs conclusions (§48) and is one of the three experts
(§25.4); chief specialists examine in person and act as experts (§25.4); independent experts review
depersonalised acts only (§17 part 2, §25.2); the deputy head registers appeals (§56); the
Committee specialist runs the registry (Registry Rules ch. 2-4) and forwards appeals (§56); the
control department concludes appeals (§56, §73); the registrar receives referrals (§12-16); the
administrator looks after accounts, the calendar, backups and the audit trail and sees no
person's data (separation of duties).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Translatable, UserError
from ..i18n import N_
from .roles import EXPERT_ROLES, ROLE_NAMES, Role  # noqa: F401  (re-exported: one vocabulary)


# Every action a service checks, with the words a refusal names it by.
ACTIONS = {
    "acts.intake": N_("import referral packages"),
    "acts.assign": N_("assign experts to draft acts"),
    "acts.view_personal": N_("open a person's personal data"),
    "acts.review": N_("record an expert decision"),
    "acts.view_decisions": N_("read the experts' decisions on an act"),
    "acts.import_decisions": N_("import experts' decisions"),
    "acts.export_for_expert": N_("send depersonalised acts to an expert"),
    "acts.head_decide": N_("decide as head-expert on three different decisions"),
    "acts.in_person": N_("record the in-person examination"),
    "acts.sign": N_("sign conclusions"),
    "acts.tick": N_("take the automatic steps that are due"),
    "documents.print": N_("print documents with personal data"),
    "lists.export": N_("export lists"),
    "experts.absences": N_("change experts' absences"),
    "staff.manage": N_("add the department's staff"),
    "registry.apply": N_("record an application to the registry"),
    "registry.check": N_("check an applicant's documents"),
    "registry.test": N_("record an applicant's test"),
    "registry.contract": N_("send a registry contract"),
    "registry.sign": N_("record a signed registry contract"),
    "registry.include": N_("include an expert in the registry"),
    "registry.exclude": N_("exclude an expert from the registry"),
    "registry.tick": N_("apply the registry's expired windows"),
    "appeals.file": N_("file an appeal"),
    "appeals.register": N_("register an appeal"),
    "appeals.forward": N_("forward an appeal to a control department"),
    "appeals.conclude": N_("conclude an appeal"),
    "appeals.answer": N_("answer a complaint about the service"),
    "appeals.control": N_("run a control re-examination"),
    "signing.choose": N_("choose how this workstation signs"),
    "calendar.edit": N_("change the production calendar"),
    "settings.edit": N_("change the workstation's settings"),
    "db.backup": N_("back up the database"),
    "db.restore": N_("restore the database"),
    "data.demo": N_("fill the database with demonstration data"),
    "users.manage": N_("manage accounts"),
    "users.notices": N_("see the changes of accounts"),
    "audit.view": N_("read the audit trail"),
}

_DEPARTMENT_WORK = {"acts.view_personal", "documents.print", "lists.export", "acts.tick", "acts.view_decisions"}

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.HEAD: frozenset(_DEPARTMENT_WORK | {
        "acts.assign", "acts.review", "acts.head_decide", "acts.in_person", "acts.sign", "experts.absences",
        "acts.export_for_expert", "acts.import_decisions", "appeals.file", "appeals.answer", "signing.choose",
        "users.notices", "staff.manage"}),
    Role.DEPUTY_HEAD: frozenset(_DEPARTMENT_WORK | {
        "appeals.file", "appeals.register", "appeals.answer", "experts.absences", "users.notices",
        "staff.manage"}),
    Role.CHIEF_SPECIALIST: frozenset(_DEPARTMENT_WORK | {
        "acts.intake", "acts.review", "acts.in_person", "signing.choose"}),
    Role.REGISTRAR: frozenset(_DEPARTMENT_WORK | {
        "acts.intake", "acts.assign", "acts.export_for_expert", "acts.import_decisions", "appeals.file",
        "appeals.answer"}),
    Role.COMMITTEE: frozenset({
        "registry.apply", "registry.check", "registry.test", "registry.contract", "registry.sign",
        "registry.include", "registry.exclude", "registry.tick", "appeals.forward", "lists.export"}),
    Role.CONTROL_EXPERT: frozenset({
        "acts.view_personal", "acts.view_decisions", "documents.print", "lists.export", "appeals.conclude",
        "appeals.control"}),
    Role.INDEPENDENT_EXPERT: frozenset({"acts.review", "acts.view_decisions", "signing.choose"}),
    Role.ADMIN: frozenset({
        "signing.choose", "users.manage", "audit.view", "calendar.edit", "settings.edit", "db.backup", "db.restore",
        "data.demo", "acts.tick", "registry.tick"}),
}


class PermissionDenied(UserError):
    """A signed-in person asked for something their role may not do."""


class SignInRequired(UserError):
    """Sign-in is switched on for the database, and nobody signed in."""


class NotOwnName(PermissionDenied):
    """An act of judgment asked for in another expert's name: refused, and the refusal is an
    audit entry of its own (``audit_entry``: written after the unit of work is rolled back)."""

    def __init__(self, message: str, audit_entry: dict | None = None, **params):
        super().__init__(message, **params)
        self.audit_entry = audit_entry


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in account, or everyone on a database without accounts."""

    name: str
    role: Role | None   # None: a database without accounts (unprotected): every action allowed
    expert_id: int | None = None  # the expert record of the person (accounts of EXPERT_ROLES)
    expert_ids: frozenset[int] = frozenset()  # every record of that person (one IIN: staff and registry)

    @property
    def unprotected(self) -> bool:
        return self.role is None


def unprotected(name: str) -> Actor:
    return Actor(name, None)


def allows(actor: Actor | None, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}: add it to app.domain.permissions.ACTIONS")
    if actor is None:
        return False
    return actor.role is None or action in PERMISSIONS[actor.role]  # None: unprotected


def own_expert(actor: Actor | None, requested: int | None, action: str) -> int | None:
    """The expert an act of judgment is recorded for: on a database with accounts always the
    signed-in person's own expert record (``requested``, when given, must be that one); on one
    without accounts (a one-person trial) the expert named.  None: nobody was named on a trial."""
    require(actor, action)
    if actor is None or actor.role is None:  # require lets only a signed-in actor through; None: unprotected
        return requested
    if actor.expert_id is not None and requested in (None, actor.expert_id):
        return actor.expert_id
    if requested is not None and requested in actor.expert_ids:
        return requested
    entry = {"account": actor.name, "refused": action, "requested_expert": requested, "own_expert": actor.expert_id}
    if actor.expert_id is None:
        raise NotOwnName(N_("{name} ({role}) is not linked to an expert record and may not {action} in anyone's "
                            "name."), entry, name=actor.name, role=Translatable(ROLE_NAMES[actor.role]),
                         action=Translatable(ACTIONS[action]))
    raise NotOwnName(N_("{name} may {action} only in their own name (expert {own}), not as expert {expert}."),
                     entry, name=actor.name, action=Translatable(ACTIONS[action]), own=actor.expert_id,
                     expert=requested)


def role_allows(role: Role, action: str) -> bool:
    return allows(Actor("", role), action)


def require(actor: Actor | None, action: str) -> None:
    """Refuses, in the user's language, an action the actor's role may not take."""
    if allows(actor, action):
        return
    if actor is None:
        raise SignInRequired(N_("Sign in first: this database has accounts (on the command line: --user NAME)."))
    assert actor.role is not None  # an unprotected actor is allowed everything
    raise PermissionDenied(N_("{name} ({role}) may not {action}."), name=actor.name,
                           role=Translatable(ROLE_NAMES[actor.role]), action=Translatable(ACTIONS[action]))


def role_of(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise UserError(N_("Unknown role {role}; one of: {roles}."), role=text,
                        roles=", ".join(r.value for r in Role)) from None
