from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app import models as m
from app.storage import DB_FILE, Database, StorageError


def test_sqlite_is_configured(db):
    with db.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("SELECT lower('ӘЛИЕВ ҚАЙРАТ Ёлкин')")).scalar() == "әлиев қайрат ёлкин"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(m.Department(code="99-01", region_code="no-such-region", kind=m.DepartmentKind.GENERAL,
                                 number=1))


def test_reference_regions_are_loaded(db):
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Region)) == 20


def test_changes_are_audited_and_audit_is_append_only(db):
    with db.session() as session:
        session.add(m.CalendarDay(day=date(2025, 3, 8), working=False, note="8 March"))
    with db.session() as session:
        entry = session.scalars(select(m.AuditEntry).where(m.AuditEntry.table_name == "calendar_day",
                                                           m.AuditEntry.row_id == "2025-03-08")).one()
        assert (entry.user, entry.action, entry.changes["note"]) == ("tester", "insert", "8 March")
        entry.user = "someone else"
        with pytest.raises(StorageError):
            session.flush()
        session.rollback()


def test_newer_database_is_refused_and_left_alone(data_dir):
    db = Database.open(data_dir=data_dir)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    db.close()
    before = (data_dir / DB_FILE).read_bytes()
    with pytest.raises(StorageError) as refused:
        Database.open(data_dir=data_dir)
    assert "newer version" in refused.value.text("en") and "9999_future" in refused.value.text("kk")
    assert (data_dir / DB_FILE).read_bytes() == before


@pytest.mark.parametrize("folder", ["data", "o'neil's data"])  # a quote in the path must not break the copy
def test_database_is_copied_aside_before_migrating(tmp_path, folder):
    import sqlite3

    tmp_path = tmp_path / folder
    tmp_path.mkdir()
    with sqlite3.connect(tmp_path / DB_FILE) as connection:  # a database from before the migrations
        connection.execute("CREATE TABLE legacy_notes (note TEXT)")
        connection.execute("INSERT INTO legacy_notes VALUES ('keep me')")
    Database.open(data_dir=tmp_path).close()
    backups = list((tmp_path / "backups").glob("saraptama-*-before-*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT note FROM legacy_notes").fetchall() == [("keep me",)]
        assert "draft_act" not in {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
