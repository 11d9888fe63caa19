"""``saraptama staff list|add|import|template``: the department's own staff (§25.4, §56), for a
department that starts from nothing."""

from __future__ import annotations

from pathlib import Path

from ..services import staff
from .common import subcommands, with_session


@with_session
def cmd_list(session, _args):
    return staff.listing(session)


@with_session
def cmd_add(session, args):
    fields = {key: getattr(args, key, "") or "" for key in staff.COLUMNS}
    return staff.add_member(session, fields)


@with_session
def cmd_import(session, args):
    return staff.import_file(session, args.file)


def cmd_template(args):
    return staff.write_template(args.file)


def register(commands) -> None:
    group = subcommands(commands, "staff", "the department's heads, chief specialists and deputy heads")
    p = group.add_parser("list", help="the department's staff")
    p.set_defaults(run=cmd_list)
    p = group.add_parser("add", help="one person of the department's staff")
    p.add_argument("--role", required=True, choices=tuple(staff.ROLES))
    p.add_argument("--last-name", dest="last_name", required=True)
    p.add_argument("--first-name", dest="first_name", required=True)
    p.add_argument("--middle-name", dest="middle_name", default="")
    p.add_argument("--iin", required=True)
    p.add_argument("--phone", default="")
    p.add_argument("--email", default="")
    p.add_argument("--app15-items", dest="app15_items", default="",
                   help="a chief specialist's App 15 items, e.g. '1.7 9' (default: every item)")
    p.set_defaults(run=cmd_add)
    p = group.add_parser("import", help="the staff from an XLSX or CSV list made from the template (all rows or none)")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_import)
    p = group.add_parser("template", help="write the list's template (.xlsx or .csv) to fill in")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_template)
