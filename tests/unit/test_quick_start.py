"""A command imports only what it uses, and prints only its own output: no library's
deprecation notice on standard error (docs/dependencies.md)."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest
from sqlalchemy import select

from app import models as m
from app.cli import COMMAND_GROUPS, COMMANDS, SHARED_GROUPS, build_parser, chosen_command, main
from app.cli.common import Parser
from app.domain.clock import KZ_TIME
from app.domain.permissions import Role
from app.domain.states import ActStatus
from app.services import accounts, act_list
from app.storage import Database

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


def _loaded_after(argv: list[str], watched: tuple[str, ...] = HEAVY + ("sqlalchemy",)) -> tuple[list[str], str]:
    script = ("import sys\nfrom app.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
              f"print('loaded:', *sorted(m for m in {watched!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=120)
    return done.stdout.rsplit("loaded:", 1)[1].split(), done.stderr


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_load_no_database_nor_document_library(argv):
    loaded, errors = _loaded_after(argv)
    assert loaded == [] and errors == ""


def test_listing_acts_loads_neither_alembic_nor_the_printing_and_signing_libraries(data_dir):
    loaded, errors = _loaded_after(["--data-dir", str(data_dir), "acts", "list", "--limit", "20"])
    assert loaded == ["sqlalchemy"] and errors == ""


def test_listing_acts_declares_no_model_and_loads_no_orm(demo_data_dir):
    """The list is read with SQLAlchemy's core on a bare connection (``app.services.act_list``)."""
    loaded, errors = _loaded_after(["--data-dir", str(demo_data_dir), "acts", "list", "--limit", "20"],
                                   ("app.models", "sqlalchemy.orm", "filelock", "app.services.acts"))
    assert loaded == [] and errors == ""


def _cli(capsys, monkeypatch, *argv, password: str | None = None):
    if password is None:
        monkeypatch.delenv("SARAPTAMA_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("SARAPTAMA_PASSWORD", password)
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err.strip()


def test_a_database_with_accounts_is_listed_only_to_someone_signed_in(capsys, monkeypatch, demo_data_dir):
    """The quick way lists nothing before it knows nobody must sign in: with accounts the command
    signs in first, as every other command does, and lists the same acts."""
    listing = ("--data-dir", demo_data_dir, "acts", "list", "--limit", "5")
    code, unprotected, _ = _cli(capsys, monkeypatch, *listing)
    assert code == 0 and len(unprotected) == 5
    db = Database.open(data_dir=demo_data_dir)
    with db.session() as session:
        accounts.add(session, "admin", Role.ADMIN, "correct horse")
    db.close()
    code, shown, err = _cli(capsys, monkeypatch, *listing)
    assert (code, shown) == (2, None) and "sign in with --user NAME" in err
    code, shown, err = _cli(capsys, monkeypatch, "--user", "admin", *listing, password="wrong horse")
    assert (code, shown) == (2, None)
    code, shown, _ = _cli(capsys, monkeypatch, "--user", "admin", *listing, password="correct horse")
    assert code == 0 and shown == unprotected


def test_a_database_written_by_a_newer_program_is_refused_before_anything_is_listed(capsys, monkeypatch, demo_data_dir):
    db = Database.open(data_dir=demo_data_dir)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.close()
    code, shown, err = _cli(capsys, monkeypatch, "--data-dir", demo_data_dir, "acts", "list")
    assert (code, shown) == (2, None) and "newer version of Saraptama" in err and "9999_future" in err


def test_a_database_behind_the_head_is_migrated_before_anything_is_listed(capsys, monkeypatch, demo_data_dir):
    """The quick way skips Alembic only at the head: one revision behind, the command migrates
    (a copy kept in ``backups/`` first), then lists as before."""
    from alembic import command

    from app.storage import BACKUP_DIR, schema_head
    from tests.database_files import migrate

    db = Database.open(data_dir=demo_data_dir)
    with db.engine.connect() as connection:
        expected = act_list.list_acts(connection, limit=20)
    migrate(db, command.downgrade, "-1")
    behind = db.schema_version()
    db.close()
    assert behind is not None and behind != schema_head()
    code, shown, _ = _cli(capsys, monkeypatch, "--data-dir", demo_data_dir, "acts", "list", "--limit", "20")
    assert code == 0 and shown == expected
    db = Database.connect(data_dir=demo_data_dir)
    try:
        assert db.schema_version() == schema_head()
    finally:
        db.close()
    assert list((demo_data_dir / BACKUP_DIR).glob(f"*-before-{schema_head()}*"))


def _expected_acts(session, status=None, limit=20) -> list[dict]:
    """The command's rows as the models read them (written here without ``act_list``): the first
    acts by registration, their department's code, Kazakhstan time to the minute, documents in force."""
    def minutes(moment):
        return moment.astimezone(KZ_TIME).strftime("%Y-%m-%dT%H:%M+05:00") if moment else None

    query = select(m.DraftAct).order_by(m.DraftAct.registered_at, m.DraftAct.id).limit(limit)
    if status:
        query = query.where(m.DraftAct.status == ActStatus(status))
    rows = []
    for act in session.scalars(query):
        documents = session.scalars(select(m.IssuedDocument.kind).where(m.IssuedDocument.act_id == act.id,
                                                                          m.IssuedDocument.replaced_at.is_(None)))
        rows.append({"number": act.number, "status": act.status.value,
                     "department": act.department.code if act.department else None,
                     "registered_at": minutes(act.registered_at), "due": minutes(act.due_at),
                     "documents": sorted(documents)})
    return rows


def _documents_sorted(rows: list[dict]) -> list[dict]:
    return [{**row, "documents": sorted(row["documents"])} for row in rows]


def same_acts_both_ways(db, status=None, limit=20) -> list[dict]:
    """``act_list`` on a bare connection and in a unit of work of the ORM, checked against the models."""
    with db.engine.connect() as connection:
        quick = act_list.list_acts(connection, status=status, limit=limit)
    with db.session() as session:
        orm = act_list.list_acts(session, status=status, limit=limit)
        expected = _expected_acts(session, status, limit)
    assert quick == orm
    assert _documents_sorted(quick) == expected
    return quick


@pytest.mark.parametrize("status", [None, "waiting", "signed"])
def test_the_quick_list_gives_the_rows_of_the_models(demo_db, status):
    rows = same_acts_both_ways(demo_db, status=status)
    assert rows and all(row["status"] == status for row in rows if status)


def test_the_command_prints_the_quick_lists_rows(capsys, monkeypatch, demo_data_dir):
    code, shown, _ = _cli(capsys, monkeypatch, "--data-dir", demo_data_dir, "acts", "list", "--limit", "20")
    db = Database.open(data_dir=demo_data_dir)
    try:
        assert code == 0 and shown == same_acts_both_ways(db)
    finally:
        db.close()


def test_a_library_deprecation_never_reaches_the_users_terminal():
    """cryptography 47 and later warn that DSA is deprecated when pyHanko is imported."""
    imports = "import pyhanko.sign.signers"
    shown = subprocess.run([sys.executable, "-c", imports], capture_output=True, text=True, timeout=120)
    quiet = f"from app.warning_filters import hide_third_party_deprecations as h; h(); {imports}"
    hidden = subprocess.run([sys.executable, "-c", quiet], capture_output=True, text=True, timeout=120)
    assert "deprecated" in shown.stderr   # the notice exists with the locked versions
    assert hidden.stderr == ""
