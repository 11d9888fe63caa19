"""Sync in the window: the welcome screen connects an expert's laptop to a hub; the first
sync brings its acts into My acts; with the hub out of reach a decision made on the laptop waits
(the indicator counts it and says the sync failed), and goes out at the next sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app import models as m
from app.domain.clock import now_kz
from app.services.review import decisions, exchange
from app.sync import connection
from tests import hub_helpers as h
from tests.expert_laptop import busiest_expert, lawful_decision

from .helpers import TIMEOUT_MS, wait_idle
from .test_expert_workstation import set_up_expert


def _synced(qtbot, window) -> None:
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not window.sync.running, timeout=TIMEOUT_MS)
    wait_idle(qtbot)


def test_an_expert_laptop_set_up_against_the_hub_pulls_decides_offline_and_sends(qtbot, open_window, db, demo_db,
                                                                                  tmp_path):
    hub = h.RunningHub(demo_db)
    expert = busiest_expert(demo_db)
    with demo_db.session() as session:
        expected = exchange.export_for_expert(session, expert)
    token = hub.token("expert", expert_id=expert)
    window = open_window(db)
    welcome = window.welcome
    welcome.hub_box.setChecked(True)
    welcome.hub_url.setText(hub.url)
    welcome.hub_token.setText(token)
    set_up_expert(qtbot, window, expert)
    _synced(qtbot, window)
    assert connection.load(window.data_dir).url == hub.url
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == len(expected["acts"]), timeout=TIMEOUT_MS)
    assert window.sync.indicator.isVisible() and "never" not in window.sync.indicator.text()
    window.grab().save(str(tmp_path / "expert-synced.png"))

    port = int(hub.url.rsplit(":", 1)[1])
    hub.stop()                                                    # the network goes away
    entry = next(e for e in expected["acts"] if not e["decisions"])
    with db.session() as session:                                 # decided on the laptop
        act = decisions.act_by_number(session, entry["act"]["number"])
        made = decisions.submit(session, act, expert, lawful_decision(entry), now_kz(), confirm_warnings=True).uid
    window.sync.sync_now()
    _synced(qtbot, window)
    text = window.sync.indicator.text()
    assert "1 queued" in text and "failed" in text, text
    window.grab().save(str(tmp_path / "expert-offline.png"))

    hub = h.RunningHub(demo_db, port=port)                        # back online
    try:
        window.sync.sync_now()
        _synced(qtbot, window)
        assert h.decisions_with_uids(demo_db, [made]) == {made: 1}
        text = window.sync.indicator.text()
        assert "queued" not in text and "failed" not in text, text
    finally:
        hub.stop()


def test_the_hub_connection_dialog_keeps_the_address_and_the_token(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    dialog = window.sync.ask_connection()
    dialog.url.setText("http://127.0.0.1:9")
    dialog.token.setText("spt1_token")
    dialog.accept()
    wait_idle(qtbot)
    _synced(qtbot, window)
    assert connection.load(window.data_dir) == connection.HubConnection("http://127.0.0.1:9", "spt1_token")
    assert window.sync.indicator.isVisible() and "failed" in window.sync.indicator.text()
    with demo_db.session() as session:
        assert session.scalars(select(m.SyncState.last_error)).one()


def test_a_department_workstation_connected_to_the_hub_shows_what_the_hub_sent(qtbot, open_window, db, demo_db,
                                                                                 tmp_path):
    hub = h.RunningHub(demo_db)
    try:
        with demo_db.session() as session:
            department = session.scalars(select(m.Department.code).join(
                m.DraftAct, m.DraftAct.department_id == m.Department.id)).first()
            own = session.scalar(select(func.count()).select_from(m.DraftAct).join(m.Department).where(
                m.Department.code == department))
        window = open_window(db)
        welcome = window.welcome
        welcome.hub_box.setChecked(True)
        welcome.hub_url.setText(hub.url)
        welcome.hub_token.setText(hub.token("department", department=department))
        welcome.region.setCurrentIndex(welcome.region.findData(department[:2]))
        welcome.number.setValue(int(department[3:]))
        welcome.address.setText("Алматы, Абая 10")
        welcome.head_name.setText("Сәрсенбаева Әлия")
        welcome.user_name.setText("Иванов Пётр")
        qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.tabs is not None, timeout=TIMEOUT_MS)
        _synced(qtbot, window)
        window.select_tab("from_hub")
        page = window.pages["from_hub"]
        window.refresh()
        qtbot.waitUntil(lambda: page.model.rowCount() == own, timeout=TIMEOUT_MS)
        window.grab().save(str(tmp_path / "department-from-hub.png"))
    finally:
        hub.stop()
