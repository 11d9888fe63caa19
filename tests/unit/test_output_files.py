"""Every file a command writes where the user asks is written whole under a temporary name and
renamed over its target, never over the database, its companions, its backups or the data
folder's own files — also not through a symbolic link — and a full disk leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from contextlib import closing

import pytest

from app.storage import DB_FILE
from tests.cli_runner import Cli
from tests.database_files import table_counts


def _sound(path) -> bool:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def _first_expert(data_dir) -> str:
    with closing(sqlite3.connect(data_dir / DB_FILE)) as connection:
        return str(connection.execute("SELECT expert_id FROM assignment ORDER BY id LIMIT 1").fetchone()[0])


@pytest.fixture
def cli(capsys, demo_data_dir, tmp_path) -> Cli:
    return Cli(capsys, demo_data_dir, tmp_path)


def _writers(data_dir, target, expert: str) -> list[tuple[str, ...]]:
    """Every command that writes a file named by ``--out``, aimed at ``target``."""
    return [("acts", "export", "--expert", expert, "--out", target),
            ("print", "waiting-list", "--out", f"{target}.pdf" if not str(target).endswith(".pdf") else target),
            ("export", "registry", "--out", f"{target}.csv" if not str(target).endswith(".csv") else target),
            ("export", "incoming", "--out", f"{target}.xlsx" if not str(target).endswith(".xlsx") else target)]


@pytest.mark.parametrize("companion", ["", "-wal", "-shm"])
def test_out_never_replaces_the_database_or_its_companions(cli, demo_data_dir, companion):
    database = demo_data_dir / DB_FILE
    before = table_counts(database)
    target = demo_data_dir / (DB_FILE + companion)
    message = cli.refused("acts", "export", "--expert", _first_expert(demo_data_dir), "--out", target)
    assert "database" in message
    assert table_counts(database) == before and _sound(database)


@pytest.mark.parametrize("command", range(4))
def test_a_link_to_the_database_is_refused(cli, demo_data_dir, tmp_path, command):
    database = demo_data_dir / DB_FILE
    before = table_counts(database)
    suffix = ("json", "pdf", "csv", "xlsx")[command]
    link = tmp_path / f"l.{suffix}"
    link.symlink_to(database)
    argv = _writers(demo_data_dir, link, _first_expert(demo_data_dir))[command]
    assert "database" in cli.refused(*argv)
    assert table_counts(database) == before and _sound(database) and link.is_symlink()


def test_a_hard_link_to_the_database_is_refused(cli, demo_data_dir, tmp_path):
    database = demo_data_dir / DB_FILE
    twin = tmp_path / "twin.csv"
    os.link(database, twin)
    cli.refused("export", "registry", "--out", twin)
    assert _sound(database)


def test_backups_and_the_data_folders_files_are_refused(cli, demo_data_dir):
    backup = demo_data_dir / "backups" / "saraptama-20250101-000000-0-daily.db"
    cli.ok("db", "backup", "--out", backup)  # a new backup among the others is fine
    before = table_counts(backup)
    cli.refused("acts", "export", "--expert", _first_expert(demo_data_dir), "--out", backup)
    assert table_counts(backup) == before
    own = demo_data_dir / "connection.csv"
    own.write_text("kept", encoding="utf-8")
    cli.refused("export", "registry", "--out", own)
    assert own.read_text(encoding="utf-8") == "kept"


def test_an_existing_file_elsewhere_is_replaced_whole(cli, tmp_path):
    out = tmp_path / "registry.csv"
    out.write_text("old", encoding="utf-8")
    result = cli.ok("export", "registry", "--out", out)
    assert out.read_text(encoding="utf-8-sig").count("\n") == result["rows"] + 1
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


@pytest.fixture
def full_folder(tmp_path):
    """A folder on a small file system (tmpfs, root only) filled to the last byte."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        with (folder / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"x" * 1024)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("argv", [("print", "waiting-list", "--out", "list.pdf"),
                                  ("export", "registry", "--out", "registry.xlsx"),
                                  ("export", "registry", "--out", "registry.csv"),
                                  ("acts", "export", "--expert", "{expert}", "--out", "acts.json"),
                                  ("db", "backup", "--out", "copy.db")])
def test_a_full_disk_leaves_no_partial_or_empty_file(cli, demo_data_dir, full_folder, argv):
    before = sorted(p.name for p in full_folder.iterdir())
    argv = [a.format(expert=_first_expert(demo_data_dir)) for a in argv]
    argv[-1] = full_folder / argv[-1]
    message = cli.refused(*argv)
    assert "disk is full" in message
    assert sorted(p.name for p in full_folder.iterdir()) == before
