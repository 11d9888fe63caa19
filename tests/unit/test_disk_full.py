"""A full disk: one clear message, nothing half-written, no tracebacks from the logging machinery."""

import errno
import logging
import sqlite3
from contextlib import closing

from app import logs, storage
from app.cli import main
from tests.database_files import table_counts
from app.storage import DB_FILE


def test_a_full_disk_stops_a_write_cleanly(capsys, monkeypatch, data_dir):
    """SQLite's page limit stands in for the disk: the database may grow by a few pages only."""
    with closing(sqlite3.connect(data_dir / DB_FILE)) as connection:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    configure = storage._configure_sqlite

    def tiny_disk(dbapi_connection, record):
        configure(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 8}")

    monkeypatch.setattr(storage, "_configure_sqlite", tiny_disk)
    before = table_counts(data_dir / DB_FILE)
    code = main(["--data-dir", str(data_dir), "--lang", "ru", "demo", "--acts", "300", "--experts", "20"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Диск заполнен" in err
    assert table_counts(data_dir / DB_FILE) == before


def test_a_log_that_cannot_be_written_is_dropped_silently(capsys, tmp_path):
    class FullDisk:
        def write(self, _text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            raise OSError(errno.ENOSPC, "No space left on device")

    handler = logs.install(tmp_path / "full.log")
    handler.stream.close()
    handler.stream = FullDisk()
    try:
        logging.getLogger("test").error("something to say")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.stream = None
    assert capsys.readouterr().err == ""
