"""A department that starts from nothing, in the window (1024×768): after the welcome screen
the bar says what to do next, the head adds the staff one by one and from a list, and the bar
follows; and an expert signed in sees only their own My acts, blind to the others (§25.5)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from sqlalchemy import select

from app import models as m
from app.domain.iin import make_iin
from app.domain.permissions import NotOwnName, Role
from app.services import accounts, staff
from app.services.review import screen
from tests.review_case import conclusion, prepare_case

from .helpers import TIMEOUT_MS, wait_idle, wait_loaded
from .test_welcome import fill_form

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def screenshot(window, dialog, name: str) -> Path:
    """The window with ``dialog`` over it, as the user sees them, at the window's size."""
    picture = window.grab()
    painter = QPainter(picture)
    shot = dialog.grab()
    painter.drawPixmap((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2, shot)
    painter.end()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert picture.save(str(path))
    return path


def test_a_new_department_adds_its_staff_in_the_window(qtbot, open_window, db, tmp_path):
    window = open_window(db)
    window.resize(1024, 768)
    fill_form(window.welcome)
    window.welcome.user_name.setFocus()
    QTest.keyClick(window.welcome.user_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs is not None, timeout=TIMEOUT_MS)
    wait_loaded(qtbot, window.current_page())
    bar = window.staff_menu.next_steps
    qtbot.waitUntil(lambda: bar.steps == ["staff", "acts", "assign"], timeout=TIMEOUT_MS)
    assert bar.isVisible() and "Department staff" in bar.label.text()

    dialog = window.staff_menu.show_staff()
    form = dialog.ask_add()
    form.fields["last_name"].setText("Сәрсенбаева")
    form.fields["first_name"].setText("Әлия")
    form.fields["middle_name"].setText("Қайратқызы")
    form.fields["iin"].setText(make_iin(date(1974, 2, 11), "female", 311))
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT_MS):
        form.accept()
    qtbot.waitUntil(lambda: len(dialog.rows) == 1, timeout=TIMEOUT_MS)

    listed = tmp_path / "staff.csv"
    with listed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(staff.COLUMNS)
        writer.writerow(["specialist", "Жұмабеков", "Ерлан", "Серікұлы", make_iin(date(1981, 6, 2), "male", 412),
                         "", "", "1.7 9"])
        writer.writerow(["specialist", "Ким", "Ольга", "", make_iin(date(1988, 12, 30), "female", 513), "", "", ""])
    with qtbot.waitSignal(dialog.changed, timeout=TIMEOUT_MS):
        dialog.import_list(listed)
    qtbot.waitUntil(lambda: len(dialog.rows) == 3, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bar.steps == ["acts", "assign"], timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert [row["role"] for row in dialog.rows] == ["head", "specialist", "specialist"]
    path = screenshot(window, dialog, "new-department-staff-1024x768.png")
    assert path.stat().st_size > 10_000


def test_an_expert_s_own_my_acts_and_no_one_else_s(qtbot, open_window, demo_db):
    case = prepare_case(demo_db)
    with demo_db.session() as session:
        act = session.get(m.DraftAct, case["id"])
        from app.services.review import decisions

        decisions.submit(session, act, case["experts"][1], conclusion(), act.registered_at)
        kinds = {e: session.get(m.StaffMember, e).role for e in case["experts"]}
    role = {m.StaffRole.HEAD: Role.HEAD, m.StaffRole.SPECIALIST: Role.CHIEF_SPECIALIST,
            m.StaffRole.INDEPENDENT: Role.INDEPENDENT_EXPERT}[kinds[case["experts"][0]]]
    accounts.add_signing_in_first(demo_db, "admin", Role.ADMIN, "admin-password")
    with demo_db.session() as session:
        accounts.add(session, "aida", role, "aida-password", case["experts"][0])
    accounts.sign_in(demo_db, "aida", "aida-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=600_000)
    window.resize(1024, 768)
    dialog = window.review_menu.show_my_acts()  # no number to type: the signed-in expert's own
    assert dialog.expert_id == case["experts"][0]
    wait_loaded(qtbot, dialog.page)
    review = dialog.open_review(case["id"])
    qtbot.waitUntil(lambda: review.loaded, timeout=TIMEOUT_MS)
    others = [p for p in review.data["places"] if not p["own"]]
    assert len(others) == 2 and all(p["decision"] is None and p["hidden"] for p in others)  # §25.5
    review.close()
    wait_idle(qtbot)
    path = screenshot(window, dialog, "my-acts-signed-in-expert-1024x768.png")
    assert path.stat().st_size > 10_000
    with pytest.raises(NotOwnName), demo_db.session() as session:  # the screen asked as another expert
        screen.load(session, case["id"], case["experts"][1])
    with demo_db.session() as session:
        refused = session.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused")).all()
    assert refused and refused[-1].changes["requested_expert"] == case["experts"][1]
