"""The review screens: the review screen checks live and submits, blind until the
expert's own decision is in (§25.5); the head-expert's comparison highlights what differs
(§47); the signature queue signs (§48); the lists of My acts and App 16 are blind for an expert."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app import models as m
from app.domain.settings import DEPARTMENT_CODE
from app.domain.clock import KZ_TIME
from app.services import workstation
from app.services.review import decisions, lists
from tests.review_case import conclusion, prepare_case
from ui.acts import ActCard
from ui.review import ComparisonDialog, ReviewDialog, SignatureQueueDialog
from ui.review.comparison import DIFFERS
from ui.review.lists import MyActsDialog

from .helpers import TIMEOUT_MS, submit_confirmed, wait_idle

AT = datetime(2025, 3, 19, 10, 0, tzinfo=KZ_TIME)


@pytest.fixture
def case(demo_db):
    return prepare_case(demo_db)


def submit(db, case, position, content):
    with db.session() as session:
        decisions.submit(session, decisions.act_by_number(session, case["number"]), case["experts"][position],
                         content, AT, confirm_warnings=True)


def open_review(qtbot, db, case, position, mode="expert") -> ReviewDialog:
    dialog = ReviewDialog(db, case["id"], expert_id=case["experts"][position], mode=mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    return dialog


def fill(form, group="II", term="1y", degree=2):
    form.outcome.setCurrentIndex(form.outcome.findData("conclusion"))
    form.group.setCurrentIndex(form.group.findData(group))
    form.cause.setCurrentIndex(form.cause.findData("general_disease"))
    form.term.setCurrentIndex(form.term.findData(term))
    form.degree_boxes["mobility"].setCurrentIndex(degree)
    form.degree_boxes["work"].setCurrentIndex(degree)


def test_review_screen_shows_the_depersonalised_act_and_checks_live(qtbot, demo_db, case):
    dialog = open_review(qtbot, demo_db, case, 1)
    shown = dialog.act_view.toPlainText()
    assert case["number"] in shown and case["iin"] not in shown and case["surname"] not in shown  # §25.2
    fill(dialog.form, group="I", degree=2)  # degree 2 gives group II (§58-61): an error
    assert not dialog.submit_button.isEnabled()
    assert any("§58" in dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count()))
    fill(dialog.form, group="II", degree=2)
    assert dialog.submit_button.isEnabled()
    tooltip = dialog.form.degree_boxes["self_care"].itemData(3, Qt.ItemDataRole.ToolTipRole)
    assert "unable to care for oneself" in tooltip  # App 6 §4.1, third degree
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS):
        submit_confirmed(dialog)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert decisions.assignment_of(act, case["experts"][1]).decision.content["group"] == "II"


def test_review_screen_is_blind_until_the_own_decision(qtbot, demo_db, case):
    submit(demo_db, case, 0, conclusion("III"))
    before = open_review(qtbot, demo_db, case, 1)
    assert "hidden" in before.others.text() and "group III" not in before.others.text()
    before.close()
    submit(demo_db, case, 1, conclusion())
    after = open_review(qtbot, demo_db, case, 1)
    assert "group III" in after.others.text()


def test_a_warning_asks_before_submitting(qtbot, demo_db, case):
    dialog = open_review(qtbot, demo_db, case, 2)
    fill(dialog.form, term="5y")  # an adult's 5 years without an App 11 condition warns (§32)
    assert dialog.submit_button.isEnabled()
    dialog.submit_button.click()
    assert "§32" in dialog.confirmation.text() and "Submit anyway?" in dialog.confirmation.text()
    dialog.confirmation.button(QMessageBox.StandardButton.No).click()
    assert dialog.isVisible()  # not submitted without the confirmation
    wait_idle(qtbot)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert decisions.assignment_of(act, case["experts"][2]).decision is None


def test_head_comparison_highlights_differences_and_concludes(qtbot, demo_db, case):
    for position, term in enumerate(("1y", "2y", "6m")):
        submit(demo_db, case, position, conclusion(term=term))
    dialog = ComparisonDialog(demo_db, case["id"], case["experts"][0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    assert "term" in dialog.differing_rows() and "group" not in dialog.differing_rows()
    assert dialog.table.cell("term", 0).background().color().name() == "#fde2b8"
    review = dialog.conclude()
    qtbot.waitUntil(lambda: review.loaded, timeout=TIMEOUT_MS)
    fill(review.form, term="2y")
    with qtbot.waitSignal(review.submitted, timeout=TIMEOUT_MS):
        submit_confirmed(review)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert (act.status, act.conclusion.decision["term"]) == (m.ActStatus.CONCLUDED, "2y")


def test_signature_queue_signs(qtbot, demo_db, case):
    for position in range(3):
        submit(demo_db, case, position, conclusion())
    with demo_db.session() as session:
        workstation.set_setting(session, DEPARTMENT_CODE, case["department"])
    dialog = SignatureQueueDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    numbers = [row["number"] for row in dialog.rows]
    assert case["number"] in numbers
    dialog.table.selectRow(numbers.index(case["number"]))
    dialog.buttons.accepted.emit()
    assert case["number"] in dialog.confirmation.text()  # asked once more before signing
    with qtbot.waitSignal(dialog.signed, timeout=TIMEOUT_MS):
        dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert act.status == m.ActStatus.SIGNED and act.conclusion.signed_by_id is not None


def test_the_queue_opens_the_three_decisions_beside_the_conclusion_and_no_signs_nothing(qtbot, demo_db, case):
    """§48: the head sees what is signed — the panel's three decisions and the conclusion."""
    for position, group in enumerate(("II", "II", "III")):
        submit(demo_db, case, position, conclusion(group))
    with demo_db.session() as session:
        workstation.set_setting(session, workstation.DEPARTMENT_KEY, case["department"])
    queue = SignatureQueueDialog(demo_db)
    qtbot.addWidget(queue)
    queue.show()
    qtbot.waitUntil(lambda: queue.loaded, timeout=TIMEOUT_MS)
    row = [r["number"] for r in queue.rows].index(case["number"])
    queue.table.setCurrentCell(row, 0)
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    opened = queue.opened
    qtbot.waitUntil(lambda: opened.loaded, timeout=TIMEOUT_MS)
    shown = [opened.table.cell("group", c).text() for c in range(4)]
    assert shown == ["group II", "group II", "group III", "group II"]  # three decisions, then the conclusion
    assert opened.table.horizontalHeaderItem(4).text() == "Conclusion"
    assert opened.table.cell("group", 0).background().color() == DIFFERS  # the decisions differ here
    opened.sign_button.click()
    opened.confirmation.button(QMessageBox.StandardButton.No).click()
    wait_idle(qtbot)
    with demo_db.session() as session:
        assert decisions.act_by_number(session, case["number"]).status == m.ActStatus.CONCLUDED
    opened.sign_button.click()
    with qtbot.waitSignal(opened.signed, timeout=TIMEOUT_MS):
        opened.confirmation.button(QMessageBox.StandardButton.Yes).click()
    with demo_db.session() as session:
        assert decisions.act_by_number(session, case["number"]).status == m.ActStatus.SIGNED

    card = ActCard(demo_db, case["number"])  # after signing: the decisions, the conclusion, its documents
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT_MS)
    assert card.tabs.isTabEnabled(card.tabs.indexOf(card.outcome_page))
    assert [card.outcome_table.cell("group", c).text() for c in range(4)] == shown
    assert card.outcome_caption.text().startswith("Signed ") and "T" not in card.outcome_caption.text()
    assert card.documents_label.text().startswith(("Documents (§51):", "No result document"))


