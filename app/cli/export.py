"""``saraptama export LIST --out FILE``: any list of the window as XLSX or CSV."""

from __future__ import annotations

from pathlib import Path

from ..i18n import current_language
from ..services import export
from ..services.listings import ALL_LISTINGS
from .common import with_session


@with_session
def cmd_export(session, args):
    return export.export(session, args.list, args.out, lang=current_language(),
                         options={"text": args.filter or "", "overdue": args.overdue})


def register(commands) -> None:
    parser = commands.add_parser("export", help="write a list to an .xlsx or .csv file")
    parser.add_argument("list", choices=tuple(ALL_LISTINGS))
    parser.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    parser.add_argument("--filter", help="only rows containing all these words, as the window's filter")
    parser.add_argument("--overdue", action="store_true", help="only rows past their due date")
    parser.set_defaults(run=cmd_export)
