"""``saraptama audit verify`` and ``audit list``: the audit trail proves itself (issue 12)."""

from __future__ import annotations

from ..services import audit
from .common import moment, subcommands, whole_number, with_session


@with_session
def cmd_verify(session, _args):
    return audit.verify(session)


@with_session
def cmd_list(session, args):
    return audit.listing(session, user=args.who, action=args.action, table_name=args.table, since=args.since,
                         until=args.until, limit=args.limit)


def register(commands) -> None:
    group = subcommands(commands, "audit", "the audit trail: who changed or opened what")
    p = group.add_parser("verify", help='{"ok": bool, "entries": N, "first_broken": ID or null}')
    p.set_defaults(run=cmd_verify)
    p = group.add_parser("list", help="the newest entries first")
    p.add_argument("--who", help="only this user's entries")
    p.add_argument("--action", choices=["insert", "update", "delete", "view", "demo"])
    p.add_argument("--table", help="only entries about this table")
    p.add_argument("--since", type=moment, help="YYYY-MM-DDTHH:MM")
    p.add_argument("--until", type=moment, help="YYYY-MM-DDTHH:MM")
    p.add_argument("--limit", type=whole_number(1, 100_000), default=200)
    p.set_defaults(run=cmd_list)
