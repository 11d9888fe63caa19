"""The ``saraptama`` command (INTERFACES.md §4): one JSON document on standard output and exit
0 on success; a one-line message on standard error and exit 2 on bad input.

One module per command group; each has ``register(commands)`` that adds its sub-commands."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path

from .. import i18n
from ..errors import UserError
from ..storage import default_log_dir
from . import acts, assignment, calendar, rules
from .common import Parser

EXIT_BAD_INPUT = 2
COMMAND_GROUPS = (acts, assignment, calendar, rules)  # acts before assignment: it adds to 'experts'


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="saraptama", description="Saraptama: medical-social expertise (command line).")
    parser.add_argument("--version", action="version", version=f"saraptama {version('saraptama')}")
    parser.add_argument("--data-dir", type=Path, help="keep all state in DIR instead of the user's data folder")
    parser.add_argument("--db-url", help="any SQLAlchemy database URL instead of the embedded database")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in COMMAND_GROUPS:
        group.register(commands)
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
