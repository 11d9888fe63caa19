"""Intake in the window: importing referral packages (progress, cancel, accepted and rejected
side by side), the act's card (experts, due date with its rule, history, the depersonalised
view) and the expert's card (a sick leave moves the act to another expert)."""

from __future__ import annotations

import logging
import sys
import types
import threading
from datetime import date, datetime, timedelta

import pypdfium2
import pytest
from babel.dates import format_date
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from app import i18n
from app import models as m
from app.domain.settings import LOOKUPS_FOLDER
from app.adapters.lookups import load_registers
from app.domain.clock import KZ_TIME, now_kz
from app.services import assignment
from app.services.intake import REASONS, Intake, samples
from ui import language
from ui.acts import ActCard, ExpertCard, ImportDialog, importing

from .helpers import TIMEOUT_MS, close_message_boxes, message_boxes, wait_idle, wait_loaded
from .test_printing import previews

BAD_FILES = {"zz-empty.json": b"", "zz-not-json.json": b"{ this is not json", "zz-array.json": b"[1, 2]"}


@pytest.fixture
def referrals(tmp_path):
    """A folder of packages received today, a third failing one App 5 check each, three files
    that are not packages at all, and the lookups folder; the lookups folder is this
    workstation's."""
    packages, lookups = samples.batch(12, now_kz().date(), invalid_share=0.35, seed=5)
    folder, lookups_dir = samples.write_batch(tmp_path / "in", packages, lookups)
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    importing.set_lookups_folder(lookups_dir)
    return {"folder": folder, "lookups": lookups_dir, "packages": packages}


def act_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count(m.DraftAct.id)))


def finish(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.outcomes is not None, timeout=TIMEOUT_MS)
    wait_idle(qtbot)


