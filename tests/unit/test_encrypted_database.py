"""An expert's laptop database encrypted with SQLCipher (issue 12, part 4): with
``SARAPTAMA_DB_KEY`` set, the embedded database is written encrypted — nothing of it readable
in the file, backups encrypted alike — and opens only with its key."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.storage import DB_FILE

pytest.importorskip("sqlcipher3")  # the 'laptop' extra

KEY = "laptop key ' with a quote"


def run(capsys, data_dir, *args):
    code = main(["--data-dir", str(data_dir), *map(str, args)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else err)


def test_the_laptop_database_is_encrypted_and_opens_only_with_its_key(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SARAPTAMA_DB_KEY", KEY)
    code, _answer = run(capsys, tmp_path, "signing", "set", "ncalayer")
    assert code == 0
    data = (tmp_path / DB_FILE).read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"ncalayer" not in data
    assert run(capsys, tmp_path, "signing", "show")[1]["method"] == "ncalayer"
    backup = tmp_path / "copy.sqlite3"
    code, answer = run(capsys, tmp_path, "db", "backup", "--out", backup)
    assert code == 0 and b"ncalayer" not in backup.read_bytes() and not backup.read_bytes().startswith(b"SQLite")
    monkeypatch.setenv("SARAPTAMA_DB_KEY", "another key")
    code, error = run(capsys, tmp_path, "signing", "show")
    assert code == 2 and "key is wrong" in error and "Traceback" not in error
