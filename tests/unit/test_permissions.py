"""The permission table, role by role and action by action, written from the MSE Rules
and docs/domain.md §1 before looking at the table; a new action without an entry here fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain import permissions
from app.domain.permissions import ACTIONS, Actor, PermissionDenied, Role, SignInRequired

H, DH, CS, RG, CO, CE, IE, AD = (Role.HEAD, Role.DEPUTY_HEAD, Role.CHIEF_SPECIALIST, Role.REGISTRAR, Role.COMMITTEE,
                                 Role.CONTROL_EXPERT, Role.INDEPENDENT_EXPERT, Role.ADMIN)
DEPARTMENT = {H, DH, CS, RG}

# action -> the roles that may take it
EXPECTED = {
    "acts.intake": {CS, RG},                      # §12-16: the referral is received and checked
    "acts.assign": {H, RG},                       # §25.4
    "acts.view_personal": DEPARTMENT | {CE},      # §25.2: experts see depersonalised acts only
    "acts.review": {H, CS, IE},                   # §25.4, §17 part 2: the three experts
    "acts.view_decisions": DEPARTMENT | {CE, IE},  # §25.5: an expert of the panel, blind until their own
    "acts.import_decisions": {H, RG},
    "acts.export_for_expert": {H, RG},            # §25.5
    "acts.head_decide": {H},                      # §47
    "acts.in_person": {H, CS},                    # §45
    "acts.sign": {H},                             # §48
    "acts.tick": DEPARTMENT | {AD},
    "documents.print": DEPARTMENT | {CE},         # §51; the control protocol (App 18)
    "lists.export": DEPARTMENT | {CO, CE},
    "experts.absences": {H, DH},                  # §25.4 leave and field sessions
    "staff.manage": {H, DH},                      # §25.4: the department's own experts, added by its heads
    "registry.apply": {CO},                       # Registry Rules ch. 2-4
    "registry.check": {CO},
    "registry.test": {CO},
    "registry.contract": {CO},
    "registry.sign": {CO},
    "registry.include": {CO},
    "registry.exclude": {CO},                     # p. 13
    "registry.tick": {CO, AD},
    "appeals.file": {H, DH, RG},                  # §56
    "appeals.register": {DH},                     # §56: the deputy head registers
    "appeals.forward": {CO},                      # §56: the Committee forwards
    "appeals.conclude": {CE},                     # §56: the control department concludes
    "appeals.answer": {H, DH, RG},                # §55: the head answers; the body's answer is recorded
    "appeals.control": {CE},                      # §73-73-2: the control department re-examines
    "signing.choose": {H, CS, IE, AD},            # who signs (§46, §48) chooses the key; the administrator sets up
    "calendar.edit": {AD},
    "settings.edit": {AD},
    "db.backup": {AD},
    "db.restore": {AD},
    "data.demo": {AD},
    "users.manage": {AD},
    "users.notices": {H, DH},                     # separation of duties: the heads see account changes
    "audit.view": {AD},
}


def test_every_action_has_an_entry_here_and_in_the_table():
    assert sorted(ACTIONS) == sorted(EXPECTED)
    assert set(permissions.PERMISSIONS) == set(Role)


def test_every_action_a_service_checks_is_in_the_table():
    used = set()
    for path in Path("app").rglob("*.py"):
        used |= set(re.findall(r"""(?:require|require_on|allows)\([\w.]+, ["']([a-z_]+\.[a-z_]+)["']\)""",
                               path.read_text(encoding="utf-8")))
    assert len(used) > 20
    assert used - set(ACTIONS) == set()


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_against_action(role, action):
    actor = Actor("someone", role)
    assert permissions.allows(actor, action) is (role in EXPECTED[action])
    if role in EXPECTED[action]:
        permissions.require(actor, action)
    else:
        with pytest.raises(PermissionDenied):
            permissions.require(actor, action)


def test_refusal_names_the_role_and_the_action_in_the_users_language():
    with pytest.raises(PermissionDenied) as refused:
        permissions.require(Actor("Айгүл", Role.INDEPENDENT_EXPERT), "registry.include")
    assert refused.value.text("en") == "Айгүл (independent expert) may not include an expert in the registry."
    russian = refused.value.text("ru")
    assert "Айгүл" in russian and "независим" in russian and "реестр" in russian


def test_unprotected_database_allows_everything_and_nobody_signed_in_nothing():
    assert all(permissions.allows(permissions.unprotected("cli"), action) for action in ACTIONS)
    with pytest.raises(SignInRequired):
        permissions.require(None, "acts.review")


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        permissions.allows(Actor("x", Role.ADMIN), "acts.dance")


def test_every_appeal_step_needs_an_action_of_the_table():
    """The appeals' own step table (app.domain.appeals) and this one meet: each step names the
    action a signed-in role needs to take it."""
    from app.domain import appeals
    assert {step.name for step in appeals.STEPS} == set(appeals.STEP_ACTIONS)
    assert set(appeals.STEP_ACTIONS.values()) <= set(ACTIONS)