def test_importing_a_folder_shows_accepted_and_rejected_with_codes(qtbot, open_window, demo_db, referrals,
                                                                   monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    seen = []
    original = ImportDialog._progressed
    monkeypatch.setattr(ImportDialog, "_progressed", lambda self, done, total: (seen.append((done, total)),
                                                                                original(self, done, total)))
    window = open_window(demo_db, tab="incoming")
    window.show_all_departments(True)
    wait_idle(qtbot)
    before, rows_before = act_count(demo_db), window.pages["incoming"].model.rowCount()
    assert rows_before == before
    dialog = window.acts.import_paths([referrals["folder"]])
    finish(qtbot, dialog)

    total = len(referrals["packages"]) + len(BAD_FILES)
    assert seen and seen[-1] == (total, total)  # the progress reached every file
    accepted, rejected = dialog.accepted_outcomes(), dialog.rejected_outcomes()
    assert len(accepted) + len(rejected) == total and accepted and len(rejected) > len(BAD_FILES)
    assert act_count(demo_db) == before + len(accepted)
    text = dialog.shown_text()
    for outcome in accepted:
        assert outcome.act_number in text
    for outcome in rejected:
        assert outcome.codes and all(code in text for code in outcome.codes)
        assert all(REASONS[code] in text for code in outcome.codes)  # the code in words (English here)
    assert {o.file.rsplit("/", 1)[-1] for o in rejected if o.codes == ["F002"]} == set(BAD_FILES)
    assert dialog.accepted_group.title() == f"Accepted: {len(accepted)}"
    assert dialog.rejected_group.title() == f"Rejected: {len(rejected)}"
    page = window.pages["incoming"]
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == rows_before + len(accepted)  # the list was read again
    assert "package" in caplog.text  # the log was captured
    people = [p[who] for p in referrals["packages"] for who in ("patient", "representative") if p.get(who)]
    assert [v for person in people for v in (person["iin"], person["last_name"]) if v in caplog.text] == []


@pytest.fixture
def held_after_third(monkeypatch):
    """Import holds after its third package until ``go_on`` is set; ``third`` says it got there."""
    held = types.SimpleNamespace(third=threading.Event(), go_on=threading.Event(), files=[])
    original = Intake.import_file

    def import_file(self, path, name=None):
        outcome = original(self, path, name)
        held.files.append(path)
        if len(held.files) == 3:
            held.third.set()
            held.go_on.wait(TIMEOUT_MS / 1000)
        return outcome

    monkeypatch.setattr(Intake, "import_file", import_file)
    yield held
    held.go_on.set()


def test_cancel_stops_after_the_current_package_and_keeps_what_was_imported(qtbot, open_window, demo_db,
                                                                            referrals, held_after_third):
    window = open_window(demo_db, tab="incoming")
    before = act_count(demo_db)
    with demo_db.session() as session:
        packages_before = session.scalar(select(func.count(m.ReferralPackage.id)))
    dialog = window.acts.import_paths([referrals["folder"]])
    qtbot.waitUntil(held_after_third.third.is_set, timeout=TIMEOUT_MS)
    dialog.cancel_button.click()
    assert dialog.state.text() == "Stopping after the current package…"
    held_after_third.go_on.set()
    finish(qtbot, dialog)

    assert len(held_after_third.files) == 3 and len(dialog.outcomes) == 3
    left = len(referrals["packages"]) + len(BAD_FILES) - 3
    assert f"Stopped on request: {left} packages were not imported." in dialog.state.text()
    assert act_count(demo_db) == before + len(dialog.accepted_outcomes())
    with demo_db.session() as session:
        assert session.scalar(select(func.count(m.ReferralPackage.id))) == packages_before + 3


def test_closing_the_dialog_stops_the_import_and_the_lists_still_show_what_came_in(qtbot, open_window, demo_db,
                                                                                 referrals, held_after_third):
    window = open_window(demo_db, tab="incoming")
    window.show_all_departments(True)
    wait_idle(qtbot)
    page = window.pages["incoming"]
    before = page.model.rowCount()
    dialog = window.acts.import_paths([referrals["folder"]])
    qtbot.waitUntil(held_after_third.third.is_set, timeout=TIMEOUT_MS)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert dialog.isHidden()
    held_after_third.go_on.set()
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None, timeout=TIMEOUT_MS)
    wait_idle(qtbot)  # the list is read again once the writes settle (the window's changes timer)
    qtbot.waitUntil(lambda: page.model.rowCount() == act_count(demo_db), timeout=TIMEOUT_MS)
    assert page.model.rowCount() > before
    assert len(held_after_third.files) == 3


def test_packages_dropped_on_the_incoming_tab_are_imported(qtbot, open_window, demo_db, referrals):
    window = open_window(demo_db, tab="incoming")
    page = window.pages["incoming"]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(referrals["folder"] / "000001.json"))])
    where = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(20, 20), *where)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()  # the page takes files
    drop = QDropEvent(QPointF(20, 20), *where)
    QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    dialog = window.findChild(ImportDialog)
    finish(qtbot, dialog)
    assert [o.file.rsplit("/", 1)[-1] for o in dialog.outcomes] == ["000001.json"]


# -- the act's card ---------------------------------------------------------------------------------
@pytest.fixture
def imported(demo_db, referrals):
    """The folder imported (as the window would), and the first accepted act."""
    outcomes = Intake(demo_db, load_registers(referrals["lookups"])).import_files([referrals["folder"]])
    number = next(o.act_number for o in outcomes if o.accepted)
    with demo_db.session() as session:
        act = assignment.act_by_number(session, number)
        person = act.person
        return {"number": number, "id": act.id, "panel": assignment.panel_of(act),
                "person": {"iin": person.iin, "names": [person.last_name, person.first_name, person.middle_name],
                           "birth": person.birth_date, "address": person.registration_address}}


