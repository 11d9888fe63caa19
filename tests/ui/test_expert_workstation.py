"""An expert's own workstation in the window: the welcome screen sets it up for
one expert; the window then shows only My acts (overdue marked) and the review screen, receives
acts and exports decisions by file in the background; the decision made in the window comes
home to the department, and nothing personal is left in the laptop's folder."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app import models as m
from app.i18n import gettext
from app.services import workstation
from app.services.review import decisions, exchange, laptop
from tests.expert_laptop import (AT, busiest_expert, export_acts, files_holding, lawful_decision, others_decide,
                                 personal_needles, undecided)

from .helpers import TIMEOUT_MS, close_message_boxes, message_boxes, submit_confirmed, wait_idle, wait_loaded
from .test_review_screens import fill


def set_up_expert(qtbot, window, expert_id: int, name: str = "Сарапшы Әлия") -> None:
    welcome = window.welcome
    welcome.for_expert.setChecked(True)
    assert welcome.expert_box.isVisibleTo(welcome) and not welcome.setup_box.isVisibleTo(welcome)
    welcome.expert_number.setValue(expert_id)
    welcome.expert_name.setText(name)
    welcome.expert_region.setCurrentIndex(welcome.expert_region.findData("75"))
    qtbot.mouseClick(welcome.expert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tabs is not None, timeout=TIMEOUT_MS)
    wait_loaded(qtbot, window.current_page())
    wait_idle(qtbot)


def receive(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.expert_part.finished, timeout=TIMEOUT_MS):
        window.expert_part.receive(path)
    wait_loaded(qtbot, window.current_page())
    wait_idle(qtbot)
    close_message_boxes()


def test_the_welcome_screen_sets_up_one_expert_and_the_window_shows_only_my_acts(qtbot, open_window, db):
    window = open_window(db)
    window.welcome.for_expert.setChecked(True)
    window.welcome.expert_name.setText("  ")
    qtbot.mouseClick(window.welcome.expert_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert window.welcome.expert_error.text() == gettext("Enter your name.")  # nothing changes
    set_up_expert(qtbot, window, 7)
    assert list(window.pages) == ["my_acts"] and window.tabs.count() == 1
    assert window.tabs.tabText(0) == "My acts"
    menus = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "Re&view" not in menus and not window.review_menu.timer.isActive()
    visible = [a.text() for a in window.file_menu.actions() if a.isVisible() and a.text()]
    assert "&Receive acts from file…" in visible and "E&xport decisions to file…" in visible
    assert not any("Print" in text or "referrals" in text or "Export the list" in text for text in visible)
    assert window.windowTitle() == "Saraptama — expert's workstation"
    assert window.status.text("department") == "Expert No.: 7 · Сарапшы Әлия"
    with db.session() as session:
        assert workstation.settings(session).expert_id == 7


def test_the_laptop_round_trip_through_the_window(qtbot, open_window, db, demo_db, data_dir, tmp_path, monkeypatch):
    expert_id = busiest_expert(demo_db)
    exchanged = tmp_path / "exchange"
    exchanged.mkdir()
    document = export_acts(demo_db, expert_id, exchanged / "acts.json")
    chosen = undecided(document)[:3]
    for entry in chosen:
        others_decide(demo_db, entry["act"]["number"], expert_id)
    window = open_window(db)
    set_up_expert(qtbot, window, expert_id)
    receive(qtbot, window, exchanged / "acts.json")
    page = window.current_page()
    assert page.model.rowCount() == len(document["acts"])
    with db.session() as session:
        summary = laptop.summary(session)
    overdue = [row for row in range(page.model.rowCount()) if page.model.due_state(row) == "overdue"]
    assert len(overdue) == summary["overdue"]  # marked in the list as counted in the status bar

    first = chosen[0]["act"]["number"]
    row = next(r for r in range(page.model.rowCount())
               if page.model.data(page.model.index(r, 0)) == first)
    dialog = window.expert_part.open_row("my_acts", page.model.row_id(row))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    dialog.resize(1200, 720)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)  # warnings confirmed
    if lawful_decision(chosen[0])["outcome"] == "conclusion":
        fill(dialog.form)
    else:
        dialog.form.outcome.setCurrentIndex(dialog.form.outcome.findData("poor_quality"))
        reasons = dialog.form.reasons
        next(reasons.item(i) for i in range(reasons.count())
             if reasons.item(i).data(Qt.ItemDataRole.UserRole) == "no_lab_data").setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS):
        submit_confirmed(dialog)
    wait_idle(qtbot)
    close_message_boxes()
    with db.session() as session:  # the other two through the service, as the commands do
        for entry in chosen[1:]:
            act = decisions.act_by_number(session, entry["act"]["number"])
            decisions.submit(session, act, expert_id, lawful_decision(entry), AT, confirm_warnings=True)

    with qtbot.waitSignal(window.expert_part.finished, timeout=TIMEOUT_MS):
        window.expert_part.export(exchanged / "decisions.json")
    wait_idle(qtbot)
    close_message_boxes()
    outgoing = json.loads((exchanged / "decisions.json").read_text(encoding="utf-8"))
    assert sorted(d["act"] for d in outgoing["decisions"]) == sorted(e["act"]["number"] for e in chosen)
    with demo_db.session() as session:
        exchange.import_decisions(session, outgoing)
    with demo_db.session() as session:
        routed = [decisions.act_by_number(session, e["act"]["number"]).status for e in chosen]
    assert m.ActStatus.UNDER_REVIEW not in routed

    receive(qtbot, window, exchanged / "acts.json")  # the same file again: nothing changes
    assert page.model.rowCount() == len(document["acts"])
    export_acts(demo_db, expert_id, exchanged / "acts.json")  # the routed acts are no longer this expert's
    receive(qtbot, window, exchanged / "acts.json")
    assert page.model.rowCount() == len(document["acts"]) - 3
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Person)) == 0
        name = workstation.settings(session).user_name
    needles = personal_needles(demo_db, [e["act"]["number"] for e in document["acts"]], name)
    assert files_holding(data_dir, needles) == [] and files_holding(exchanged, needles) == []



def test_a_file_for_another_expert_is_refused_in_the_window_and_changes_nothing(qtbot, open_window, db, demo_db,
                                                                                tmp_path):
    expert_id = busiest_expert(demo_db)
    export_acts(demo_db, expert_id, tmp_path / "acts.json")
    window = open_window(db)
    set_up_expert(qtbot, window, expert_id + 1)
    window.expert_part.receive(tmp_path / "acts.json")
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)
    (box,) = message_boxes()
    assert f"The file is for expert No. {expert_id}" in box.text()
    assert window.expert_part.progress is None  # the progress dialog is gone
    close_message_boxes()
    wait_idle(qtbot)
    assert window.current_page().model.rowCount() == 0
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.DraftAct)) == 0
