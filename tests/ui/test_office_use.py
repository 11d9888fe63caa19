"""The window as a department head uses it on a 1024×768 office screen: it fits,
every cut cell can be read, the keyboard finds and switches, what is late is marked."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.domain.clock import now_kz
from app import models as m
from app.domain.clock import KZ_TIME
from app.domain.labels import ACT_STATUS
from app.i18n import gettext
from app.services.listings import LISTINGS
from ui import language
from ui.table_model import DUE_TODAY, OVERDUE

from .helpers import wait_idle, wait_loaded


def show(qtbot, window, name: str):
    window.select_tab(name)
    page = window.pages[name]
    wait_loaded(qtbot, page)
    return page


def filtered(qtbot, page, text: str) -> list[int]:
    page.filter_edit.setText(text)
    qtbot.waitUntil(lambda: not page.model.busy, timeout=20_000)
    wait_loaded(qtbot, page)
    return [page.model.row_id(row) for row in range(page.model.rowCount())]


def column(page, key: str) -> int:
    return [c.key for c in page.listing.columns].index(key)


def test_the_window_and_the_calendar_fit_the_screen(qtbot, open_window, demo_db):
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert (available.width(), available.height()) == (1024, 768)
    window = open_window(demo_db)
    assert available.contains(window.frameGeometry())
    assert window.minimumSizeHint().width() <= available.width()
    dialog = window.show_calendar()
    wait_idle(qtbot)
    assert available.contains(dialog.frameGeometry())
    assert dialog.minimumSizeHint().width() <= available.width()
    assert dialog.buttons.geometry().bottom() <= dialog.height()
    dialog.close()


def test_status_bar_numbers_survive_a_narrow_window(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.width() <= 720)
    label = window.status.label("under_review")
    qtbot.waitUntil(lambda: label.isVisible())
    number = label.text().split()[-1]
    assert label.shown_text().endswith(number)


def test_a_long_status_cell_has_its_full_text_as_tooltip(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    page = show(qtbot, window, "incoming")
    status, model = column(page, "status"), page.model
    texts = [model.index(row, status).data() for row in range(min(100, model.rowCount()))]
    row = texts.index(max(texts, key=len))
    index = model.index(row, status)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == texts[row]
    assert model.index(row, column(page, "purpose")).data(Qt.ItemDataRole.ToolTipRole)


def test_due_dates_explain_themselves_on_the_incoming_tab(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    page = show(qtbot, window, "incoming")
    due = column(page, "due")
    tips = [page.model.index(row, due).data(Qt.ItemDataRole.ToolTipRole) for row in range(50)]
    assert any(tip and "§" in tip for tip in tips)
    with demo_db.session() as session:
        act = session.get(m.DraftAct, page.model.row_id(tips.index(next(t for t in tips if t))))
    shown = page.model.index(tips.index(next(t for t in tips if t)), due).data()
    assert shown == language.format_value(act.due_at.astimezone(KZ_TIME), "datetime")  # as any date, not ISO


def test_ctrl_f_focuses_the_filter_and_escape_clears_it(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.activateWindow()
    page = window.current_page()
    page.table.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filter_edit
    page.filter_edit.setText("abc")
    QTest.keyClick(page.filter_edit, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == ""


def test_keys_switch_tabs(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.current_page().table.setFocus()
    QTest.keyClick(window.current_page().table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    QTest.keyClick(window.current_page().filter_edit, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 3
    QTest.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    wait_idle(qtbot)


def test_enter_on_a_row_opens_it(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = window.current_page()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(1, 0))
    with qtbot.waitSignal(window.row_opened) as opened:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["registry", page.model.row_id(1)]


def test_the_overdue_filter_shows_exactly_the_rows_past_due(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    page = show(qtbot, window, "incoming")
    page.overdue_box.setChecked(True)
    qtbot.waitUntil(lambda: not page.model.busy, timeout=20_000)
    wait_loaded(qtbot, page)
    now = now_kz()
    with demo_db.session() as session:
        expected = set(session.scalars(select(m.DraftAct.id).where(m.DraftAct.due_at < now)))
    shown = {page.model.row_id(row) for row in range(page.model.rowCount())}
    assert shown == expected and expected
    assert all(page.model.due_state(row) == OVERDUE for row in range(min(50, page.model.rowCount())))
    mark = page.model.index(0, column(page, "due"))
    assert mark.data(Qt.ItemDataRole.DecorationRole) is not None  # an icon, not colour alone
    assert mark.data(Qt.ItemDataRole.ToolTipRole).startswith("Overdue.")
    assert mark.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_status_word_in_the_current_language_filters(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    page = show(qtbot, window, "incoming")
    language.set_language("ru")
    word = gettext("Waiting for experts", "ru").split()[0].lower()  # "ожидает"
    codes = [code for code, message in ACT_STATUS.items() if word in gettext(message, "ru").lower()]
    assert "waiting" in codes and "under_review" not in codes
    ids = filtered(qtbot, page, word)
    with demo_db.session() as session:
        expected = set(session.scalars(select(m.DraftAct.id).where(m.DraftAct.status.in_(codes))))
    assert set(ids) == expected and ids
    assert page.table.currentIndex().row() == 0  # the list shows its first match


def test_sorting_by_due_date_puts_empty_dates_last_both_ways(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    page = show(qtbot, window, "incoming")
    due, model = column(page, "due"), page.model
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        with qtbot.waitSignal(model.loaded):
            page.table.sortByColumn(due, order)
        with demo_db.session() as session:
            ids = LISTINGS["incoming"].ids(session, sort=due, descending=order == Qt.SortOrder.DescendingOrder)
            dues = [session.get(m.DraftAct, i).due_at for i in ids]
        assert [model.row_id(row) for row in range(model.rowCount())] == ids
        filled = [d for d in dues if d is not None]
        assert 0 < len(filled) < len(dues) and dues[:len(filled)] == filled
        assert filled == sorted(filled, reverse=order == Qt.SortOrder.DescendingOrder)


def test_column_widths_set_by_hand_are_remembered_per_tab(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = window.current_page()
    page.table.horizontalHeader().resizeSection(1, 333)
    assert page.saved_widths()[1] == 333
    window.resize(900, 700)
    qtbot.wait(200)
    assert page.table.columnWidth(1) == 333
    assert window.pages["incoming"].saved_widths() is None
    window.fit_columns_action.trigger()
    assert page.saved_widths() is None and page.table.columnWidth(1) != 333


def test_own_department_first_and_a_switch_for_all(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = show(qtbot, window, "incoming")
    with demo_db.session() as session:
        own = LISTINGS["incoming"].ids(session, department_id=window.own_department_id)
        everyone = LISTINGS["incoming"].ids(session)
    assert page.model.rowCount() == len(own) < len(everyone)
    assert window.scope.isVisible() and window.status.text("view") == "Acts of own department"
    window.show_all_departments(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(everyone), timeout=20_000)
    assert window.status.text("view") == "Acts of all departments"
    wait_idle(qtbot)


def test_due_state_marks_overdue_and_today():
    from datetime import timedelta

    from app.services.listings import Due
    from ui.table_model import due_state

    now = datetime(2025, 3, 19, 12, 0, tzinfo=UTC)
    assert due_state(Due(now - timedelta(minutes=1), None), now) == OVERDUE
    assert due_state(Due(now + timedelta(hours=1), None), now) == DUE_TODAY
    assert due_state(Due(now + timedelta(days=1), None), now) is None
    assert due_state(None, now) is None
