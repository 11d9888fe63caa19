"""Sign-in in the window: a database without accounts says it is unprotected; with
accounts the window shows only what the role may do, locks after inactivity and comes back to
the same place; the administrator reads and verifies the audit trail; the welcome screen makes
the first administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app import models as m
from app.domain.permissions import Role
from app.services import access, accounts
from app.storage import Database

from .helpers import TIMEOUT_MS, wait_idle
from .test_welcome import fill_form

LOCK_MS = 60_000   # never runs out by itself during a test, however busy the machine


def protect(db: Database, *people: tuple[str, Role]) -> None:
    with db.session() as session:
        accounts.add(session, "admin", Role.ADMIN, "admin-password")
    accounts.sign_in(db, "admin", "admin-password")
    with db.session() as session:
        for name, role in people:
            accounts.add(session, name, role, f"{name}-password")
    accounts.sign_out(db)


def test_a_database_without_accounts_says_it_is_unprotected(open_window, demo_db):
    window = open_window(demo_db)
    assert window.access_label.objectName() == "accessWarning"
    assert window.access_label.text() == "Unprotected"
    assert "anyone at this computer" in window.access_label.toolTip()
    assert window.lock is None  # nothing to lock without accounts
    assert window.acts.import_files_action.isVisible() and window.audit_action.isVisible()


def test_the_window_shows_only_what_the_role_may_do(open_window, demo_db):
    protect(demo_db, ("marat", Role.INDEPENDENT_EXPERT))
    accounts.sign_in(demo_db, "marat", "marat-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=60_000)
    assert window.access_label.text() == "marat (independent expert)"
    assert not window.acts.import_files_action.isVisible()
    assert not window.audit_action.isVisible() and not window.export_action.isVisible()
    assert window.review_menu.my_acts.isVisible() and not window.review_menu.queue.isVisible()
    visible = [name for index, name in enumerate(window.pages) if window.tabs.isTabVisible(index)]
    assert visible == ["waiting"]  # the lists that name people are not shown to an independent expert


def test_the_window_locks_after_inactivity_and_comes_back_to_the_same_place(qtbot, open_window, demo_db):
    protect(demo_db, ("aigul", Role.HEAD))
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=LOCK_MS)
    assert window.access_label.text() == "aigul (department head)"
    window.select_tab("incoming")
    before = window.stack.currentWidget()
    window.lock.timer.start(1)   # the inactivity runs out now (a busy machine does not run out early)
    qtbot.waitUntil(lambda: window.lock.is_locked, timeout=TIMEOUT_MS)
    page = window.lock.page
    assert window.stack.currentWidget() is page and not window.menuBar().isEnabled()
    assert page.form.name.text() == "aigul" and page.form.name.isReadOnly()
    page.grab().save("/tmp/auth-locked.png")

    page.form.password.setText("wrong password")
    page.form.submit()
    wait_idle(qtbot)
    assert window.lock.is_locked and page.form.error_label.text() == "Wrong account name or password."

    page.form.password.setText("aigul-password")
    with qtbot.waitSignal(window.lock.unlocked, timeout=TIMEOUT_MS):
        page.form.submit()
    assert window.stack.currentWidget() is before and window.current_page() is window.pages["incoming"]
    assert window.menuBar().isEnabled()
    assert window.lock.timer.isActive()  # and counts again


def test_the_lock_screen_answers_an_unknown_name_as_an_account(qtbot, open_window, demo_db):
    """No enumeration in the window either: six wrong passwords under an account's name and under
    a name that is no account read the same, the lock at the fifth included."""
    import re
    protect(demo_db, ("aigul", Role.HEAD))
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=LOCK_MS)
    window.lock.timer.start(1)
    qtbot.waitUntil(lambda: window.lock.is_locked, timeout=TIMEOUT_MS)
    form = window.lock.page.form
    form.let_anyone_sign_in()
    answers = {}
    for name in ("aigul", "nobody-here"):
        answers[name] = []
        for _ in range(6):
            form.name.setText(name)
            form.password.setText("wrong password")
            form.submit()
            qtbot.waitUntil(form.button.isEnabled, timeout=TIMEOUT_MS)
            answers[name].append(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "TIME",
                                        form.error_label.text().replace(name, "NAME")))
    assert answers["aigul"][0] == "Wrong account name or password."
    assert "NAME is locked" in answers["aigul"][5]
    assert answers["nobody-here"] == answers["aigul"]


def test_activity_keeps_the_window_open(qtbot, open_window, demo_db):
    protect(demo_db, ("aigul", Role.HEAD))
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=LOCK_MS)
    for _ in range(4):
        window.lock.timer.stop()   # as if the count had run on (a busy machine's pace does not matter)
        qtbot.keyClick(window.current_page(), Qt.Key.Key_Down)
        assert window.lock.timer.isActive()   # a key press starts the count again
        assert window.lock.timer.remainingTime() > LOCK_MS // 2
    assert not window.lock.is_locked


def test_the_administrator_reads_filters_and_verifies_the_audit_trail(qtbot, open_window, demo_db):
    protect(demo_db)
    accounts.sign_in(demo_db, "admin", "admin-password")
    window = open_window(demo_db, lock_after_ms=60_000)
    assert window.audit_action.isVisible()
    dialog = window.show_audit()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=TIMEOUT_MS)
    dialog.user.setText("admin")
    dialog.load()
    wait_idle(qtbot)
    assert {row["user"] for row in dialog.rows} == {"admin"} and dialog.rows
    dialog.verify()
    qtbot.waitUntil(lambda: bool(dialog.verdict.text()), timeout=TIMEOUT_MS)
    assert dialog.verdict.text().startswith("The chain of ") and dialog.result["ok"] is True
    dialog.grab().save("/tmp/auth-audit.png")


def test_the_welcome_screen_creates_the_first_administrator(qtbot, open_window, db):
    window = open_window(db)
    welcome = window.welcome
    fill_form(welcome)
    welcome.admin_name.setText("admin")
    welcome.admin_password.setText("admin-password")
    welcome.admin_again.setText("admin-passwort")  # a typo in the second typing: nothing is created
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert welcome.error_label.text() == "The two passwords differ." and window.tabs is None
    welcome.admin_again.setText("admin-password")
    welcome.grab().save("/tmp/auth-welcome.png")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tabs is not None, timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert db.actor is not None and db.actor.role is Role.ADMIN
    assert window.access_label.toolTip() == "Signed in: admin (administrator)"
    assert window.lock is not None
    with db.session() as session:
        assert access.sign_in_on(session)
        assert session.scalar(select(m.Account.name)) == "admin"


def test_a_role_without_personal_data_sees_the_experts_copy_of_a_card(qtbot, open_window, demo_db):
    protect(demo_db, ("marat", Role.INDEPENDENT_EXPERT))
    accounts.sign_in(demo_db, "marat", "marat-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=60_000)
    with demo_db.session() as session:
        number = session.scalar(select(m.DraftAct.number).limit(1))
    card = window.acts.open_act(number)
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert card.card["department_view"] is None
    assert card.depersonalised.isChecked() and not card.depersonalised.isEnabled()
    with demo_db.session() as session:
        assert not session.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "view")).all()


def _applicant_card(qtbot, db):
    from ui.registry import RegistryCard
    with db.session() as session:
        application_id = session.scalar(select(m.RegistryApplication.id).where(
            m.RegistryApplication.status == m.ApplicationStatus.SUBMITTED).limit(1))
    card = RegistryCard(db, "application", application_id)
    qtbot.addWidget(card)
    with qtbot.waitSignal(card.loaded, timeout=TIMEOUT_MS):
        card.show()
    qtbot.wait(50)  # a layout shows a new button from the event loop
    return card


def test_registry_steps_are_shown_to_the_committee_and_hidden_from_a_head(qtbot, demo_db):
    protect(demo_db, ("aigul", Role.HEAD), ("saule", Role.COMMITTEE))
    accounts.sign_in(demo_db, "saule", "saule-password")
    card = _applicant_card(qtbot, demo_db)
    assert card.action_buttons and not any(button.isHidden() for button in card.action_buttons.values())
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    card = _applicant_card(qtbot, demo_db)
    assert card.action_buttons and all(button.isHidden() for button in card.action_buttons.values())
    assert all(button.isHidden() for button in card.absence_buttons.values())


def test_the_administrator_manages_accounts_in_the_window(qtbot, open_window, demo_db, tmp_path):
    window = open_window(demo_db, tab="waiting", lock_after_ms=60_000)
    dialog = window.show_accounts()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and not dialog.rows, timeout=TIMEOUT_MS)
    form = dialog.ask_add()
    form.name.setText("admin")
    form.password.setText("admin-password")
    form.again.setText("admin-password")
    with qtbot.waitSignal(dialog.first_administrator, timeout=TIMEOUT_MS):
        form.buttons.button(form.buttons.StandardButton.Ok).click()
    wait_idle(qtbot)
    assert demo_db.actor.role is Role.ADMIN and window.access_label.text() == "admin (administrator)"
    assert window.lock is not None and window.accounts_action.isVisible()

    form = dialog.ask_add()
    form.name.setText("aigul")
    form.role.setCurrentIndex(form.role.findData(Role.HEAD))
    qtbot.waitUntil(lambda: form.expert.count() > 0, timeout=TIMEOUT_MS)  # the heads of the staff list
    head = form.expert.itemData(0)
    form.password.setText("aigul-password")
    form.again.setText("another")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    assert form.isVisible() and form.error_label.text() == "The two passwords differ."
    form.again.setText("aigul-password")
    form.buttons.button(form.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: len(dialog.rows) == 2, timeout=TIMEOUT_MS)
    dialog.table.selectRow([r["name"] for r in dialog.rows].index("aigul"))
    dialog.disable()
    qtbot.waitUntil(lambda: any(r["name"] == "aigul" and r["disabled"] for r in dialog.rows), timeout=TIMEOUT_MS)
    assert dialog.grab().save(str(tmp_path / "accounts.png"))
    assert [(r["name"], r["role"], r["expert"], r["disabled"]) for r in dialog.rows] == [
        ("admin", "admin", None, False), ("aigul", "head", head, True)]



def test_the_program_asks_for_an_account_on_a_protected_database(data_dir, tmp_path):
    import os
    import subprocess
    import sys
    db = Database.open(data_dir=data_dir)
    protect(db)
    db.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "shot.png"
    command = [sys.executable, "-m", "ui", "--data-dir", str(data_dir), "--lang", "en", "--screenshot", str(shot)]
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "give --user NAME" in refused.stderr and not shot.exists()
    signed = subprocess.run([*command, "--user", "admin"], env=env | {"SARAPTAMA_PASSWORD": "admin-password"},
                            capture_output=True, text=True, timeout=120)
    assert signed.returncode == 0, signed.stderr
    assert shot.exists()


def test_sign_out_lets_another_person_sign_in_and_shows_their_role(qtbot, open_window, demo_db, monkeypatch):
    """File → Sign out: an open window of the first person closes after a question; the next
    person signs in on the same window and sees what their role may do; the form offers the language."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    protect(demo_db, ("aigul", Role.HEAD), ("marat", Role.INDEPENDENT_EXPERT))
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=60_000)
    assert window.sign_out_action.isVisible()
    left_open = QDialog(window)
    left_open.show()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.No)
    assert not window.sign_out() and left_open.isVisible() and demo_db.actor.name == "aigul"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.Yes)
    assert window.sign_out()
    assert len(asked) == 2 and not left_open.isVisible() and demo_db.actor is None
    page = window.lock.page
    assert not page.form.name.isReadOnly() and page.form.name.text() == ""
    assert page.form.language.count() == 3
    page.form.name.setText("marat")
    page.form.password.setText("marat-password")
    with qtbot.waitSignal(window.lock.switched, timeout=TIMEOUT_MS):
        page.form.submit()
    assert window.access_label.text() == "marat (independent expert)"
    assert not window.review_menu.queue.isVisible() and window.review_menu.my_acts.isVisible()


