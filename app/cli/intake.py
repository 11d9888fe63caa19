"""``saraptama intake check`` and ``intake import`` (docs/interfaces.md §4)."""

from __future__ import annotations

from pathlib import Path

from ..adapters.lookups import load_registers
from ..domain.clock import now_kz
from ..errors import UserError
from ..services import intake
from ..services.intake import samples
from .common import moment, open_database, subcommands, whole_number


def cmd_check(args):
    registers = load_registers(args.lookups)
    db = open_database(args)
    try:
        outcome = intake.check_file(db, args.file, registers, args.received_at)
    finally:
        db.close()
    result = {"accepted": outcome.accepted, "codes": outcome.codes}
    if args.explain:  # beyond docs/interfaces.md: each failure in words, in the --lang language
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


def cmd_samples(args):
    """Sample packages received today (a share failing one App 5 check each) and their lookups
    folder, to try intake with: ``DIR/packages/*.json`` and ``DIR/lookups``."""
    packages, lookups = samples.batch(args.count, now_kz().date(), invalid_share=args.invalid_share / 100,
                                      seed=args.seed)
    try:
        folder, registers = samples.write_batch(args.out, packages, lookups)
    except OSError as error:
        raise UserError("Cannot write into {folder}: {problem}", folder=str(args.out),
                        problem=error.strerror or type(error).__name__) from None
    return {"packages": str(folder), "lookups": str(registers), "count": len(packages)}


def register(commands) -> None:
    group = subcommands(commands, "intake", "referral packages (form 031/u)")
    for name, run, help_text in (("check", cmd_check, "check one package; changes nothing"),
                                 ("import", cmd_import, "check and record packages; accepted ones become draft acts")):
        p = group.add_parser(name, help=help_text)
        p.add_argument("--lookups", type=Path, required=True, help="register stand-ins (docs/interfaces.md §2)")
        p.add_argument("--received-at", type=moment, help="receipt time YYYY-MM-DDTHH:MM (default: now)")
        p.set_defaults(run=run)
    check, imports = group.choices["check"], group.choices["import"]
    check.add_argument("--explain", action="store_true", help="also print each failure in words")
    check.add_argument("file", type=Path)
    imports.add_argument("files", type=Path, nargs="+", metavar="FILE", help="package files, or folders of *.json")
    p = group.add_parser("samples", help="write sample packages received today and their lookups folder")
    p.add_argument("--out", type=Path, required=True, help="folder to write packages/ and lookups/ into")
    p.add_argument("--count", type=whole_number(1, 10_000), default=20)
    p.add_argument("--invalid-share", type=whole_number(0, 100), default=30, metavar="PERCENT")
    p.add_argument("--seed", type=whole_number(0, 2**63), default=1)
    p.set_defaults(run=cmd_samples)
