"""``saraptama intake check`` and ``intake import`` (INTERFACES.md §4)."""

from __future__ import annotations

from pathlib import Path

from ..adapters.lookups import load_registers
from ..services import intake
from .common import moment, open_database, subcommands


def cmd_check(args):
    registers = load_registers(args.lookups)
    db = open_database(args)
    try:
        outcome = intake.check_file(db, args.file, registers, args.received_at)
    finally:
        db.close()
    result = {"accepted": outcome.accepted, "codes": outcome.codes}
    if args.explain:  # beyond INTERFACES.md: each failure in words, in the --lang language
        result["messages"] = [{"code": f.code, "message": f.text()} for f in outcome.findings]
    return result


def cmd_import(args):
    registers = load_registers(args.lookups)
    db = open_database(args)
    try:
        run = intake.Intake(db, registers, args.received_at)
        return [outcome.as_json() for outcome in run.import_files(args.files)]
    finally:
        db.close()


def register(commands) -> None:
    group = subcommands(commands, "intake", "referral packages (form 031/u)")
    for name, run, help_text in (("check", cmd_check, "check one package; changes nothing"),
                                 ("import", cmd_import, "check and record packages; accepted ones become draft acts")):
        p = group.add_parser(name, help=help_text)
        p.add_argument("--lookups", type=Path, required=True, help="folder of register stand-ins (INTERFACES.md §2)")
        p.add_argument("--received-at", type=moment, help="receipt time YYYY-MM-DDTHH:MM (default: now)")
        p.set_defaults(run=run)
    check, imports = group.choices["check"], group.choices["import"]
    check.add_argument("--explain", action="store_true", help="also print each failure in words")
    check.add_argument("file", type=Path)
    imports.add_argument("files", type=Path, nargs="+", metavar="FILE", help="package files, or folders of *.json")
