"""The department's steps that were the command line's only: acts for an expert's laptop (no
personal data leaves, §25.5), decisions read back from a file, and the outbox (queued, sent,
failed with the gateway's reason, sent again after a person checked)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app import models as m
from app.services.review import outbox
from tests.expert_laptop import busiest_expert, export_acts, files_holding, personal_needles
from ui.review.exchange import ExportForExpertDialog, OutboxDialog, import_decisions, outbox_listing, state_of

from .helpers import TIMEOUT_MS, close_message_boxes, message_boxes, wait_idle


def test_acts_for_an_experts_laptop_hold_no_personal_data(qtbot, demo_db, tmp_path):
    expert_id = busiest_expert(demo_db)
    dialog = ExportForExpertDialog(demo_db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=TIMEOUT_MS)
    dialog.expert.setCurrentIndex(dialog.expert.findData(expert_id))
    written = []
    dialog.exported.connect(written.append)
    folder = tmp_path / "to-laptop"
    folder.mkdir()
    dialog.export_to(folder / "acts.json")
    qtbot.waitUntil(lambda: bool(written), timeout=TIMEOUT_MS)
    document = json.loads((folder / "acts.json").read_text(encoding="utf-8"))
    numbers = [entry["act"]["number"] for entry in document["acts"]]
    assert written[0]["acts"] == len(numbers) == len(export_acts(demo_db, expert_id)["acts"]) >= 3
    expert_name = document["expert"].get("name", "")
    assert files_holding(folder, personal_needles(demo_db, numbers, expert_name)) == []
    close_message_boxes()


def test_a_file_that_is_no_decisions_file_is_refused_and_changes_nothing(qtbot, demo_db, tmp_path):
    with demo_db.session() as session:
        before = session.scalar(select(func.count()).select_from(m.ExpertDecision))
    path = tmp_path / "other.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    import_decisions(None, demo_db, path)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)
    assert "not a file of expert decisions" in message_boxes()[0].text()
    close_message_boxes()
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.ExpertDecision)) == before


def _queue(db, to: str, key: str, status: str = "pending") -> int:
    with db.session() as session:
        row = m.OutboxMessage(channel="sms", to=to, lang="ru", text=f"Сообщение {key}", key=key, status=status)
        session.add(row)
        session.flush()
        return row.id


def test_the_outbox_shows_queued_failed_and_sent_and_sends_again(qtbot, demo_db, tmp_path):
    good, bad = _queue(demo_db, "+77011234567", "test-good"), _queue(demo_db, "12345", "test-bad")
    stuck = _queue(demo_db, "+77017654321", "test-stuck", status="sending")
    dialog = OutboxDialog(demo_db, tmp_path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.messages), timeout=TIMEOUT_MS)
    states = {message["id"]: state_of(message) for message in dialog.messages}
    assert (states[good], states[bad], states[stuck]) == ("queued", "queued", "sending")
    assert "+7701" not in "".join(dialog.table.item(r, c).text() for r in range(dialog.table.rowCount())
                                  for c in range(dialog.table.columnCount()))  # no phone on the screen

    dialog.send_now.click()
    qtbot.waitUntil(lambda: {m["id"]: state_of(m) for m in dialog.messages}.get(good) == "sent", timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    failed = next(m for m in dialog.messages if m["id"] == bad)
    assert state_of(failed) == "failed" and failed["error"] == "not a Kazakhstan mobile number"
    dialog.filter.setCurrentIndex(dialog.filter.findData("failed"))
    assert [m["id"] for m in dialog.shown()] == [bad]

    dialog.filter.setCurrentIndex(dialog.filter.findData("sending"))
    dialog.table.selectRow(0)
    assert dialog.send_again.isEnabled()
    dialog.send_again.click()  # a person checked: it did not arrive
    dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: {m["id"]: state_of(m) for m in dialog.messages}.get(stuck) == "sent", timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    with demo_db.session() as session:
        assert [r["id"] for r in outbox.listing(session, status="sent") if (r["key"] or "").startswith("test-")] == \
            [stuck, good]


def test_the_outbox_names_people_so_an_administrator_does_not_read_it(qtbot, open_window, demo_db):
    from app.domain.permissions import Role
    from app.services import accounts
    from tests.ui.test_sign_in import protect

    protect(demo_db, ("head", Role.HEAD))
    accounts.sign_in(demo_db, "admin", "admin-password")
    window = open_window(demo_db)
    assert not window.review_menu.outbox.isVisible() or not window.review_menu.outbox.isEnabled()
    dialog = OutboxDialog(demo_db, window.data_dir, window)  # opened anyway: the service refuses
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)
    assert dialog.messages == [] and "open a person's personal data" in message_boxes()[0].text()
    close_message_boxes()
    accounts.sign_in(demo_db, "head", "head-password")
    with demo_db.session() as session:
        assert outbox_listing(session) is not None  # the head of the department reads it
