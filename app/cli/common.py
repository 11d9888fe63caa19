"""What every command group shares: the parser that reports in one line, argument types,
reading a JSON file, and opening the database for one command."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.clock import KZ_TIME
from ..errors import UserError
from ..i18n import N_, gettext
from ..json_files import read_json_file as read_json_file

if TYPE_CHECKING:
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


PASSWORD_VARIABLE = "SARAPTAMA_PASSWORD"
NEW_PASSWORD_VARIABLE = "SARAPTAMA_NEW_PASSWORD"


def open_database(args) -> Database:
    """The command's database, migrated, checked and signed in to (``signed_in``)."""
    return signed_in(_sound_database(args), args)


def _sound_database(args) -> Database:
    """The command's database, migrated and checked: an SQLite file with a damaged page is refused
    before the command reads or writes it (SQLite's ``quick_check``; a list read past a damaged page
    would silently miss rows, a write would build on it)."""
    from ..storage import Database   # the database's modules only for a command that opens one

    db = Database.open(data_dir=args.data_dir, db_url=args.db_url, user="cli")
    try:
        db.ensure_sound()
    except BaseException:
        db.close()
        raise
    return db


def password(variable: str, prompt: str) -> str:
    """A password from the environment (scripts) or typed at the terminal, never an argument."""
    if os.environ.get(variable):
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise UserError("Give the password in the environment variable {variable}, or run the command at a "
                        "terminal.", variable=variable)
    return getpass.getpass(gettext(prompt))


def signed_in(db: Database, args) -> Database:
    """The command's database with ``--user`` signed in; required once the database has
    accounts (``app.services.access``), refused on one without them.  A database too damaged
    to tell is left to the command (``db check``, ``db restore``)."""
    from sqlalchemy.exc import DBAPIError

    from ..services import access

    name = getattr(args, "user", None)
    try:
        with db.session() as session:
            required = access.sign_in_on(session)
    except (DBAPIError, UserError):
        return db
    try:
        if required and not name:
            raise UserError("This database has accounts: sign in with --user NAME (the password from the terminal "
                            "or {variable}).", variable=PASSWORD_VARIABLE)
        if name and not required:
            raise UserError("This database has no accounts; leave out --user.")
        if name:
            from ..services import accounts   # Argon2 only for a command that signs in

            accounts.sign_in(db, name, password(PASSWORD_VARIABLE, N_("Password: ")))
    except BaseException:
        db.close()
        raise
    return db


def with_database(function, opener=None):
    """Runs ``function(db, args)`` on the command's database (``opener(args)``, by default opened
    and migrated), closed afterwards."""
    def run(args):
        db = (opener or open_database)(args)
        try:
            return function(db, args)
        finally:
            db.close()
    return run


def with_session(function):
    """Runs ``function(session, args)`` in one unit of work on the command's database."""
    def in_session(db, args):
        with db.session() as session:
            return function(session, args)
    return with_database(in_session)


def with_connection(function):
    """Runs ``function(db, args)`` for a command that reads with SQLAlchemy's core only
    (``app.services.act_list``): on a database nobody signs in to, ``db`` is a bare connection and
    the ORM and the models are never loaded (a quick start); on one with accounts, or given
    ``--user``, ``db`` is a unit of work after signing in, exactly as ``with_session``."""
    def run(args):
        db = _sound_database(args)
        try:
            if getattr(args, "user", None) or _sign_in_required(db):
                db = signed_in(db, args)
                with db.session() as session:
                    return function(session, args)
            return _on_connection(db, function, args)
        finally:
            db.close()
    return run


def _sign_in_required(db: Database) -> bool:
    """Whether the database has accounts, read with plain SQL; a database too damaged to tell
    takes the way of ``signed_in``, which decides as for every other command."""
    from sqlalchemy.exc import DBAPIError

    from ..domain.settings import SIGN_IN
    from ..services.stored_settings import read_setting

    try:
        with db.engine.connect() as connection:
            return read_setting(connection, SIGN_IN)
    except DBAPIError:
        return True


def _on_connection(db: Database, function, args):
    from sqlalchemy.exc import DBAPIError

    from ..storage import database_error

    try:
        with db.engine.connect() as connection:
            return function(connection, args)
    except DBAPIError as error:  # a damaged file, a lost server: the user's one line, naming the database
        raise database_error(error, db) or error from None


def data_folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder name is empty")
    return Path(text)


def utf8_arguments(argv: list[str]) -> None:
    """Arguments that are not UTF-8 text (stray bytes) are refused before anything runs."""
    for number, argument in enumerate(argv, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raise UserError("Argument {number} is not valid text (UTF-8).", number=number) from None


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


MOMENT_YEARS = (1990, 2200)  # a step of the work is dated within these; 9999 overflows every due date


def moment(text: str) -> datetime:
    try:
        value = datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=KZ_TIME)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time YYYY-MM-DDTHH:MM: {shown(text)}") from None
    if not MOMENT_YEARS[0] <= value.year <= MOMENT_YEARS[1]:
        raise argparse.ArgumentTypeError(f"not a year from {MOMENT_YEARS[0]} to {MOMENT_YEARS[1]}: {shown(text)}")
    return value


def clock_time(text: str) -> time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time HH:MM: {text!r}") from None


def whole_number(low: int, high: int):
    """An argument type: a whole number from ``low`` to ``high``, said in the message."""
    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"not a whole number from {low:,} to {high:,}: {shown(text)}")
        return value
    parse.__name__ = "whole number"
    return parse


positive = whole_number(1, 10_000)   # working days, and the like


def shown(text: str, limit: int = 40) -> str:
    """An argument as it may be echoed in a one-line message: short, printable, no stray bytes."""
    clean = text.encode("utf-8", "replace").decode("utf-8")
    clean = "".join(ch if ch.isprintable() else "?" for ch in clean)
    return repr(clean if len(clean) <= limit else clean[:limit] + "…")


