"""A command imports only what it uses, and prints only its own output: no library's
deprecation notice on standard error (docs/dependencies.md)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from app.cli import COMMAND_GROUPS, COMMANDS, SHARED_GROUPS, build_parser, chosen_command
from app.cli.common import Parser

# Libraries a command that does not print, sign, export or migrate must not load.
HEAVY = ("alembic", "pyhanko", "reportlab", "openpyxl", "aiohttp", "fastapi")


def _registered_by(module: str) -> dict[str, set[str]]:
    commands = Parser(prog="t").add_subparsers(dest="command", parser_class=Parser)
    importlib.import_module(f"app.cli.{module}").register(commands)
    return {name: set(getattr(parser, "subcommands", argparse.Namespace(choices={})).choices)
            for name, parser in commands.choices.items()}


def test_the_command_table_names_each_command_its_help_and_the_modules_that_add_to_it():
    adds: dict[str, set[str]] = {}
    for module in COMMAND_GROUPS:
        for name in _registered_by(module):
            adds.setdefault(name, set()).add(module)
    assert {name: set(modules) for name, (_help, modules) in COMMANDS.items()} == adds
    full = build_parser(every_group=True)._subparsers._group_actions[0]
    assert {a.dest: a.help for a in full._choices_actions} == {n: h for n, (h, _m) in COMMANDS.items()}


def test_each_sub_command_of_a_shared_group_is_added_by_the_module_named_for_it():
    for group, owners in SHARED_GROUPS.items():
        found = {sub: module for module in COMMANDS[group][1] for sub in _registered_by(module)[group]}
        assert found == owners


@pytest.mark.parametrize(("argv", "chosen"), [
    (["--version"], ()), (["acts", "list", "--limit", "5"], ("acts", "list")),
    (["--lang", "kk", "--data-dir", "acts", "experts", "why", "1", "2"], ("experts", "why")),
    (["--db-url=sqlite:///x", "print", "--help"], ("print",)),
])
def test_the_chosen_command_is_read_past_the_options_before_it(argv, chosen):
    assert chosen_command(argv) == chosen


def _loaded_after(argv: list[str]) -> tuple[list[str], str]:
    script = ("import sys\nfrom app.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
              f"print('loaded:', *sorted(m for m in {HEAVY + ('sqlalchemy',)!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=120)
    return done.stdout.rsplit("loaded:", 1)[1].split(), done.stderr


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_load_no_database_nor_document_library(argv):
    loaded, errors = _loaded_after(argv)
    assert loaded == [] and errors == ""


def test_listing_acts_loads_neither_alembic_nor_the_printing_and_signing_libraries(data_dir):
    loaded, errors = _loaded_after(["--data-dir", str(data_dir), "acts", "list", "--limit", "20"])
    assert loaded == ["sqlalchemy"] and errors == ""


def test_a_library_deprecation_never_reaches_the_users_terminal():
    """cryptography 47 and later warn that DSA is deprecated when pyHanko is imported."""
    imports = "import pyhanko.sign.signers"
    shown = subprocess.run([sys.executable, "-c", imports], capture_output=True, text=True, timeout=120)
    quiet = f"from app.warning_filters import hide_third_party_deprecations as h; h(); {imports}"
    hidden = subprocess.run([sys.executable, "-c", quiet], capture_output=True, text=True, timeout=120)
    assert "deprecated" in shown.stderr   # the notice exists with the locked versions
    assert hidden.stderr == ""