def test_lists_are_blind_for_an_expert(qtbot, demo_db, case):
    submit(demo_db, case, 0, conclusion("III"))
    with demo_db.session() as session:
        listing = lists.decisions_listing(case["experts"][1])
        rows = listing.rows(session, [case["id"]])
        assert rows[case["id"]][2:5] == ("not yet decided",) * 3  # hidden (§25.5)
        department = lists.decisions_listing(None).rows(session, [case["id"]])
        assert department[case["id"]][2] == "group III"
        assert case["id"] in lists.my_acts_listing(case["experts"][1]).ids(session)
        decided = lists.my_acts_listing(case["experts"][0])
        assert decided.rows(session, [case["id"]])[case["id"]][-1] is None  # nothing due once decided
        assert case["id"] not in lists.my_acts_listing(case["home_head"]).ids(session)
        other = session.scalar(select(m.Assignment.expert_id).where(m.Assignment.act_id != case["id"]))
        assert case["id"] not in lists.decisions_listing(other).ids(session) or other in case["experts"]
    dialog = MyActsDialog(demo_db, case["experts"][1])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page.loaded, timeout=TIMEOUT_MS)
    review = dialog.open_review(case["id"])
    qtbot.waitUntil(lambda: review.loaded, timeout=TIMEOUT_MS)
    assert review.data["number"] == case["number"]


def test_in_person_steps_from_the_window(qtbot, demo_db, case):
    from ui.review.in_person import InPersonDialog
    for position in range(3):  # three groups: in person (§45)
        submit(demo_db, case, position, conclusion(("I", "II", "III")[position]))
    with demo_db.session() as session:
        workstation.set_setting(session, DEPARTMENT_CODE, case["department"])
    dialog = InPersonDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    numbers = [row["number"] for row in dialog.data["rows"]]
    dialog.table.selectRow(numbers.index(case["number"]))
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT_MS):
        dialog.arrived.click()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.data["rows"][numbers.index(case["number"])]["arrived_at"],
                    timeout=TIMEOUT_MS)
    dialog.table.selectRow(numbers.index(case["number"]))
    review = dialog.open_conclusion()
    qtbot.waitUntil(lambda: review.loaded, timeout=TIMEOUT_MS)
    fill(review.form)
    with qtbot.waitSignal(review.submitted, timeout=TIMEOUT_MS):
        submit_confirmed(review)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert (act.status, act.conclusion.proactive) == (m.ActStatus.CONCLUDED, False)


def test_impaired_functions_are_shown_in_words():
    """App 8 item 16 with the App 6 §2 degree, in the reader's language, not stored keys."""
    from app.i18n import gettext
    from ui.review.review_dialog import impairments_text

    shown = impairments_text({"statodynamic": 3, "digestion": 2})
    assert "statodynamic" not in shown and gettext("Statodynamic functions") in shown
    assert f"{gettext('pronounced')} (3)" in shown and f"{gettext('moderate')} (2)" in shown
