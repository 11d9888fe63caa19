"""Test databases as files: row counts to compare, and damage the way a failing disk does it."""

import os
import random
import sqlite3
from contextlib import closing
from pathlib import Path


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table of an SQLite file: equal before and after means nothing was written."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def scribble(path: Path, *, at_fraction: float = 0.5, size: int = 65536, seed: int = 1) -> None:
    """Random bytes over the middle of the file (64 KiB by default)."""
    data = random.Random(seed).randbytes(size)
    with path.open("r+b") as handle:
        handle.seek(int(os.path.getsize(path) * at_fraction) // 4096 * 4096)
        handle.write(data)


def break_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"not a database any more" * 4)


def migrate(db, step, revision: str) -> None:
    """Alembic ``step`` (``command.upgrade`` or ``command.downgrade``) to ``revision`` on ``db``."""
    from app.storage import alembic_config
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


def trigger_names(db) -> list[str]:
    with db.engine.connect() as connection:
        return sorted(row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