def open_from_waiting_list(qtbot, window, number: str) -> ActCard:
    """Finds the act on the waiting list and presses Enter on it, as a user would."""
    page = window.pages["waiting"]
    window.select_tab("waiting")
    window.show_all_departments(True)
    wait_loaded(qtbot, page)
    page.filter_edit.setText(number)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.busy, timeout=TIMEOUT_MS)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    card = window.findChild(ActCard)
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    return card


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_the_card_shows_three_experts_the_due_date_with_its_rule_and_the_history(qtbot, open_window, demo_db,
                                                                                 imported):
    window = open_window(demo_db)
    card = open_from_waiting_list(qtbot, window, imported["number"])
    assert card.title.text() == f"Draft act No. {imported['number']}"
    assert column(card.panel_table, 1) == [e["name"] for e in imported["panel"]["experts"]]
    assert len(imported["panel"]["experts"]) == 3
    assert column(card.panel_table, 0) == ["department head", "chief specialist", "chief specialist"]
    with demo_db.session() as session:
        due = session.get(m.DraftAct, imported["id"]).due_at.astimezone(KZ_TIME)
    assert card.due.text() == language.format_deadline(due, "expert_decision")
    assert card.due.text().startswith("Due ") and "(§20.3): Expert decision on a draft act" in card.due.text()
    history = column(card.history_table, 1)
    assert history[:3] == ["Package received", "App 5 checks passed", "Draft act numbered"]
    assert history[3:] == ["Expert assigned (department head)"] + ["Expert assigned (chief specialist)"] * 2
    assert all(column(card.history_table, 3))  # who: the workstation's user
    assert card.width() <= 1024 and card.height() <= 768


def test_why_an_expert_was_not_chosen(qtbot, open_window, demo_db, imported):
    window = open_window(demo_db)
    card = open_from_waiting_list(qtbot, window, imported["number"])
    chosen = {e["id"] for e in imported["panel"]["experts"]}
    other = next(i for i in range(card.why_choice.count()) if card.why_choice.itemData(i) not in chosen)
    card.why_choice.setCurrentIndex(other)
    card.ask_why()
    qtbot.waitUntil(lambda: bool(card.why_text.text()), timeout=TIMEOUT_MS)
    with demo_db.session() as session:
        answer = assignment.why(session, imported["number"], card.why_choice.itemData(other), now_kz())
    assert card.why_text.text() == "\n".join(f"• {reason}" for reason in answer["reasons"])


def personal_values(person: dict) -> list[str]:
    birth = person["birth"]
    address = person["address"]
    dates = [birth.isoformat(), f"{birth:%d.%m.%Y}"] + [format_date(birth, "medium", locale=lang)
                                                        for lang in i18n.LANGUAGES]
    return [person["iin"], *filter(None, person["names"]), *dates,
            *(address[key] for key in ("locality", "street") if address.get(key))]


def test_the_depersonalised_view_is_the_experts_copy_without_personal_data(qtbot, open_window, demo_db, imported):
    window = open_window(demo_db)
    card = open_from_waiting_list(qtbot, window, imported["number"])
    values = personal_values(imported["person"])
    shown = card.shown_text()
    assert imported["person"]["iin"] in shown and imported["person"]["names"][0] in shown  # the department sees them
    card.depersonalised.setChecked(True)
    shown = card.shown_text()
    assert [value for value in values if value in shown] == []
    expert_copy = card.card["expert_view"]
    with demo_db.session() as session:
        from app.services import acts
        assert expert_copy == acts.show_act(session, imported["number"], as_expert=True)
    for key in ("complaints", "anamnesis", "objective_status"):
        assert expert_copy["clinical"][key] in card.sections.toPlainText()
    card.depersonalised.setChecked(False)
    assert imported["person"]["iin"] in card.shown_text()


