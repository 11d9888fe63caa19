"""The hub's token roles meet the workstations' permission table: a command reaches
the services as an actor whose role the table knows, and the services check the same table."""

from __future__ import annotations

import pytest

from app.domain import permissions
from app.hub import users


@pytest.mark.parametrize("role", users.ROLES)
def test_every_hub_role_is_a_role_of_the_permission_table(role):
    assert isinstance(users.AS_ROLE[role], permissions.Role)


def test_what_a_token_may_send_its_role_may_do_on_a_workstation():
    """An expert's decisions pushed to the hub are 'acts.review' in the table; no token role
    may send a change that its workstation role could not make."""
    for role, kinds in users.ROLE_COMMANDS.items():
        for kind in kinds:
            assert permissions.role_allows(users.AS_ROLE[role], users.COMMAND_ACTIONS[kind]), (role, kind)
    assert set(users.COMMAND_ACTIONS) >= {kind for kinds in users.ROLE_COMMANDS.values() for kind in kinds}


def test_the_committee_and_the_administrator_get_no_personal_data():
    for role in ("committee", "admin"):
        assert not permissions.role_allows(users.AS_ROLE[role], "acts.view_personal")
    assert permissions.role_allows(users.AS_ROLE["department"], "acts.view_personal")
