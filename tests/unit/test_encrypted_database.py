"""An expert's laptop database encrypted with SQLCipher: with
``SARAPTAMA_DB_KEY`` set, the embedded database is written encrypted — nothing of it readable
in the file, backups encrypted alike — and opens only with its key."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from app.storage import DB_FILE

KEY = "laptop key ' with a quote"
# In a process of its own: SQLCipher brings its own SQLite library, which the test process
# (Python's sqlite3 with the system's library) need not share.
SCRIPT = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"


def run(_capsys, data_dir, *args):
    done = subprocess.run([sys.executable, "-c", SCRIPT, "--data-dir", str(data_dir), *map(str, args)],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=300)
    return done.returncode, (json.loads(done.stdout) if done.returncode == 0 else done.stderr)


@pytest.mark.skipif(importlib.util.find_spec("sqlcipher3") is None, reason="the 'laptop' extra is not installed")
def test_the_laptop_database_is_encrypted_and_opens_only_with_its_key(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SARAPTAMA_DB_KEY", KEY)
    code, _answer = run(capsys, tmp_path, "signing", "set", "ncalayer")
    assert code == 0
    data = (tmp_path / DB_FILE).read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"ncalayer" not in data
    assert (tmp_path / (DB_FILE + ".encrypted")).exists()  # so the window asks for the key
    assert run(capsys, tmp_path, "signing", "show")[1]["method"] == "ncalayer"
    backup = tmp_path / "copy.sqlite3"
    code, answer = run(capsys, tmp_path, "db", "backup", "--out", backup)
    assert code == 0 and b"ncalayer" not in backup.read_bytes() and not backup.read_bytes().startswith(b"SQLite")
    monkeypatch.setenv("SARAPTAMA_DB_KEY", "another key")
    code, error = run(capsys, tmp_path, "signing", "show")
    assert code == 2 and "key is wrong" in error and "Traceback" not in error
    assert error.count("\n") == 1  # SQLCipher's own log stays quiet
    monkeypatch.delenv("SARAPTAMA_DB_KEY")
    code, error = run(capsys, tmp_path, "signing", "show")
    assert code == 2 and error.count("\n") == 1 and "SARAPTAMA_DB_KEY" in error and "damaged" not in error


@pytest.mark.skipif(importlib.util.find_spec("sqlcipher3") is None, reason="the 'laptop' extra is not installed")
def test_the_quick_acts_list_reads_an_encrypted_database_only_with_its_key(tmp_path, capsys, monkeypatch):
    """``acts list`` reads on a bare connection before the models are declared: the key is asked
    for and checked there exactly as on every other command."""
    monkeypatch.setenv("SARAPTAMA_DB_KEY", KEY)
    assert run(capsys, tmp_path, "demo", "--acts", "30", "--experts", "5")[0] == 0
    code, listed = run(capsys, tmp_path, "acts", "list", "--limit", "5")
    assert code == 0 and len(listed) == 5 and all(len(row["number"]) == 14 for row in listed)
    monkeypatch.setenv("SARAPTAMA_DB_KEY", "another key")
    code, error = run(capsys, tmp_path, "acts", "list")
    assert code == 2 and "key is wrong" in error and error.count("\n") == 1
    monkeypatch.delenv("SARAPTAMA_DB_KEY")
    code, error = run(capsys, tmp_path, "acts", "list")
    assert code == 2 and "SARAPTAMA_DB_KEY" in error and error.count("\n") == 1
