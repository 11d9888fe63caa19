"""``saraptama audit verify`` and ``audit list``: the audit trail proves itself."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..services import audit
from .common import moment, read_json_file, subcommands, whole_number, with_session


@with_session
def cmd_verify(session, args):
    return audit.verify(session, _anchor(args.anchor) if args.anchor else None)


def _anchor(path) -> dict:
    anchor = read_json_file(path)
    last_id = anchor.get("last_id") if isinstance(anchor, dict) else None
    if not isinstance(anchor, dict) or not isinstance(last_id, (int, type(None))) or isinstance(last_id, bool) \
            or (last_id is not None and not 0 <= last_id < 2**63) or not isinstance(anchor.get("last_hash", ""), str):
        raise UserError("{file} is not the output of 'saraptama audit head'.", file=str(path))
    return anchor


@with_session
def cmd_head(session, _args):
    return audit.head(session)


@with_session
def cmd_list(session, args):
    return audit.listing(session, user=args.who, action=args.action, table_name=args.table, since=args.since,
                         until=args.until, limit=args.limit)


def register(commands) -> None:
    group = subcommands(commands, "audit", "the audit trail: who changed or opened what")
    p = group.add_parser("verify", help='{"ok": bool, "entries": N, "first_broken": ID or null}')
    p.add_argument("--anchor", type=Path, help="the output of an earlier 'audit head', kept elsewhere")
    p.set_defaults(run=cmd_verify)
    p = group.add_parser("head", help="the chain's end, to keep elsewhere for 'audit verify --anchor'")
    p.set_defaults(run=cmd_head)
    p = group.add_parser("list", help="the newest entries first")
    p.add_argument("--who", help="only this user's entries")
    p.add_argument("--action", choices=["insert", "update", "delete", "view", "demo"])
    p.add_argument("--table", help="only entries about this table")
    p.add_argument("--since", type=moment, help="YYYY-MM-DDTHH:MM")
    p.add_argument("--until", type=moment, help="YYYY-MM-DDTHH:MM")
    p.add_argument("--limit", type=whole_number(1, 100_000), default=200)
    p.set_defaults(run=cmd_list)
