"""A department's database with a year of work in it, written by an earlier version, is brought
up to date with every row kept; a migration that fails leaves the file exactly as it was."""

import sqlite3
from contextlib import closing

import pytest
from alembic import command

from app.storage import DB_FILE, Database, StorageError, alembic_config
from tests.database_files import table_counts

OLD_REVISION = "0002_text_search"  # before intake rebuilt draft_act (department_id optional)


def _old_database(folder) -> None:
    """The schema of ``OLD_REVISION`` with acts that assignments, decisions and appeals point to."""
    db = Database(f"sqlite:///{folder / DB_FILE}")
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, OLD_REVISION)
    db.close()
    with closing(sqlite3.connect(folder / DB_FILE)) as connection:
        _insert(connection, "region", code="75")
        _insert(connection, "department", id=1, code="75-01", region_code="75", kind="general")
        _insert(connection, "person", id=1, iin="900515300127", last_name="Әлиев", birth_date="1990-05-15",
                region_code="75")
        _insert(connection, "staff_member", id=1, region_code="75", department_id=1, role="head")
        _insert(connection, "draft_act", id=1, number="20250303000001", status="under_review", department_id=1,
                person_id=1)
        _insert(connection, "assignment", id=1, act_id=1, expert_id=1, role="head")
        connection.commit()


_FILLER = {"INT": 0, "BOOL": 0, "DATETIME": "2025-03-03 05:00:00", "DATE": "2025-03-03", "JSON": "{}"}


def _insert(connection, table: str, **values) -> None:
    """A row with ``values`` and a plain value in every other required column of the old schema."""
    for _cid, name, kind, notnull, default, _pk in connection.execute(f"PRAGMA table_info({table})").fetchall():
        if name not in values and notnull and default is None:
            values[name] = next((v for k, v in _FILLER.items() if kind.upper().startswith(k)), f"{table}-{name}")
    names = ", ".join(values)
    connection.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(values))})", list(values.values()))


def test_an_old_database_with_work_in_it_is_brought_up_to_date(tmp_path):
    try:
        _old_database(tmp_path)
    except sqlite3.Error as error:  # the old schema changed under the test's feet: say which column
        pytest.fail(f"cannot build the old database: {error}")
    before = table_counts(tmp_path / DB_FILE)
    Database.open(data_dir=tmp_path).close()
    after = table_counts(tmp_path / DB_FILE)
    work = ("department", "person", "staff_member", "draft_act", "assignment")
    assert {table: after[table] for table in work} == {table: before[table] for table in work}
    assert all(after[table] >= count for table, count in before.items())  # reference data may be added
    with closing(sqlite3.connect(tmp_path / DB_FILE)) as connection:
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a fresh connection: default
        assert connection.execute("SELECT number FROM draft_act").fetchall() == [("20250303000001",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    _old_database(tmp_path)
    before = table_counts(tmp_path / DB_FILE)

    def half_done(config, _revision):
        config.attributes["connection"].exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(command, "upgrade", half_done)
    with pytest.raises(StorageError) as refused:
        Database.open(data_dir=tmp_path)
    assert "could not be brought up to date" in refused.value.text("en")
    assert table_counts(tmp_path / DB_FILE) == before  # no half_done table, same revision
