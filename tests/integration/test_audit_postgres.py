"""The audit chain on a PostgreSQL department server: two processes appending at once
chain onto the head one after the other (``SELECT … FOR UPDATE`` of the head row), and an entry
edited by hand is found."""

import json

from sqlalchemy import select

from app import models as m
from app.cli import main
from app.storage import Database
from tests.audit_writers import append_at_once


def verify(capsys, url) -> dict:
    assert main(["--db-url", url, "audit", "verify"]) == 0
    return json.loads(capsys.readouterr().out)


def test_two_writers_at_once_keep_one_chain_on_postgres(postgres_url, capsys):
    Database.open(db_url=postgres_url).close()  # migrated before the two processes start
    append_at_once(postgres_url, per_process=60, processes=3)
    result = verify(capsys, postgres_url)
    assert result["ok"] is True and result["entries"] >= 360


def test_an_edited_entry_is_found_on_postgres(postgres_url, capsys):
    db = Database.open(db_url=postgres_url)
    append_at_once(postgres_url, per_process=5)
    with db.session() as session:
        target = session.scalars(select(m.AuditEntry.id).order_by(m.AuditEntry.id).offset(3).limit(1)).one()
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE audit_entry SET row_id = 'x' WHERE id = {target}")
    db.close()
    assert verify(capsys, postgres_url) == {"ok": False, "entries": verify_count(postgres_url), "first_broken": target}


def verify_count(url) -> int:
    db = Database(url)
    with db.session() as session:
        count = len(list(session.scalars(select(m.AuditEntry.id))))
    db.close()
    return count
