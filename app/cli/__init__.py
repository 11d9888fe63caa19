"""The ``saraptama`` command (docs/interfaces.md §4): one JSON document on standard output and exit
0 on success; a one-line message on standard error and exit 2 on bad input.

One module per command group; each has ``register(commands)`` that adds its sub-commands."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from datetime import date, datetime

from .. import i18n, logs, output_files
from ..errors import UserError
from ..version import program_version
from ..warning_filters import hide_third_party_deprecations
from .common import Parser, data_folder, utf8_arguments

EXIT_BAD_INPUT = 2
CLI_LOG = "saraptama-cli.log"
log = logging.getLogger("saraptama.cli")
# The modules of app/cli that add sub-commands, in the order they add them (acts before
# assignment: it adds to the 'experts' group).  Only those of the chosen command are imported.
COMMAND_GROUPS = ("acts", "appeals", "assignment", "calendar", "intake", "rules", "review", "db", "printing",
                  "registry", "export", "hub", "users", "audit", "signing", "staff", "stats")
# Each command: its help line and the modules that add to it (a test checks this against them).
COMMANDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "demo": ("fill the database with demonstration data", ("acts",)),
    "acts": ("draft acts", ("acts", "assignment", "review")),
    "experts": ("experts", ("acts", "assignment")),
    "appeals": ("appeals (§54-56) and control re-examinations (§73)", ("appeals",)),
    "assign": ("choose three extraterritorial experts for every waiting act (§25.4)", ("assignment",)),
    "calendar": ("the production calendar", ("calendar",)),
    "intake": ("referral packages (form 031/u)", ("intake",)),
    "rules": ("the MSE Rules as checks", ("rules",)),
    "consolidate": ("route three decisions by §44-48 (changes nothing)", ("review",)),
    "decisions": ("experts' decisions (§42-47)", ("review",)),
    "in-person": ("the in-person examination after routing (§45)", ("review",)),
    "signatures": ("the head's signature of conclusions (§48)", ("review",)),
    "tick": ("take every automatic step that is due (§45) and deliver the outbox", ("review",)),
    "outbox": ("SMS and notices", ("review",)),
    "db": ("check, back up and restore the database", ("db",)),
    "print": ("print a form to a PDF file", ("printing",)),
    "documents": ("printed documents", ("printing",)),
    "registry": ("admission to the registry of independent experts and exclusion", ("registry",)),
    "export": ("write a list to an .xlsx or .csv file", ("export",)),
    "hub": ("the region's hub that workstations and expert laptops sync with", ("hub",)),
    "sync": ("one full sync of this device with a hub", ("hub",)),
    "users": ("accounts that sign in, with their roles", ("users",)),
    "staff": ("the department's heads, chief specialists and deputy heads", ("staff",)),
    "audit": ("the audit trail: who changed or opened what", ("audit",)),
    "trust": ("trust roots and revocation lists signatures are checked against", ("signing",)),
    "signing": ("how this workstation signs", ("signing",)),
    "stats": ("quality figures: agreement, reversals, workload (the Statistics tab)", ("stats",)),
}
# Groups that several modules add to: the module of each sub-command (a test checks this too).
SHARED_GROUPS: dict[str, dict[str, str]] = {
    "acts": {"list": "acts", "show": "acts", "history": "assignment", "panel": "assignment", "export": "review",
             "import-decisions": "review", "receive": "review"},
    "experts": {"list": "acts", "absence": "assignment", "why": "assignment"},
}
# The options before the command that take a value (the command is the first word after them).
_VALUED_OPTIONS = {"--data-dir", "--db-url", "--lang", "--user"}


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


class _VersionAction(argparse.Action):
    """``--version``: the version looked up only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the program's version number and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"saraptama {program_version()}")
        parser.exit()


def chosen_command(argv: list[str]) -> tuple[str, ...]:
    """The command's words in ``argv`` (``acts``, ``list`` in ``--lang kk acts list --limit 5``):
    the first two that are no option nor an option's value before the command."""
    words, chosen = iter(argv), []
    for word in words:
        if not chosen and word in _VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            chosen.append(word)
            if len(chosen) == 2:
                break
    return tuple(chosen)


def _modules_of(chosen: tuple[str, ...]) -> tuple[str, ...]:
    """The modules that add the chosen command (only the sub-command's in a shared group)."""
    if not chosen:
        return ()
    shared = SHARED_GROUPS.get(chosen[0], {})
    if len(chosen) > 1 and chosen[1] in shared:
        return (shared[chosen[1]],)
    return COMMANDS.get(chosen[0], ("", ()))[1]


def build_parser(chosen: tuple[str, ...] = (), *, every_group: bool = False) -> argparse.ArgumentParser:
    """The parser; the ``chosen`` command (``chosen_command``) in full (all of them with
    ``every_group``), the others by name and help line only, so that their modules are not imported."""
    parser = Parser(prog="saraptama", description="Saraptama: medical-social expertise (command line).")
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--data-dir", type=data_folder, help="keep all state in DIR instead of the user's data folder")
    parser.add_argument("--db-url", help="any SQLAlchemy database URL instead of the embedded database")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="en", help="language of messages")
    parser.add_argument("--user", help="sign in as this account (password from the terminal or SARAPTAMA_PASSWORD); "
                        "required once the database has accounts")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    needed = _modules_of(chosen)
    for name in COMMAND_GROUPS:
        if every_group or name in needed:
            importlib.import_module(f"{__name__}.{name}").register(commands)
    for name, (help_text, _modules) in COMMANDS.items():
        if name not in commands.choices:
            commands.add_parser(name, help=help_text)
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
    from ..storage import check_data_dir

    check_data_dir(args.data_dir)
    if args.data_dir is not None:
        output_files.guard_folder(args.data_dir)
    logs.install(logs.log_dir(args.data_dir) / CLI_LOG, logging.INFO)
    result = args.run(args)
    if result is None and getattr(args, "runs_until_stopped", False):
        return ""  # a server announced itself when it started
    return _dump(result)


def main(argv: list[str] | None = None) -> int:
    lang = "en"
    args = None
    hide_third_party_deprecations()
    try:
        argv = sys.argv[1:] if argv is None else argv
        utf8_arguments(argv)
        args = build_parser(chosen_command(argv)).parse_args(argv)
        lang = args.lang
        i18n.set_language(lang)
        output = _run(args)
    except UserError as error:  # bad input, including a database that cannot be opened
        if getattr(error, "result", None) is not None:  # what was done before the run stopped
            sys.stdout.write(_dump(error.result))
        print(error.text(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except OverflowError:  # a date or a number beyond what the program counts with (year 9999, a huge id)
        print(UserError("A date or a number is too large for Saraptama; nothing was changed.").text(lang),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        from ..storage import database_error

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
