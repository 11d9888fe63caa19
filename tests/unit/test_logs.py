"""Logs hold neither secrets nor personal data, ever (issue: logs, limits, recovery)."""

import logging
import sqlite3
from contextlib import closing

from app import logs
from app.cli import main
from app.storage import DB_FILE

PASSWORD = "S3cret-Pa55word"


def _log_text(folder) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.log*"))


def _fail_on_insert(db_file, table: str) -> None:
    with closing(sqlite3.connect(db_file)) as connection:
        connection.execute(f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} "
                           "BEGIN SELECT RAISE(ABORT, 'the disk controller gave up'); END")
        connection.commit()


def _personal_values(db_file) -> set[str]:
    with closing(sqlite3.connect(db_file)) as connection:
        rows = connection.execute("SELECT iin, last_name, phone FROM person").fetchall()
    return {value for row in rows for value in row if value and len(value) > 3}


def test_a_write_failing_midway_logs_no_personal_data(capsys, demo_data_dir):
    """The demo writes thousands of persons; a failure in the middle of that must not copy a
    single IIN, name or phone number into the log (SQL parameters are hidden)."""
    db_file = demo_data_dir / DB_FILE
    personal = _personal_values(db_file)
    _fail_on_insert(db_file, "person")
    code = main(["--data-dir", str(demo_data_dir), "demo", "--acts", "50", "--experts", "10", "--seed", "3"])
    _, err = capsys.readouterr()
    text = _log_text(demo_data_dir / "logs")
    assert code == 1 and "internal error" in err and "the disk controller gave up" in text  # the log says what failed
    assert "hidden due to hide_parameters" in text or "[parameters" not in text
    leaked = [value for value in personal if value in text or value in err]
    assert not leaked, leaked[:3]


def test_a_password_in_the_database_url_is_never_written(capsys, tmp_path):
    url = f"postgresql+psycopg://mse:{PASSWORD}@127.0.0.1:1/mse"  # nothing listens on port 1
    code = main(["--data-dir", str(tmp_path), "--db-url", url, "acts", "list"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and PASSWORD not in err
    assert PASSWORD not in _log_text(tmp_path / "logs")


def test_the_command_line_log_is_kept_in_the_data_folder(capsys, tmp_path):
    main(["--data-dir", str(tmp_path), "acts", "show", "20250101000001"])
    capsys.readouterr()
    assert (tmp_path / "logs" / "saraptama-cli.log").exists()


def test_every_log_line_is_redacted(tmp_path):
    handler = logs.install(tmp_path / "x.log")
    try:
        logging.getLogger("test").error("opening postgresql://u:%s@h/db for 900515300127 / 900515 300127, "
                                        "phone +7 701 123 45 67, act 20250303000001", PASSWORD)
        handler.flush()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = (tmp_path / "x.log").read_text(encoding="utf-8")
    assert PASSWORD not in text and "900515" not in text and "123 45 67" not in text
    assert "20250303000001" in text  # act numbers are not personal and stay readable
