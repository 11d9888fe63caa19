"""The window's quick start (``ui.first_rows``): the first rows of its list are painted before the
models are declared, they are the rows the full start shows, and the rest of the window follows.
Where the window must not show that list at once (sign-in, an expert's workstation, a first start)
it starts as it always did."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from app.domain.settings import DEPARTMENT_CODE, EXPERT_ID
from app.services import workstation
from app.services.accounts import add
from app.domain.permissions import Role
from ui import first_rows
from ui.main_window import PREFERRED_SIZE, MainWindow
from ui.widgets import fit_to_screen

from .helpers import TIMEOUT_MS, wait_idle
from .test_main_window import TAB_TITLES, tab_titles


def shown_rows(page, count: int = 20) -> list[list]:
    model = page.model
    return [[model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
             for column in range(model.columnCount())] for row in range(min(count, model.rowCount()))]


def quick_window(qtbot, db, tmp_path, tab: str = "incoming") -> MainWindow:
    plan = first_rows.plan(db, tab)
    assert plan is not None
    window = MainWindow(db, data_dir=tmp_path / "user-data", tab=tab, first_rows=plan)
    qtbot.addWidget(window)
    fit_to_screen(window, PREFERRED_SIZE)
    with qtbot.waitSignal(window.first_rows_painted, timeout=TIMEOUT_MS):
        window.show()
    return window


def test_a_departments_window_opens_quickly_on_its_own_departments_list(demo_db):
    with demo_db.session() as session:
        own = workstation.settings(session).department(session).id
    assert first_rows.plan(demo_db, "incoming") == first_rows.FirstRows("incoming", own)
    assert first_rows.plan(demo_db, "waiting") == first_rows.FirstRows("waiting", own)
    assert first_rows.plan(demo_db, "registry") == first_rows.FirstRows("registry", own)  # a plain start's tab
    assert first_rows.plan(demo_db, "appeals") is None  # its lists and buttons are the models': the full start
    assert first_rows.plan(demo_db, "statistics") is None


def test_the_quick_rows_are_the_rows_of_the_full_start_and_the_rest_follows(qtbot, open_window, demo_db, tmp_path):
    full = open_window(demo_db, tab="incoming")
    expected = shown_rows(full.current_page())
    full.close()
    window = quick_window(qtbot, demo_db, tmp_path)
    page = window.current_page()
    assert tab_titles(window) == ["Incoming draft acts"] and not window.menuBar().isEnabled()
    assert expected and shown_rows(page) == expected
    assert page.counter.text() == full.current_page().counter.text()
    with qtbot.waitSignal(window.ready, timeout=TIMEOUT_MS):
        window.complete()
    wait_idle(qtbot)
    assert tab_titles(window) == TAB_TITLES and window.menuBar().isEnabled()
    assert window.current_page() is page and page.model.db is demo_db  # kept, and read by the ORM from now on
    assert shown_rows(page) == expected
    assert window.scope.isEnabled() and not window.all_departments


def test_a_plain_start_opens_quickly_on_the_registry_as_the_full_start_shows_it(qtbot, open_window, demo_db,
                                                                               tmp_path):
    """``saraptama-gui`` opens on the registry tab: its first list (App 1 of the Registry Rules) is
    painted before the models, the same rows and lists as the full start; a row's card and the
    tab's steps wait for the window's parts, then work as always."""
    full = open_window(demo_db, tab="registry")
    expected = shown_rows(full.current_page())
    lists = [full.current_page().lists.tabText(index) for index in range(full.current_page().lists.count())]
    counter = full.current_page().counter.text()
    full.close()
    window = quick_window(qtbot, demo_db, tmp_path, tab="registry")
    page = window.current_page()
    assert tab_titles(window) == ["Registry"] and not window.menuBar().isEnabled()
    assert [page.lists.tabText(index) for index in range(page.lists.count())] == lists
    assert expected and shown_rows(page) == expected and page.counter.text() == counter
    assert not page.new_application.isEnabled() and not page.tick.isEnabled()
    page.table.activated.emit(page.model.index(0, 0))  # Enter on a row: its card waits for the models
    assert page.cards == []
    qtbot.waitUntil(lambda: page.profile.count() > 1, timeout=TIMEOUT_MS)  # its filter's profiles, read alike
    profiles = [page.profile.itemText(index) for index in range(page.profile.count())]
    with qtbot.waitSignal(window.ready, timeout=TIMEOUT_MS):
        window.complete()
    wait_idle(qtbot)
    assert tab_titles(window) == TAB_TITLES and window.menuBar().isEnabled()
    assert window.current_page() is page and page.db is demo_db
    assert all(listing.model.db is demo_db for listing in page.pages.values())
    assert page.new_application.isEnabled() and page.tick.isEnabled()
    assert shown_rows(page) == expected
    assert [page.profile.itemText(index) for index in range(page.profile.count())] == profiles
    with qtbot.waitSignal(page.card_opened, timeout=TIMEOUT_MS) as opened:
        page.table.activated.emit(page.model.index(0, 0))
    opened.args[0].close()


def test_sign_in_an_experts_workstation_and_a_first_start_take_the_full_start(db, demo_db):
    assert first_rows.plan(db, "incoming") is None  # a first start: the welcome page
    with demo_db.session() as session:
        add(session, "admin", Role.ADMIN, "correct horse")  # sign-in for good: the role decides the tabs
    assert first_rows.plan(demo_db, "incoming") is None
    with db.session() as session:
        workstation.set_setting(session, EXPERT_ID, 7)
        workstation.set_setting(session, DEPARTMENT_CODE, "75-01")
    assert first_rows.plan(db, "incoming") is None  # an expert's own workstation shows only their acts


@pytest.mark.parametrize("tab", ["incoming", "registry"])
def test_the_first_rows_are_painted_before_any_model_is_declared(demo_data_dir, tab):
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.storage import Database
from ui import first_rows
from ui.main_window import MainWindow
db = Database.open(data_dir={str(demo_data_dir)!r})
window = MainWindow(db, tab={tab!r}, first_rows=first_rows.plan(db, {tab!r}))
def painted():
    print("rows", window.current_page().model.rowCount(), "loaded", *sorted(
        m for m in ("app.models", "sqlalchemy.orm", "ui.acts", "ui.statistics", "pyqtgraph", "openpyxl",
                    "app.services.registry", "ui.registry.card")
        if m in sys.modules))
    app.exit(0)
window.first_rows_painted.connect(painted)
window.show()
app.exec()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    words = done.stdout.split()
    assert words[0] == "rows" and int(words[1]) > 0 and words[2:] == ["loaded"], done.stdout + done.stderr