def test_a_sick_leave_entered_on_the_experts_card_moves_the_act(qtbot, open_window, demo_db, imported, caplog):
    caplog.set_level(logging.DEBUG)
    with demo_db.session() as session:  # the panel was chosen a week ago: its due dates have passed
        act = session.get(m.DraftAct, imported["id"])
        for seat in act.assignments:
            seat.assigned_at -= timedelta(days=7)
            seat.due_at -= timedelta(days=7)
        old_due = max(seat.due_at for seat in act.assignments).astimezone(KZ_TIME)
    window = open_window(demo_db)
    card = open_from_waiting_list(qtbot, window, imported["number"])
    leaving = imported["panel"]["experts"][1]
    card.panel_table.setCurrentCell(1, 0)
    card.expert_button.click()
    expert_card = window.findChild(ExpertCard)
    qtbot.waitUntil(lambda: expert_card.card is not None, timeout=TIMEOUT_MS)
    assert expert_card.title.text() == leaving["name"]
    assert imported["number"] in column(expert_card.work, 0)
    absences_before = column(expert_card.absences, 0)

    today = now_kz().date()
    editor = expert_card.add_absence()
    editor.kind.setCurrentIndex(editor.kind.findData("sick"))
    editor.start.setDate(today)
    editor.end.setDate(today + timedelta(days=10))
    editor.accept()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    told = message_boxes()[0].informativeText()
    assert f"Act {imported['number']}: {leaving['name']} withdrawn (On sick leave" in told
    close_message_boxes()

    assert sorted(column(expert_card.absences, 0)) == sorted([*absences_before, "Sick leave"])
    assert imported["number"] not in column(expert_card.work, 0)
    with demo_db.session() as session:
        panel = assignment.panel_of(assignment.act_by_number(session, imported["number"]))
    assert len(panel["experts"]) == 3 and leaving["id"] not in {e["id"] for e in panel["experts"]}
    newcomer = next(e for e in panel["experts"] if e["id"] not in {x["id"] for x in imported["panel"]["experts"]})
    assert datetime.fromisoformat(newcomer["due"]) > old_due  # a new due date, counted from today
    assert datetime.fromisoformat(newcomer["due"]).date() > now_kz().date()
    qtbot.waitUntil(lambda: newcomer["name"] in column(card.panel_table, 1), timeout=TIMEOUT_MS)
    history = list(zip(column(card.history_table, 1), column(card.history_table, 2), column(card.history_table, 4)))
    assert ("Expert withdrawn (chief specialist)", leaving["name"]) == history[-2][:2]
    assert history[-2][2].startswith("On sick leave")
    assert history[-1][:2] == ("Expert assigned in place of another (chief specialist)", newcomer["name"])
    assert [v for v in personal_values(imported["person"]) if v in caplog.text] == []


def test_a_registry_row_opens_one_card(qtbot, open_window, demo_db):
    """The registry's card (steps, SMS, absences, assignments) answers a registry row, not a
    second expert card on top of it."""
    window = open_window(demo_db, tab="registry")
    tab = window.pages["registry"]
    page = tab.pages["registry"]
    wait_loaded(qtbot, page)
    opened = []
    tab.card_opened.connect(opened.append)
    page.row_opened.emit(page.model.row_id(0))
    wait_idle(qtbot)
    assert len(opened) == 1 and window.findChild(ExpertCard) is None
    opened[0].close()


def test_the_card_speaks_russian_after_a_live_switch(qtbot, open_window, demo_db, imported):
    window = open_window(demo_db)
    card = open_from_waiting_list(qtbot, window, imported["number"])
    english = card.shown_text()
    language.set_language("ru")
    wait_idle(qtbot)
    ru = {text: i18n.gettext(text, "ru") for text in ("Act (App 8)", "History", "Package received", "Experts (§25.4)")}
    assert all(translated != text for text, translated in ru.items())
    assert card.tabs.tabText(0) == ru["Act (App 8)"] and card.tabs.tabText(1) == ru["History"]
    assert card.experts_group.title() == ru["Experts (§25.4)"]
    assert column(card.history_table, 1)[0] == ru["Package received"]
    due = date.fromisoformat(card.card["due"][:10])
    assert format_date(due, "d MMMM y", locale="ru") in card.due.text()
    assert card.shown_text() != english


