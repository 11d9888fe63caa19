"""Four programs started at once on one folder: one sets the database up, the others wait for
it (a lock file beside SQLite, an advisory lock on PostgreSQL); nobody fails."""

import json
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from app.storage import DB_FILE


def _start_four(folder) -> list[subprocess.CompletedProcess]:
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(folder), "experts", "list"]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(4)]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in running]


@pytest.mark.parametrize("attempt", range(2))
def test_four_first_starts_at_once_on_an_empty_folder(tmp_path, attempt):
    for done in _start_four(tmp_path):
        assert done.returncode == 0 and json.loads(done.stdout) == [], done.stderr
    with closing(sqlite3.connect(tmp_path / DB_FILE)) as connection:
        assert connection.execute("SELECT count(*) FROM region").fetchone()[0] == 20  # seeded once


def test_four_starts_on_an_old_database_make_one_backup(tmp_path):
    with closing(sqlite3.connect(tmp_path / DB_FILE)) as connection:  # a database from before the migrations
        connection.execute("CREATE TABLE legacy_notes (note TEXT)")
        connection.commit()
    for done in _start_four(tmp_path):
        assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "backups").glob("*-before-*.db"))) == 1
