"""An administrator adds a day off in the window and sees a draft act's due date move."""

from datetime import date

from PySide6.QtCore import QDate
from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME

from .helpers import wait_idle, wait_loaded


def _open_act(db) -> tuple[str, date]:
    with db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                              .order_by(m.DraftAct.registered_at.desc())).first()
        return act.number, act.due_at.astimezone(KZ_TIME).date()


def _due_shown(page, number: str) -> str:
    model = page.model
    columns = [c.key for c in page.listing.columns]
    for row in range(model.rowCount()):
        if model.index(row, columns.index("number")).data() == number:
            return model.index(row, columns.index("due")).data()
    raise AssertionError(f"{number} is not in the list")


def test_day_off_marked_in_the_window_moves_the_due_date(qtbot, open_window, demo_db):
    number, due_day = _open_act(demo_db)
    window = open_window(demo_db, tab="incoming")
    page = window.pages["incoming"]
    page.filter_edit.setText(number)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    wait_loaded(qtbot, page)
    shown_before = _due_shown(page, number)

    dialog = window.show_calendar()
    dialog.year.setValue(due_day.year)
    wait_idle(qtbot)
    assert dialog.days[due_day].working
    dialog.months[due_day.month - 1].calendar.clicked.emit(QDate(due_day.year, due_day.month, due_day.day))
    dialog.note.setText("Day of mourning")
    dialog.day_off_button.click()
    wait_idle(qtbot)

    assert not dialog.days[due_day].working and dialog.days[due_day].source == "admin"
    assert "moved" in dialog.message.text() and not dialog.message.text().startswith("0 ")
    _, new_due_day = _open_act(demo_db)
    assert new_due_day > due_day
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and _due_shown(page, number) not in ("", shown_before),
                    timeout=20_000)

    dialog.reset_button.click()  # back to the ordinary calendar: the old due date returns
    wait_idle(qtbot)
    assert _open_act(demo_db)[1] == due_day
    dialog.close()


def test_calendar_speaks_the_chosen_language(qtbot, open_window, demo_db):
    from ui import language

    window = open_window(demo_db)
    dialog = window.show_calendar()
    wait_idle(qtbot)
    language.set_language("kk")
    wait_idle(qtbot)
    assert dialog.months[0].title.text() == "Қаңтар"
    dialog.close()