@pytest.mark.parametrize("printing", [None, types.ModuleType("ui.printing")], ids=["no module", "no function"])
def test_no_print_button_while_printing_is_not_there(qtbot, open_window, demo_db, imported, monkeypatch, printing):
    monkeypatch.setitem(sys.modules, "ui.printing", printing)
    window = open_window(demo_db)
    card = window.acts.open_act(imported["number"])
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT_MS)
    assert card.print_button is None  # no control that leads nowhere


def test_print_on_the_card_hands_the_act_to_printing(qtbot, open_window, demo_db, imported, monkeypatch):
    printed = []
    printing = types.ModuleType("ui.printing")
    printing.print_act_documents = lambda parent, db, act_id: printed.append((parent, act_id))
    monkeypatch.setitem(sys.modules, "ui.printing", printing)
    window = open_window(demo_db)
    card = window.acts.open_act(imported["number"])
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT_MS)
    assert card.print_button.text() == "Print…"
    card.print_button.click()
    assert printed == [(card, imported["id"])]


def test_without_a_lookups_folder_the_window_says_what_it_is_and_asks_for_it(qtbot, open_window, demo_db, referrals):
    importing.settings.forget(LOOKUPS_FOLDER)
    window = open_window(demo_db, tab="incoming")
    assert window.acts.import_paths([referrals["folder"] / "000001.json"]) is None
    (box,) = message_boxes()
    assert box.text() == "Choose the lookups folder first." and box.informativeText() == importing.lookups_explained()
    box.button(QMessageBox.StandardButton.Ok).click()
    picker = window.findChild(QFileDialog)
    assert picker.isVisible()
    picker.fileSelected.emit(str(referrals["lookups"]))  # what choosing the folder and OK does
    assert importing.lookups_folder() == referrals["lookups"]  # remembered on this workstation
    dialog = window.findChild(ImportDialog)
    finish(qtbot, dialog)
    assert len(dialog.outcomes) == 1
    picker.close()


def test_the_results_close_with_escape_and_close_and_print_a_rejection_notice(qtbot, open_window, demo_db,
                                                                              referrals):
    """§16 part 3: the information message of a rejected form names each reason with its App 5
    code; it is printed from the import's results.  Escape and Close end the results dialog."""
    window = open_window(demo_db, tab="incoming")
    dialog = window.acts.import_paths([referrals["folder"]])
    finish(qtbot, dialog)
    rejected = next(o for o in dialog.rejected_outcomes() if o.findings)
    assert not dialog.notice_button.isEnabled()
    row = next(dialog.rejected_list.topLevelItem(i) for i in range(dialog.rejected_list.topLevelItemCount())
               if dialog.rejected_list.topLevelItem(i).toolTip(0) == rejected.file)
    dialog.rejected_list.setCurrentItem(row.child(0))  # a reason's line chooses its package too
    dialog.notice_button.click()
    qtbot.waitUntil(lambda: bool(previews()), timeout=TIMEOUT_MS)
    notice = previews()[0]
    text = "".join(pypdfium2.PdfDocument(notice.pdf)[0].get_textpage().get_text_range().split())
    assert "Информационноесообщение" in text and "Ақпараттықхабарлама" in text
    assert all(code in text for code in rejected.codes)
    assert notice.file_name == f"rejection-{rejected.package_id}.pdf"
    people = [p[who] for p in referrals["packages"] for who in ("patient", "representative") if p.get(who)]
    assert [value for person in people for value in (person["iin"], person["last_name"])
            if value and "".join(value.split()) in text] == []  # the notice names no person (§16)
    notice.close()
    qtbot.keyClick(dialog.rejected_list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None, timeout=TIMEOUT_MS)  # closed and let go
    again = window.acts.import_paths([referrals["folder"]])
    finish(qtbot, again)
    again.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None, timeout=TIMEOUT_MS)
