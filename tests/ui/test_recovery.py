"""A damaged database met by the window: the latest backup is offered and put in place."""

import sqlite3
from contextlib import closing

from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.services import backups
from app.storage import DB_FILE, Database, DatabaseDamaged
from tests.database_files import break_header, scribble
from ui import errors, recovery
from ui import main as gui_main

from .helpers import wait_idle


def _act_count(path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT count(*) FROM draft_act").fetchone()[0]


def test_damage_found_at_start_restores_the_latest_backup(qtbot, demo_data_dir):
    db = Database.open(data_dir=demo_data_dir)
    assert backups.startup_check(db)["daily_backup"]  # a sound database gets its daily backup
    acts = _act_count(demo_data_dir / DB_FILE)
    db.close()  # the disk fails between two runs of the program
    scribble(demo_data_dir / DB_FILE)
    assert not backups.check(db)["ok"]
    asked, restarted = [], []
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = recovery.Recovery(widget, lambda: db, restart=lambda: restarted.append(True),
                                ask=lambda _parent, backup: asked.append(backup) or True)
    watcher.check_in_background()
    wait_idle(qtbot)
    assert len(asked) == 1 and restarted == [True]
    assert backups.check(db)["ok"] and _act_count(demo_data_dir / DB_FILE) == acts
    assert list((demo_data_dir / "backups").glob("*.replaced"))  # the damaged file is kept
    db.close()


def test_a_damage_error_from_any_query_asks_instead_of_a_plain_message(qtbot, db):
    offered = []
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = recovery.Recovery(widget, lambda: db, restart=lambda: None, ask=lambda *_: offered.append(1) or False)
    db.copy_into_backups("daily")
    errors.show_error(widget, DatabaseDamaged("The database {name} is damaged.", name="x"))
    errors.show_error(widget, DatabaseDamaged("The database {name} is damaged.", name="x"))
    assert offered == [1]  # asked once, not once per failing query
    del watcher


def test_a_database_that_cannot_be_opened_is_restored_before_the_window_starts(monkeypatch, demo_data_dir):
    db = Database.open(data_dir=demo_data_dir)
    db.copy_into_backups("daily")
    acts = _act_count(demo_data_dir / DB_FILE)
    db.close()
    break_header(demo_data_dir / DB_FILE)
    monkeypatch.setattr(recovery, "ask_to_restore", lambda _parent, _backup: True)
    args = gui_main.parse_args(["--data-dir", str(demo_data_dir)])
    reopened = gui_main.open_or_restore(args)
    try:
        assert _act_count(demo_data_dir / DB_FILE) == acts
    finally:
        reopened.close()


def test_without_a_backup_the_refusal_is_a_clear_message(demo_data_dir):
    break_header(demo_data_dir / DB_FILE)
    args = gui_main.parse_args(["--data-dir", str(demo_data_dir)])
    try:
        gui_main.open_or_restore(args)
    except UserError as error:
        assert "no backup" in error.text("en")
    else:
        raise AssertionError("a damaged database opened")
