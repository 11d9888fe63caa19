"""``saraptama calendar …``: working days, deadlines and the government's decree."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from ..services import production_calendar
from .common import clock_time, iso_date, moment, positive, read_json_file, subcommands, with_session


@with_session
def cmd_working_days(session, args):
    if args.to < args.from_:
        raise UserError("The end date {to} is before the start date {start}.", to=args.to, start=args.from_)
    return {"count": production_calendar.load(session).working_days_between(args.from_, args.to)}


@with_session
def cmd_deadline(session, args):
    try:
        deadline = production_calendar.load(session).deadline(args.start, args.working_days, cutoff=args.cutoff)
    except OverflowError:
        raise UserError("The deadline falls after the end of the calendar (year 9999).") from None
    return {"deadline": deadline.replace(tzinfo=None).isoformat(timespec="minutes")}  # year 1 as 0001


@with_session
def cmd_import(session, args):
    return production_calendar.import_decree(session, read_json_file(args.file))


def register(commands) -> None:
    group = subcommands(commands, "calendar", "the production calendar")
    p = group.add_parser("working-days", help="working days in a closed interval")
    p.add_argument("--from", dest="from_", type=iso_date, required=True)
    p.add_argument("--to", type=iso_date, required=True)
    p.set_defaults(run=cmd_working_days)
    p = group.add_parser("deadline", help="end (18:00) of the N-th working day after a moment")
    p.add_argument("--start", type=moment, required=True)
    p.add_argument("--working-days", type=positive, required=True)
    p.add_argument("--cutoff", type=clock_time, help="a start before this time on a working day counts as day 1")
    p.set_defaults(run=cmd_deadline)
    p = group.add_parser("import", help="load a year's decree: JSON list of {date, working, note}")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_import)