def test_a_head_sees_the_accounts_the_administrator_added(qtbot, open_window, demo_db):
    """Separation of duties (docs/admin-guide.md): an account the administrator adds reaches the
    heads' window; the administrator sees no such notice of their own work."""
    protect(demo_db, ("aigul", Role.HEAD), ("nurlan", Role.HEAD))
    accounts.sign_in(demo_db, "aigul", "aigul-password")
    window = open_window(demo_db, tab="waiting", lock_after_ms=60_000)
    qtbot.waitUntil(lambda: window.notices.isVisible(), timeout=TIMEOUT_MS)
    assert {n["account"] for n in window.notices.notices} >= {"aigul", "nurlan"}
    assert "nurlan added by admin" in window.notices.toolTip()


SIGN_IN_AT_START = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from sqlalchemy.engine import Engine
import ui.main as main

statements = []
event.listen(Engine, "before_cursor_execute", lambda *a: statements.append(a[2].lower()))
PERSONAL = ("person", "draft_act", "staff_member", "registry_application", "appeal", "conclusion")

def shown(dialog, loaded):
    windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    personal = [s for s in statements if any(f'"{t}"' in s or f" {t} " in s or f" {t}\\n" in s for t in PERSONAL)]
    print("shown loaded", *loaded, "windows", len(windows), "personal", len(personal), flush=True)
    form = dialog.form
    form.name.setText("marat")
    form.password.setText("wrong-password")
    form.submit()
    def refused():
        if not form.error_label.isVisible():
            return QTimer.singleShot(20, refused)
        print("refused", len([w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]),
              flush=True)
        form.password.setText("marat-password")
        form.submit()
    refused()

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and type(watched).__name__ == "SignInDialog":
            loaded = [m for m in ("app.models", "sqlalchemy.orm", "app.services.accounts", "ui.acts")
                      if m in sys.modules]  # as the form is shown
            QTimer.singleShot(0, lambda: shown(watched, loaded))
        if event.type() == QEvent.Type.Show and type(watched).__name__ == "MainWindow":
            watched.ready.connect(lambda: (print("window", *[name for index, name in enumerate(watched.pages)
                                                             if watched.tabs.isTabVisible(index)], flush=True),
                                           QApplication.instance().exit(0)))
        return False

sys.exit(main.main(["--data-dir", sys.argv[1], "--lang", "en", "--tab", sys.argv[2]], watch=Watch()))
"""


def test_the_sign_in_form_comes_before_the_models_and_any_personal_data(demo_data_dir):
    """On a database with accounts the program's start shows the sign-in form before the models
    and the window's parts are loaded, having read nothing but the setting that sign-in is on; a
    wrong password opens nothing; the window then shows only what the role may see."""
    import subprocess
    import sys
    db = Database.open(data_dir=demo_data_dir)
    protect(db, ("marat", Role.INDEPENDENT_EXPERT))
    db.close()
    done = subprocess.run([sys.executable, "-c", SIGN_IN_AT_START, str(demo_data_dir), "registry"],
                          capture_output=True, text=True, timeout=180,
                          env=dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen"))
    lines = done.stdout.splitlines()
    assert lines == ["shown loaded windows 0 personal 0", "refused 0", "window waiting"], done.stdout + done.stderr
