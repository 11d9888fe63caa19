"""``saraptama rules check``: an expert decision against the MSE Rules."""

from __future__ import annotations

from pathlib import Path

from .. import i18n
from ..domain import rules
from .common import read_json_file, subcommands


def cmd_check(args):
    return rules.check_request(read_json_file(args.file), lang=i18n.current_language())


def register(commands) -> None:
    group = subcommands(commands, "rules", "the MSE Rules as checks")
    p = group.add_parser("check", help="check an expert decision against the MSE Rules")
    p.add_argument("file", type=Path, help='{"birth_date", "exam_date", "kind", "decision"}')
    p.set_defaults(run=cmd_check)
