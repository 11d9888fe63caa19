"""An administrator adds a day off in the window and sees a draft act's due date move."""

from datetime import date

from PySide6.QtCore import QDate
from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME
from app.services import production_calendar
from app.domain.settings import ADMINISTRATOR
from ui.settings import set_value

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


def _choose(qtbot, dialog, day: date) -> None:
    dialog.year.setValue(day.year)
    wait_idle(qtbot)
    dialog.months[day.month - 1].calendar.clicked.emit(QDate(day.year, day.month, day.day))


def test_day_off_marked_in_the_window_moves_the_due_date(qtbot, open_window, demo_db):
    set_value(ADMINISTRATOR, True)
    number, due_day = _open_act(demo_db)
    window = open_window(demo_db, tab="incoming")
    window.show_all_departments(True)
    page = window.pages["incoming"]
    page.filter_edit.setText(number)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    wait_loaded(qtbot, page)
    shown_before = _due_shown(page, number)

    dialog = window.show_calendar()
    _choose(qtbot, dialog, due_day)
    assert dialog.days[due_day].working
    dialog.note.setText("Day of mourning")
    with demo_db.session() as session:
        moves = production_calendar.moves_if_marked(session, due_day, False)
    dialog.day_off_button.click()
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    assert dialog.confirmation.text() == f"{moves:,} open due dates will move." and moves > 0
    assert dialog.days[due_day].working  # nothing changed while the question is open
    dialog.confirmation.button(dialog.confirmation.StandardButton.Ok).click()
    wait_idle(qtbot)

    assert not dialog.days[due_day].working and dialog.days[due_day].source == "admin"
    assert "moved" in dialog.message.text() and not dialog.message.text().startswith("0 ")
    _, new_due_day = _open_act(demo_db)
    assert new_due_day > due_day
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and _due_shown(page, number) not in ("", shown_before),
                    timeout=20_000)

    dialog.reset_button.click()  # back to the ordinary calendar: the old due date returns
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    dialog.confirmation.button(dialog.confirmation.StandardButton.Ok).click()
    wait_idle(qtbot)
    assert _open_act(demo_db)[1] == due_day
    dialog.close()


def test_cancelling_the_question_moves_nothing(qtbot, open_window, demo_db):
    set_value(ADMINISTRATOR, True)
    _number, due_day = _open_act(demo_db)
    dialog = open_window(demo_db).show_calendar()
    _choose(qtbot, dialog, due_day)
    dialog.day_off_button.click()
    qtbot.waitUntil(lambda: dialog.confirmation is not None and dialog.confirmation.isVisible())
    dialog.confirmation.button(dialog.confirmation.StandardButton.Cancel).click()
    wait_idle(qtbot)
    assert dialog.days[due_day].working and _open_act(demo_db)[1] == due_day
    dialog.close()


def test_only_an_administrator_workstation_changes_the_calendar(qtbot, open_window, demo_db):
    dialog = open_window(demo_db).show_calendar()
    _choose(qtbot, dialog, date(2025, 3, 3))
    assert not dialog.day_off_button.isEnabled() and not dialog.working_button.isEnabled()
    assert dialog.access.isVisible() and "administrator" in dialog.access.text()
    dialog.mark(False)
    wait_idle(qtbot)
    assert dialog.days[date(2025, 3, 3)].working
    dialog.close()


def test_the_legend_explains_every_colour(qtbot, open_window, demo_db):
    from ui.calendar_dialog import (
        CHOSEN_DAY,
        DAY_OFF,
        MARKED_BY_ADMIN,
        TRANSFERRED_WORKING,
    )

    dialog = open_window(demo_db).show_calendar()
    for colour in (DAY_OFF, TRANSFERRED_WORKING, MARKED_BY_ADMIN, CHOSEN_DAY):
        assert colour.name() in dialog.legend.text()
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
