"""A department server that goes away and comes back; four workstations starting at once."""

import gc
import json
import os
import subprocess
import sys
import time
import warnings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is loaded

import pytest  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app import models as m  # noqa: E402
from app.domain.settings import DEPARTMENT_CODE
from app.cli import main  # noqa: E402
from app.services import workstation  # noqa: E402
from app.storage import Database  # noqa: E402

pytestmark = pytest.mark.slow


def _saraptama(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_four_workstations_set_up_one_new_server_database(postgres_server):
    url = postgres_server.new_database("four_at_once")
    running = [_saraptama("--db-url", url, "experts", "list") for _ in range(4)]
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and json.loads(out) == [], err
    db = Database.open(db_url=url)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Region)) == 20
    db.close()


def test_a_server_killed_mid_write_gives_one_line_and_keeps_nothing_half_written(postgres_server, capsys):
    url = postgres_server.new_database("killed")
    Database.open(db_url=url).close()
    demo = _saraptama("--db-url", url, "demo", "--acts", "20000", "--experts", "60")
    time.sleep(4)  # the demo is writing its first thousands of rows in one transaction
    postgres_server.stop("immediate")
    try:
        out, err = demo.communicate(timeout=120)
    finally:
        postgres_server.start()
    assert demo.returncode == 2 and out == "" and err.count("\n") == 1, err
    assert "connection to the database server" in err and "was not saved" in err
    assert main(["--db-url", url, "acts", "list"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the interrupted demo left no act behind
    assert main(["--db-url", url, "db", "check"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


@pytest.fixture
def window_database(postgres_server):
    """The window test's database.  Set up before ``qtbot``, it ends after the window has gone:
    then the workers are waited for and every connection to it is closed (one a late task of
    the window opened would otherwise be collected, with a ResourceWarning, in a later test)."""
    from ui import tasks

    opened: list[Database] = []

    def open_() -> Database:
        opened.append(Database.open(db_url=postgres_server.new_database("window"), user="tester"))
        return opened[-1]

    yield open_
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert tasks.wait_for_worker(30_000)
    for db in opened:
        db.close()
    gc.unfreeze()  # the window froze what existed when it was ready (MainWindow._send_ready)
    _close_connections_to("window")


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")  # offscreen platform
def test_the_window_survives_the_server_going_away_and_reconnects(window_database, postgres_server, qtbot, tmp_path):
    from ui import errors
    from ui import settings as ui_settings
    from ui.main_window import MainWindow
    from ui.tasks import in_session, run_task

    from ..ui.helpers import TIMEOUT_MS, wait_idle

    ui_settings.use_folder(tmp_path / "settings")

    db = window_database()
    with db.session() as session:
        workstation.set_setting(session, DEPARTMENT_CODE, "75-01")
    window = MainWindow(db, tab="registry")
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    shown = []
    errors.set_unattended(shown.append)
    try:
        postgres_server.stop("fast")
        try:
            window.refresh()
            qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
            wait_idle(qtbot)
        finally:
            postgres_server.start()
        assert all("connection to the database server" in error.text("en") for error in shown), shown
        results = []
        run_task(in_session, db, workstation.settings, on_done=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT_MS)  # reconnected by itself
        assert results[0].department_code == "75-01"
    finally:
        errors.set_unattended(None)
        wait_idle(qtbot)
        window.close()
        window.deleteLater()  # its timers stop with it (the fixture delivers the deletion)


def _close_connections_to(database: str) -> None:
    """Every connection still open to ``database`` (held by an error's traceback or a closed
    window's late task) is closed now, not collected with a ResourceWarning in a later test."""
    import psycopg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
        for held in gc.get_objects():
            if isinstance(held, psycopg.Connection) and not held.closed and held.info.dbname == database:
                held.close()
