"""The Appeals tab and an appeal's card: the App 24 columns with status and kind
filters and the overdue highlight; the card offers each role its own steps (deputy head
registers, Committee specialist forwards, control department concludes on the depersonalised act
with the review screen's form and rules checks); the conclusion reaches the App 16 column."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME
from app.services import appeals, listings
from app.services.review import lists
from tests.appeal_case import prepare_signed_acts
from ui.appeals import AppealCard, AppealDecisionDialog, AppealsTab
from ui.appeals.card import open_appeal_card

from .helpers import TIMEOUT_MS, close_message_boxes, message_boxes, wait_idle, wait_loaded
from .test_review_screens import fill

FILED = datetime(2025, 3, 4, 10, 0, tzinfo=KZ_TIME)


@pytest.fixture
def filed(demo_db):
    case = prepare_signed_acts(demo_db, 1)[0]
    with demo_db.session() as session:
        case["appeal"] = int(appeals.file_appeal(session, case["number"], FILED)["id"])
    return case


def open_card(qtbot, db, appeal_id, role) -> AppealCard:
    card = open_appeal_card(db, appeal_id, role)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.loaded, timeout=TIMEOUT_MS)
    return card


def status_of(db, appeal_id) -> str:
    with db.session() as session:
        return session.get(m.Appeal, appeal_id).status.value


def test_each_role_sees_its_own_step_and_takes_it(qtbot, demo_db, filed):
    committee = open_card(qtbot, demo_db, filed["appeal"], "committee")
    assert committee.buttons == {}  # the Committee forwards only once the deputy head registered
    deputy = open_card(qtbot, demo_db, filed["appeal"], "deputy_head")
    assert list(deputy.buttons) == ["register"]
    assert filed["surname"] in deputy.view.toPlainText()  # the department sees the person
    deputy.buttons["register"].click()
    qtbot.waitUntil(lambda: deputy.loaded and "register" not in deputy.buttons, timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert status_of(demo_db, filed["appeal"]) == "registered"
    committee.reload()
    qtbot.waitUntil(lambda: list(committee.buttons) == ["forward"], timeout=TIMEOUT_MS)
    committee.buttons["forward"].click()
    qtbot.waitUntil(lambda: status_of(demo_db, filed["appeal"]) == "at_control", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "forward" not in committee.buttons, timeout=TIMEOUT_MS)  # the card read it again
    wait_idle(qtbot)


def test_the_control_department_concludes_on_the_depersonalised_act(qtbot, demo_db, filed):
    with demo_db.session() as session:
        appeals.register(session, filed["appeal"], FILED.replace(day=5))
        appeals.forward(session, filed["appeal"], FILED.replace(day=6))
    card = open_card(qtbot, demo_db, filed["appeal"], "control_expert")
    assert list(card.buttons) == ["conclude"]
    shown = card.view.toPlainText()
    for personal in (filed["surname"], filed["iin"], filed["first_name"]):
        assert personal not in shown  # §56: on the depersonalised act
    dialog = card.take("conclude")
    assert isinstance(dialog, AppealDecisionDialog)  # the card's child: closed and deleted with it
    qtbot.waitUntil(lambda: dialog.loaded, timeout=TIMEOUT_MS)
    assert filed["surname"] not in dialog.act_view.toPlainText() and filed["number"] in dialog.act_view.toPlainText()
    fill(dialog.form, group="I", degree=2)  # degree 2 gives group II (§58-61): the rules refuse
    assert not dialog.submit_button.isEnabled()
    fill(dialog.form, group="III", degree=1)
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=TIMEOUT_MS)
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS):
        dialog._send(dialog.form.decision(), True)
    wait_idle(qtbot)
    assert status_of(demo_db, filed["appeal"]) == "concluded"
    with demo_db.session() as session:
        listing = lists.decisions_listing()
        row = listing.rows(session, [filed["id"]])[filed["id"]]
    control_column = [c.key for c in listing.columns].index("control")
    assert row[control_column] == "group III"  # App 16: conclusion of the control department


def test_a_refused_step_shows_its_message_and_changes_nothing(qtbot, demo_db, filed):
    card = open_card(qtbot, demo_db, filed["appeal"], "deputy_head")
    with demo_db.session() as session:
        appeals.register(session, filed["appeal"], FILED.replace(day=5))  # someone else was quicker
    card.take("register")
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)
    assert "next may come" in message_boxes()[0].text() or "forward" in message_boxes()[0].text()
    close_message_boxes()
    assert status_of(demo_db, filed["appeal"]) == "registered"


def test_the_tab_filters_by_status_and_kind_and_marks_overdue(qtbot, demo_db, filed):
    tab = AppealsTab(demo_db, listings.APPEALS)
    qtbot.addWidget(tab)
    tab.show()
    tab.ensure_loaded()
    wait_loaded(qtbot, tab)
    assert [c.key for c in listings.APPEALS.columns][:4] == ["act", "kind", "filed", "reg_number"]
    tab.status.setCurrentIndex(tab.status.findData("filed"))
    tab.kind.setCurrentIndex(tab.kind.findData("proactive"))
    wait_loaded(qtbot, tab)
    ids = [tab.model.row_id(row) for row in range(tab.model.rowCount())]
    assert filed["appeal"] in ids
    with demo_db.session() as session:
        kinds = set(session.scalars(select(m.Appeal.kind).where(m.Appeal.id.in_(ids))))
    assert kinds == {"proactive"}
    row = ids.index(filed["appeal"])
    assert tab.model.due_state(row) == "overdue"  # due 6 March 2025
    tab.grab().save("/tmp/appeals-tab-test.png")


def test_filing_from_the_window_as_the_department_and_refused_for_another_role(qtbot, demo_db):
    from ui.appeals.filing import FilingDialog

    case = prepare_signed_acts(demo_db, 1)[0]
    tab = AppealsTab(demo_db, listings.APPEALS)
    qtbot.addWidget(tab)
    tab.role.setCurrentIndex(tab.role.findData("committee"))
    dialog = tab.file_new()
    assert isinstance(dialog, FilingDialog)
    dialog.act.setText(case["number"])
    dialog.submit()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=TIMEOUT_MS)  # the Committee files nothing
    close_message_boxes()
    tab.role.setCurrentIndex(tab.role.findData("registrar"))
    dialog = tab.file_new()
    dialog.act.setText(case["number"])
    dialog.text.setPlainText("Не согласен")
    with qtbot.waitSignal(dialog.filed, timeout=TIMEOUT_MS) as filed:
        dialog.submit()
    assert filed.args[0]["status"] == "filed" and filed.args[0]["kind"] == "proactive"
    wait_idle(qtbot)


def test_a_control_reexamination_runs_to_its_app_26_protocol_in_the_window(qtbot, demo_db):
    from ui.printing import PreviewDialog

    case = prepare_signed_acts(demo_db, 1)[0]
    with demo_db.session() as session:
        opened = int(appeals.open_control(session, case["number"], "unreliable_documents", FILED)["id"])
    card = open_card(qtbot, demo_db, opened, "control_expert")
    assert set(card.buttons) == {"no_show", "conclude"} and not card.protocol_button.isVisible()
    assert case["surname"] in card.view.toPlainText()  # §73 is in person: the control department sees who
    card.buttons["no_show"].click()  # 4 March + 3 working days ran out long ago
    qtbot.waitUntil(lambda: status_of(demo_db, opened) == "suspended", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: card.loaded and card.protocol_button.isVisible(), timeout=TIMEOUT_MS)
    card.preview_protocol()
    qtbot.waitUntil(lambda: any(isinstance(w, PreviewDialog) and w.isVisible() for w in card.children()),
                    timeout=TIMEOUT_MS)
    for dialog in [w for w in card.children() if isinstance(w, PreviewDialog)]:
        dialog.close()
    wait_idle(qtbot)


def test_acting_as_follows_the_signed_in_role(qtbot, demo_db, filed):
    """With accounts the signed-in role acts on appeals: the deputy head is offered registering
    (§56) and the tab's choice shows that role and cannot be changed; the Committee specialist is
    offered nothing on a case that waits for registration."""
    from app.domain.permissions import Role
    from app.services import accounts

    accounts.add_signing_in_first(demo_db, "admin", Role.ADMIN, "admin-password-1")
    with demo_db.session() as session:
        for name, role in (("erlan", Role.DEPUTY_HEAD), ("saule", Role.COMMITTEE)):
            accounts.add(session, name, role, f"{name}-password-1")
    accounts.sign_in(demo_db, "erlan", "erlan-password-1")
    card = open_card(qtbot, demo_db, filed["appeal"], "committee")  # whatever the caller shows
    assert card.data["allowed"] == ["register"]
    tab = AppealsTab(demo_db, listings.APPEALS)
    qtbot.addWidget(tab)
    assert tab.acting_role == "deputy_head" and not tab.role.isEnabled()
    accounts.sign_in(demo_db, "saule", "saule-password-1")
    card = open_card(qtbot, demo_db, filed["appeal"], "deputy_head")
    assert card.data["allowed"] == []
