"""What every command group shares: the parser that reports in one line, argument types,
reading a JSON file, and opening the database for one command."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
from pathlib import Path

from ..domain.clock import KZ_TIME
from ..errors import UserError
from ..storage import Database


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage text
        raise UserError("{problem} (see 'saraptama --help')", problem=message)


def subcommands(commands, name: str, help_text: str):
    """A command group (``saraptama NAME ...``) whose sub-commands are required; a group
    another module already made is given back, so several modules can add to it."""
    if name in commands.choices:
        return commands.choices[name].subcommands
    parser = commands.add_parser(name, help=help_text)
    parser.subcommands = parser.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)
    return parser.subcommands


def open_database(args) -> Database:
    return Database.open(data_dir=args.data_dir, db_url=args.db_url, user="cli")


def with_session(function):
    """Runs ``function(session, args)`` in one unit of work on the command's database."""
    def run(args):
        db = open_database(args)
        try:
            with db.session() as session:
                return function(session, args)
        finally:
            db.close()
    return run


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def moment(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=KZ_TIME)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time YYYY-MM-DDTHH:MM: {text!r}") from None


def clock_time(text: str) -> time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time HH:MM: {text!r}") from None


def positive(text: str) -> int:
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
