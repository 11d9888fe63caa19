"""Bad input from a careless or hostile user: each package of a folder is judged alone, a file
that is not a regular file or is endless is refused, numbers too large for the program and
NUL characters are refused in one line, and a full disk during intake says what was saved."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime

import pytest

from app import storage
from app.cli import main
from app.domain.clock import KZ_TIME
from app.services.intake import samples
from app.storage import DB_FILE

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)
AT = RECEIVED.strftime("%Y-%m-%dT%H:%M")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _batch(tmp_path, count: int):
    make = samples.Samples(RECEIVED.date(), seed=31)
    return samples.write_batch(tmp_path / "in", [make.valid() for _ in range(count)], make.lookups)


def test_a_package_with_a_number_of_5000_digits_is_rejected_alone(capsys, data_dir, tmp_path):
    folder, lookups = _batch(tmp_path, 3)
    bad = folder / "000002.json"
    package = json.loads(bad.read_text(encoding="utf-8"))
    bad.write_text(json.dumps(package)[:-1] + ', "height": ' + "7" * 5000 + "}", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data_dir, "intake", "import", "--lookups", lookups,
                         "--received-at", AT, folder)
    assert code == 0, err
    outcomes = {Path_name(o["file"]): o for o in json.loads(out)}
    assert outcomes["000002.json"]["accepted"] is False and outcomes["000002.json"]["codes"] == ["F002"]
    assert outcomes["000001.json"]["accepted"] and outcomes["000003.json"]["accepted"]


def Path_name(file: str) -> str:  # noqa: N802 - reads as the file's name
    return file.rsplit("/", 1)[-1]


def test_a_full_disk_during_intake_names_what_was_saved(capsys, monkeypatch, data_dir, tmp_path):
    """SQLite's page limit stands in for the disk: a few packages fit, then none."""
    folder, lookups = _batch(tmp_path, 40)
    with closing(sqlite3.connect(data_dir / DB_FILE)) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    configure = storage._configure_sqlite

    def tiny_disk(dbapi_connection, record):
        configure(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 12}")

    monkeypatch.setattr(storage, "_configure_sqlite", tiny_disk)
    code, out, err = run(capsys, "--data-dir", data_dir, "intake", "import", "--lookups", lookups,
                         "--received-at", AT, folder)
    assert code == 2 and err.count("\n") == 1 and "disk is full" in err
    saved = json.loads(out)
    monkeypatch.setattr(storage, "_configure_sqlite", configure)
    with closing(sqlite3.connect(data_dir / DB_FILE)) as connection:
        stored = connection.execute("SELECT count(*) FROM referral_package").fetchone()[0]
    assert 0 < stored < 40 and len(saved) == stored


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_a_device_or_a_pipe_as_input_is_refused(capsys, data_dir, tmp_path, source):
    import os
    if source == "fifo":
        source = tmp_path / "pipe.json"
        os.mkfifo(source)
    _folder, lookups = _batch(tmp_path, 1)
    for argv in (("intake", "check", "--lookups", lookups, source), ("acts", "receive", source),
                 ("calendar", "import", source)):
        code, _out, err = run(capsys, "--data-dir", data_dir, *argv)
        assert code == 2 and err.count("\n") == 1 and "regular file" in err, (argv, err)


def test_a_data_folder_that_takes_no_files_is_refused_at_once(capsys):
    code, _out, err = run(capsys, "--data-dir", "/proc/self", "acts", "list")
    assert code == 2 and err.count("\n") == 1 and "/proc/self" in err


def test_a_mistyped_database_address_creates_nothing(capsys, tmp_path):
    missing = tmp_path / "nonexistent" / "dir"
    code, _out, err = run(capsys, "--db-url", f"sqlite:///{missing}/x.db", "acts", "list")
    assert code == 2 and err.count("\n") == 1 and "does not exist" in err
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("entries, words", [
    ([{"date": "0001-01-01", "working": False}], "year 1"),
    ([{"date": "9999-12-31", "working": False}], "year 9999"),
    ([{"date": "2026-03-23", "working": False}, {"date": "2026-03-23", "working": True}], "twice"),
    ([{"date": "2026-03-23", "working": False, "note": {"a": 1}}], "not text"),
])
def test_the_calendar_refuses_impossible_years_repeated_days_and_odd_notes(capsys, data_dir, tmp_path, entries,
                                                                            words):
    file = tmp_path / "decree.json"
    file.write_text(json.dumps(entries), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", data_dir, "calendar", "import", file)
    assert code == 2 and err.count("\n") == 1 and words in err, err


@pytest.mark.parametrize("at", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_a_moment_beyond_the_calendar_is_refused_in_one_line(capsys, data_dir, at):
    code, _out, err = run(capsys, "--data-dir", data_dir, "assign", "--at", at)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err


def test_a_nul_in_a_text_is_refused(capsys, data_dir, tmp_path):
    folder, lookups = _batch(tmp_path, 1)
    package = folder / "000001.json"
    content = json.loads(package.read_text(encoding="utf-8"))
    content["patient"]["last_name"] = "Иван\u0000ов"
    package.write_text(json.dumps(content), encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data_dir, "intake", "import", "--lookups", lookups,
                         "--received-at", AT, package)
    assert code == 0 and json.loads(out)[0]["codes"] == ["F002"], err
    decree = tmp_path / "decree.json"
    decree.write_text(json.dumps([{"date": "2026-03-23", "working": False, "note": "a\u0000b"}]), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", data_dir, "calendar", "import", decree)
    assert code == 2 and "NUL" in err


def test_an_anchor_with_a_huge_last_id_is_refused_in_one_line(capsys, data_dir, tmp_path):
    anchor = tmp_path / "anchor.json"
    anchor.write_text(json.dumps({"entries": 1, "last_id": 10**30, "last_hash": "ab"}), encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", data_dir, "audit", "verify", "--anchor", anchor)
    assert code == 2 and err.count("\n") == 1 and "audit head" in err, err
