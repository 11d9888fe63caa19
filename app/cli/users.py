"""``saraptama users add|list|disable|reset-password``: the accounts that sign in."""

from __future__ import annotations

import os

from ..domain.permissions import Role, role_of
from ..errors import UserError
from ..i18n import N_
from ..services import accounts
from .common import NEW_PASSWORD_VARIABLE, password, subcommands, whole_number, with_session

EXPERT_ID = whole_number(1, 2**31 - 1)


def new_password() -> str:
    """The new account's password: from the environment, or typed twice at the terminal."""
    first = password(NEW_PASSWORD_VARIABLE, N_("New password: "))
    if not os.environ.get(NEW_PASSWORD_VARIABLE) and password(NEW_PASSWORD_VARIABLE, N_("Again: ")) != first:
        raise UserError("The two passwords differ.")
    return first


@with_session
def cmd_add(session, args):
    return accounts.add(session, args.name, role_of(args.role), new_password(), expert_id=args.expert)


@with_session
def cmd_link(session, args):
    return accounts.link_expert(session, args.name, args.expert)


@with_session
def cmd_notices(session, _args):
    return accounts.notices(session)


@with_session
def cmd_list(session, _args):
    return accounts.listing(session)


@with_session
def cmd_disable(session, args):
    return accounts.disable(session, args.name)


@with_session
def cmd_reset(session, args):
    return accounts.reset_password(session, args.name, new_password())


@with_session
def cmd_lock_after(session, args):
    return accounts.set_lock_minutes(session, args.minutes)


def register(commands) -> None:
    group = subcommands(commands, "users", "accounts that sign in, with their roles")
    p = group.add_parser("add", help="a new account (the first one: the administrator, which switches sign-in on); "
                         "the password from the terminal or SARAPTAMA_NEW_PASSWORD")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--expert", type=EXPERT_ID, help="the person's expert record (staff or registry id): an account "
                   "of a head, chief specialist, independent or control-department expert acts only in that name")
    p.set_defaults(run=cmd_add)
    p = group.add_parser("link", help="link an account to its person's expert record")
    p.add_argument("name")
    p.add_argument("--expert", type=EXPERT_ID, required=True)
    p.set_defaults(run=cmd_link)
    p = group.add_parser("notices", help="for the heads: accounts added or changed by someone else, newest first")
    p.set_defaults(run=cmd_notices)
    p = group.add_parser("list", help="every account with its role and state")
    p.set_defaults(run=cmd_list)
    p = group.add_parser("disable", help="the account can no longer sign in")
    p.add_argument("name")
    p.set_defaults(run=cmd_disable)
    p = group.add_parser("reset-password", help="a new password (also unlocks); from the terminal or "
                         "SARAPTAMA_NEW_PASSWORD")
    p.add_argument("name")
    p.set_defaults(run=cmd_reset)
    p = group.add_parser("lock-after", help="windows on this database lock after MINUTES without use (default 15)")
    p.add_argument("minutes", type=whole_number(1, 24 * 60))
    p.set_defaults(run=cmd_lock_after)
