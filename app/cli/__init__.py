"""The ``saraptama`` command (INTERFACES.md §4): one JSON document on standard output and exit
0 on success; a one-line message on standard error and exit 2 on bad input.

One module per command group; each has ``register(commands)`` that adds its sub-commands."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date, datetime

from .. import i18n, logs
from ..errors import UserError
from ..storage import check_data_dir, database_error
from ..version import program_version
from . import (acts, appeals, assignment, audit, calendar, db, export, hub, intake, printing, registry, review, rules,
               signing, users)
from . import stats
from .common import Parser, data_folder, utf8_arguments

EXIT_BAD_INPUT = 2
CLI_LOG = "saraptama-cli.log"
log = logging.getLogger("saraptama.cli")
# acts before assignment: it adds to the 'experts' group
COMMAND_GROUPS = (acts, appeals, assignment, calendar, intake, rules, review, db, printing, registry, export, hub,
                  users, audit, signing, stats)


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="saraptama", description="Saraptama: medical-social expertise (command line).")
    parser.add_argument("--version", action="version", version=f"saraptama {program_version()}")
    parser.add_argument("--data-dir", type=data_folder, help="keep all state in DIR instead of the user's data folder")
    parser.add_argument("--db-url", help="any SQLAlchemy database URL instead of the embedded database")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language of messages")
    parser.add_argument("--user", help="sign in as this account (password from the terminal or SARAPTAMA_PASSWORD); "
                        "required once the database has accounts")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def _command_path(args) -> str:
    """``acts show`` and the like: which command failed, without its arguments (they may hold a
    password or a person's data)."""
    words = [getattr(args, "command", None)]
    words += [value for key, value in vars(args).items() if key.endswith("_command") and key != "command"]
    return " ".join(str(w) for w in words if w)


def _dump(result) -> str:
    """The JSON answer, whole, before anything is printed; an argument's stray bytes echoed
    back (not UTF-8) are escaped rather than breaking standard output."""
    text = json.dumps(result, ensure_ascii=False, default=_json_default) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(result, default=_json_default) + "\n"
    return text


def _run(args) -> str:
    check_data_dir(args.data_dir)
    logs.install(logs.log_dir(args.data_dir) / CLI_LOG, logging.INFO)
    result = args.run(args)
    if result is None and getattr(args, "runs_until_stopped", False):
        return ""  # a server announced itself when it started
    return _dump(result)


def main(argv: list[str] | None = None) -> int:
    lang = "en"
    args = None
    try:
        argv = sys.argv[1:] if argv is None else argv
        utf8_arguments(argv)
        args = build_parser().parse_args(argv)
        lang = args.lang
        i18n.set_language(lang)
        output = _run(args)
    except UserError as error:  # bad input, including a database that cannot be opened
        print(error.text(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        failure = database_error(error)
        if failure is not None:  # a full disk, a lost server: nothing was saved, and the user is told so
            print(failure.text(lang), file=sys.stderr)
            return EXIT_BAD_INPUT
        # a fault of ours: one line for the user, the details in the (redacted) log file
        log.exception("internal error in 'saraptama %s'", _command_path(args) if args else "")
        where = logs.log_dir(getattr(args, "data_dir", None)) / CLI_LOG
        print(f"internal error: {type(error).__name__} (details: {where})", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
