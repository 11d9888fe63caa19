"""``saraptama stats agreement|reversals|workload``: the Statistics tab's figures as one JSON
document, or as an XLSX workbook (``--format xlsx --out FILE.xlsx``)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..i18n import current_language
from ..services import statistics
from ..services.statistics import export
from ..services.statistics.kappa import MIN_PAIR_ACTS
from ..services.statistics.sql import CHAPTERS
from .common import iso_date, subcommands, whole_number, with_session


@with_session
def cmd_stats(session, args):
    filters = statistics.Filters(args.from_, args.to, department=args.department, region=args.region,
                                 chapter=args.chapter)
    if args.format == "xlsx" and args.out is None:
        raise UserError("--format xlsx writes a file: give it with --out FILE.xlsx.")
    if args.stats_command == "agreement":
        result = statistics.agreement(session, filters, min_pair_acts=args.min_pair_acts)
    else:
        result = statistics.report(session, args.stats_command, filters)
    if args.format == "xlsx":
        return export.write_report(session, result, args.out, current_language())
    return result


def register(commands) -> None:
    group = subcommands(commands, "stats", "quality figures: agreement, reversals, workload (the Statistics tab)")
    for view in statistics.VIEWS:
        p = group.add_parser(view, help=f"the {view} figures of the acts received in a period")
        p.add_argument("--from", dest="from_", type=iso_date, required=True, help="first day received, YYYY-MM-DD")
        p.add_argument("--to", type=iso_date, required=True, help="last day received, YYYY-MM-DD")
        p.add_argument("--department", help="only this department's acts (its code); default: all in the database")
        p.add_argument("--region", help="only the acts of this region's departments (its code)")
        p.add_argument("--chapter", choices=CHAPTERS, help="only acts of this App 15 chapter")
        p.add_argument("--format", choices=("json", "xlsx"), default="json")
        p.add_argument("--out", type=Path, help="with --format xlsx: the workbook to write")
        if view == "agreement":
            p.add_argument("--min-pair-acts", type=whole_number(1, 100_000), default=MIN_PAIR_ACTS,
                           help="Cohen's κ only for pairs of experts with at least this many acts together")
        p.set_defaults(run=cmd_stats)
