"""The audit trail proves itself: every change with who, when, before and
after; every opening of a person's data; a hash chain that ``saraptama audit verify`` checks, and
that finds an entry edited, deleted or moved by hand in the database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from app import models as m
from app.cli import main
from app.storage import Database
from tests.audit_writers import append_at_once, rechain


def verify(capsys, data_dir) -> dict:
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    return json.loads(capsys.readouterr().out)


def entry_ids(db) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(m.AuditEntry.id).order_by(m.AuditEntry.id)))


def sql(db, *statements: str) -> None:
    with db.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def test_an_untouched_trail_verifies(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    assert len(ids) > 100
    assert verify(capsys, demo_data_dir) == {"ok": True, "entries": len(ids), "first_broken": None}


def test_the_output_is_exactly_three_keys(capsys, data_dir):
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert list(json.loads(out)) == ["ok", "entries", "first_broken"]


def test_an_edited_entry_is_found(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    target = ids[len(ids) // 2]
    sql(demo_db, f"UPDATE audit_entry SET user = 'nobody' WHERE id = {target}")
    assert verify(capsys, demo_data_dir) == {"ok": False, "entries": len(ids), "first_broken": target}


def test_edited_values_are_found_too(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    sql(demo_db, f"UPDATE audit_entry SET changes = '{{}}' WHERE id = {ids[3]}")
    assert verify(capsys, demo_data_dir)["first_broken"] == ids[3]


def test_a_deleted_entry_is_found_at_the_next_one(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    sql(demo_db, f"DELETE FROM audit_entry WHERE id = {ids[10]}")
    assert verify(capsys, demo_data_dir) == {"ok": False, "entries": len(ids) - 1, "first_broken": ids[11]}


def test_a_deleted_last_entry_is_found(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    sql(demo_db, f"DELETE FROM audit_entry WHERE id = {ids[-1]}")
    assert verify(capsys, demo_data_dir) == {"ok": False, "entries": len(ids) - 1, "first_broken": ids[-1]}


def test_reordered_entries_are_found(capsys, demo_db, demo_data_dir):
    ids = entry_ids(demo_db)
    a, b = ids[20], ids[21]
    sql(demo_db, f"UPDATE audit_entry SET id = -1 WHERE id = {a}", f"UPDATE audit_entry SET id = {a} WHERE id = {b}",
        f"UPDATE audit_entry SET id = {b} WHERE id = -1")
    assert verify(capsys, demo_data_dir) == {"ok": False, "entries": len(ids), "first_broken": a}


def test_a_change_records_who_before_and_after(db):
    db.user = "aigul"
    with db.session() as session:
        session.add(m.CalendarDay(day=date(2031, 5, 4), working=True, note="first"))
    with db.session() as session:
        session.get(m.CalendarDay, date(2031, 5, 4)).note = "second"
    with db.session() as session:
        entry = session.scalars(select(m.AuditEntry).where(m.AuditEntry.table_name == "calendar_day",
                                                           m.AuditEntry.action == "update")).one()
    assert (entry.user, entry.changes, entry.before) == ("aigul", {"note": "second"}, {"note": "first"})
    assert entry.prev_hash and len(entry.hash) == 64


def test_opening_a_persons_data_is_an_entry_and_the_experts_copy_is_not(capsys, demo_db, demo_data_dir):
    number = demo_db.sessions().scalar(select(m.DraftAct.number).limit(1))
    before = len(entry_ids(demo_db))
    assert main(["--data-dir", str(demo_data_dir), "acts", "show", number, "--as", "expert"]) == 0
    assert len(entry_ids(demo_db)) == before
    assert main(["--data-dir", str(demo_data_dir), "acts", "show", number]) == 0
    capsys.readouterr()
    with demo_db.session() as session:
        last = session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(1)).one()
    assert (last.action, last.table_name, last.user) == ("view", "draft_act", "cli")
    assert verify(capsys, demo_data_dir)["ok"] is True


def test_the_audit_trail_cannot_be_changed_through_the_program(db):
    with db.session() as session:
        from app.storage import record_audit
        record_audit(session, "test", "x", "1")
    with pytest.raises(Exception, match="audit log cannot be changed"):
        with db.session() as session:
            session.scalars(select(m.AuditEntry)).first().user = "someone else"


def test_two_processes_appending_at_once_keep_one_chain(capsys, data_dir):
    Database.open(data_dir=data_dir).close()
    append_at_once(f"sqlite:///{data_dir / 'saraptama.db'}", per_process=40)
    result = verify(capsys, data_dir)
    assert result["ok"] is True and result["entries"] >= 160


def test_entries_written_before_the_chain_existed_are_chained_by_the_migration(capsys, tmp_path):
    import sqlite3
    from contextlib import closing

    from alembic import command

    from app.storage import DB_FILE, alembic_config
    db = Database(f"sqlite:///{tmp_path / DB_FILE}")
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006_review")
    db.close()
    with closing(sqlite3.connect(tmp_path / DB_FILE)) as connection:
        connection.executemany(
            "INSERT INTO audit_entry (at, user, action, table_name, row_id, changes) VALUES (?, ?, ?, ?, ?, ?)",
            [("2025-03-03 05:00:00.000000", "cli", "insert", "draft_act", str(n), '{"status": "waiting"}')
             for n in range(1, 6)])
        connection.commit()
    result = verify(capsys, tmp_path)  # migrates, then seeds (more entries after the five)
    assert result["ok"] is True and result["first_broken"] is None and result["entries"] > 5
    upgraded = Database.open(data_dir=tmp_path)
    with upgraded.session() as session:
        first = session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)).first()
    upgraded.close()
    assert (first.user, first.changes, first.prev_hash, len(first.hash)) == ("cli", {"status": "waiting"}, "", 64)



def test_a_trail_rewritten_with_every_hash_recomputed_is_found_by_a_kept_head(capsys, demo_db, demo_data_dir,
                                                                            tmp_path):
    assert main(["--data-dir", str(demo_data_dir), "audit", "head"]) == 0
    anchor = tmp_path / "head.json"
    anchor.write_text(capsys.readouterr().out, encoding="utf-8")
    ids = entry_ids(demo_db)
    sql(demo_db, f"UPDATE audit_entry SET user = 'nobody' WHERE id = {ids[5]}")
    rechain(demo_db.engine)  # a forger recomputes every hash after the edit, and the head
    assert verify(capsys, demo_data_dir)["ok"] is True  # the chain alone cannot tell
    assert main(["--data-dir", str(demo_data_dir), "audit", "verify", "--anchor", str(anchor)]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": False, "entries": len(ids), "first_broken": ids[-1]}
