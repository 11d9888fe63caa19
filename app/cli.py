"""The ``saraptama`` command (INTERFACES.md §4): one JSON document on standard output and exit
0 on success; a one-line message on standard error and exit 2 on bad input."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from datetime import date, datetime, time
from importlib.metadata import version
from pathlib import Path

from . import i18n
from .errors import UserError
from .domain import rules
from .domain.clock import KZ_TIME
from .services import acts, demo, production_calendar
from .storage import Database, default_log_dir

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage text
        raise UserError("{problem} (see 'saraptama --help')", problem=message)


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _open(args) -> Database:
    return Database.open(data_dir=args.data_dir, db_url=args.db_url, user="cli")


def cmd_demo(args):
    db = _open(args)
    try:
        return demo.generate(db, acts=args.acts, experts=args.experts, seed=args.seed)
    finally:
        db.close()


def _with_session(function):
    def run(args):
        db = _open(args)
        try:
            with db.session() as session:
                return function(session, args)
        finally:
            db.close()
    return run


@_with_session
def cmd_acts_list(session, args):
    return acts.list_acts(session, status=args.status, limit=args.limit)


@_with_session
def cmd_acts_show(session, args):
    return acts.show_act(session, args.number, as_expert=args.as_ == "expert")


@_with_session
def cmd_experts_list(session, args):
    return acts.list_experts(session, status=args.status)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _moment(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=KZ_TIME)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time YYYY-MM-DDTHH:MM: {text!r}") from None


def _clock_time(text: str) -> time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time HH:MM: {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return value


def read_json_file(path: Path):
    """A JSON document named on the command line; unreadable or malformed is bad input."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UserError("Cannot read {file}: {problem}", file=str(path),
                        problem=getattr(error, "strerror", None) or str(error)) from None
    except json.JSONDecodeError as error:
        raise UserError("{file} is not valid JSON (line {line}, column {column}).", file=str(path),
                        line=error.lineno, column=error.colno) from None


def cmd_rules_check(args):
    return rules.check_request(read_json_file(args.file), lang=i18n.current_language())


@_with_session
def cmd_calendar_working_days(session, args):
    if args.to < args.from_:
        raise UserError("The end date {to} is before the start date {start}.", to=args.to, start=args.from_)
    return {"count": production_calendar.load(session).working_days_between(args.from_, args.to)}


@_with_session
def cmd_calendar_deadline(session, args):
    try:
        deadline = production_calendar.load(session).deadline(args.start, args.working_days, cutoff=args.cutoff)
    except OverflowError:
        raise UserError("The deadline falls after the end of the calendar (year 9999).") from None
    return {"deadline": deadline.strftime("%Y-%m-%dT%H:%M")}


@_with_session
def cmd_calendar_import(session, args):
    return production_calendar.import_decree(session, args.file)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="saraptama", description="Saraptama: medical-social expertise (command line).")
    parser.add_argument("--version", action="version", version=f"saraptama {version('saraptama')}")
    parser.add_argument("--data-dir", type=Path, help="keep all state in DIR instead of the user's data folder")
    parser.add_argument("--db-url", help="any SQLAlchemy database URL instead of the embedded database")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = commands.add_parser("demo", help="fill the database with demonstration data")
    p.add_argument("--acts", type=int, default=2000)
    p.add_argument("--experts", type=int, default=150)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(run=cmd_demo)

    acts_parser = commands.add_parser("acts", help="draft acts").add_subparsers(dest="acts_command", required=True,
                                                                                parser_class=_Parser)
    p = acts_parser.add_parser("list")
    p.add_argument("--status", choices=acts.STATUS_NAMES)
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(run=cmd_acts_list)
    p = acts_parser.add_parser("show")
    p.add_argument("number")
    p.add_argument("--as", dest="as_", choices=("expert",))
    p.set_defaults(run=cmd_acts_show)

    experts_parser = commands.add_parser("experts", help="experts").add_subparsers(dest="experts_command",
                                                                                   required=True, parser_class=_Parser)
    p = experts_parser.add_parser("list")
    p.add_argument("--status", choices=acts.EXPERT_STATUS_NAMES)
    p.set_defaults(run=cmd_experts_list)

    calendar = commands.add_parser("calendar", help="the production calendar").add_subparsers(
        dest="calendar_command", required=True, parser_class=_Parser)
    p = calendar.add_parser("working-days", help="working days in a closed interval")
    p.add_argument("--from", dest="from_", type=_date, required=True)
    p.add_argument("--to", type=_date, required=True)
    p.set_defaults(run=cmd_calendar_working_days)
    p = calendar.add_parser("deadline", help="end (18:00) of the N-th working day after a moment")
    p.add_argument("--start", type=_moment, required=True)
    p.add_argument("--working-days", type=_positive, required=True)
    p.add_argument("--cutoff", type=_clock_time, help="a start before this time on a working day counts as day 1")
    p.set_defaults(run=cmd_calendar_deadline)
    p = calendar.add_parser("import", help="load a year's decree: JSON list of {date, working, note}")
    p.add_argument("file", type=Path)
    p.set_defaults(run=cmd_calendar_import)

    rules_parser = commands.add_parser("rules", help="the MSE Rules as checks").add_subparsers(
        dest="rules_command", required=True, parser_class=_Parser)
    p = rules_parser.add_parser("check", help="check an expert decision against the MSE Rules")
    p.add_argument("file", type=Path, help='{"birth_date", "exam_date", "kind", "decision"}')
    p.set_defaults(run=cmd_rules_check)
    return parser


def _log_internal_error(argv: list[str] | None) -> Path:
    """Appends the traceback of the failure being handled to the command line's log file."""
    folder = default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "saraptama-cli.log"
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {datetime.now().isoformat(timespec='seconds')} saraptama {' '.join(argv or sys.argv[1:])}\n")
        log.write(traceback.format_exc())
    return path


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    lang = "en"
    try:
        args = build_parser().parse_args(argv)
        lang = args.lang
        i18n.set_language(lang)
        result = args.run(args)
    except UserError as error:  # bad input, including a database that cannot be opened
        print(error.text(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a fault of ours: one line for the user, the details in a log file
        log_file = _log_internal_error(argv)
        first_line = (str(error).strip().splitlines() or [""])[0]
        print(f"internal error: {type(error).__name__}: {first_line} (details: {log_file})", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, default=_json_default)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
