"""Fixtures shared by unit and UI tests: a real migrated database per test, copied from a
template made once per session (Anki's habit), and a demo-filled one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.services import demo
from app.storage import DB_FILE, Database


@pytest.fixture(scope="session")
def _template_dirs(tmp_path_factory) -> dict[str, Path]:
    empty = tmp_path_factory.mktemp("empty-template")
    Database.open(data_dir=empty).close()
    filled = tmp_path_factory.mktemp("demo-template")
    db = Database.open(data_dir=filled)
    demo.generate(db, acts=400, experts=40, seed=7)
    with db.engine.connect() as connection:  # fold the WAL into the file before copying
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"empty": empty, "demo": filled}


def _copy_database(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / DB_FILE, target / DB_FILE)
    return target


@pytest.fixture
def data_dir(tmp_path, _template_dirs) -> Path:
    """A data folder holding a migrated, empty database."""
    return _copy_database(_template_dirs["empty"], tmp_path / "data")


@pytest.fixture
def demo_data_dir(tmp_path, _template_dirs) -> Path:
    """A data folder holding a database with 400 demonstration acts."""
    return _copy_database(_template_dirs["demo"], tmp_path / "demo-data")


@pytest.fixture
def db(data_dir):
    database = Database.open(data_dir=data_dir, user="tester")
    yield database
    database.close()


@pytest.fixture
def demo_db(demo_data_dir):
    database = Database.open(data_dir=demo_data_dir, user="tester")
    yield database
    database.close()
