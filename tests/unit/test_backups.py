"""saraptama db check | backup | restore, and what a damaged database tells the user."""

import json

from app.cli import main
from app.storage import DB_FILE
from tests.database_files import break_header, scribble, table_counts


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err


def test_backup_and_restore_round_trip_keep_every_row(capsys, demo_data_dir, tmp_path):
    before = table_counts(demo_data_dir / DB_FILE)
    code, result, _ = run(capsys, "--data-dir", demo_data_dir, "db", "backup", "--out", tmp_path / "copy.db")
    assert code == 0 and result["bytes"] > 0 and table_counts(tmp_path / "copy.db") == before
    code, _, err = run(capsys, "--data-dir", demo_data_dir, "db", "backup", "--out", tmp_path / "copy.db")
    assert code == 2 and "already exists" in err  # a backup is never overwritten
    assert run(capsys, "--data-dir", demo_data_dir, "demo", "--acts", 5, "--experts", 3)[0] == 0
    assert table_counts(demo_data_dir / DB_FILE) != before
    code, result, _ = run(capsys, "--data-dir", demo_data_dir, "db", "restore", tmp_path / "copy.db")
    assert code == 0 and table_counts(demo_data_dir / DB_FILE) == before
    assert table_counts(result["previous"]) != before  # the replaced database is kept, not deleted


def test_check_finds_scribbled_pages_and_commands_name_the_latest_backup(capsys, demo_data_dir):
    backup = demo_data_dir / "backups" / "saraptama-20250101-000000-0-daily.db"
    assert run(capsys, "--data-dir", demo_data_dir, "db", "backup", "--out", backup)[0] == 0
    assert run(capsys, "--data-dir", demo_data_dir, "db", "check")[1] == {
        "ok": True, "problems": [], "checks": ["integrity_check", "foreign_key_check", "schema_version"]}
    scribble(demo_data_dir / DB_FILE)
    code, result, _ = run(capsys, "--data-dir", demo_data_dir, "db", "check")
    assert code == 0 and result["ok"] is False and result["problems"]
    code, _, err = run(capsys, "--data-dir", demo_data_dir, "demo", "--acts", 5, "--experts", 3)
    assert code == 2 and "damaged" in err and str(backup) in err and err.count("\n") == 1  # no writing into it
    break_header(demo_data_dir / DB_FILE)
    code, _, err = run(capsys, "--data-dir", demo_data_dir, "acts", "list")
    assert code == 2 and "damaged" in err and str(backup) in err and err.count("\n") == 1


def test_restore_refuses_a_file_that_is_not_a_sound_database(capsys, demo_data_dir, tmp_path):
    before = table_counts(demo_data_dir / DB_FILE)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"hello" * 1000)
    for source in (bad, tmp_path / "missing.db"):
        code, _, err = run(capsys, "--data-dir", demo_data_dir, "db", "restore", source)
        assert code == 2 and err.count("\n") == 1
    assert table_counts(demo_data_dir / DB_FILE) == before


def test_keep_backups_is_bounded(capsys, data_dir):
    assert run(capsys, "--data-dir", data_dir, "db", "keep-backups", 3)[1] == {"kept": 3}
    assert run(capsys, "--data-dir", data_dir, "db", "keep-backups", 0)[0] == 2


def test_a_workstation_backs_up_once_a_day_and_keeps_the_configured_number(capsys, db):
    from datetime import date, timedelta

    from app.services import backups

    assert run(capsys, "--db-url", db.url, "db", "keep-backups", 2)[0] == 0
    first = date(2025, 3, 3)
    made = [backups.startup_check(db, today=first + timedelta(days=n))["daily_backup"] for n in range(4)]
    assert all(made) and backups.startup_check(db, today=first + timedelta(days=3))["daily_backup"] is None
    kept = sorted(p.name for p in db.backup_dir.glob("*-daily.db"))
    assert len(kept) == 2 and kept[0].startswith("saraptama-20250305") and kept[1].startswith("saraptama-20250306")


def _drop_a_row_silently(path) -> None:
    """One leaf page of ``draft_act`` says it holds one cell fewer: SQLite reads past the lost row
    without an error, only a check of the pages sees it."""
    import sqlite3
    import struct
    from contextlib import closing
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        page = connection.execute("SELECT pageno FROM dbstat WHERE name = 'draft_act' AND pagetype = 'leaf' "
                                  "ORDER BY pageno LIMIT 1").fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size + 3)
        cells = struct.unpack(">H", handle.read(2))[0]
        handle.seek((page - 1) * page_size + 3)
        handle.write(struct.pack(">H", cells - 1))


def test_a_damaged_page_stops_lists_and_writing_commands(capsys, demo_data_dir, tmp_path):
    database = demo_data_dir / DB_FILE
    _drop_a_row_silently(database)
    before, size = table_counts(database), database.stat().st_size
    for argv in (("export", "incoming", "--out", tmp_path / "incoming.csv"), ("tick", "--at", "2025-07-01T10:00"),
                 ("assign", "--at", "2025-07-01T10:00"), ("acts", "list")):
        code, _, err = run(capsys, "--data-dir", demo_data_dir, *argv)
        assert code == 2 and "damaged" in err and err.count("\n") == 1, (argv, err)
    assert not (tmp_path / "incoming.csv").exists()
    assert table_counts(database) == before and database.stat().st_size == size
