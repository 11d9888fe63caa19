"""The main window: the four lists as tabs (or the welcome page on a first start), menus and a
status bar, all switching language live."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from app import i18n
from app.domain.permissions import ROLE_NAMES
from app.i18n import gettext as _
from app.domain.settings import LOCK_MINUTES
from app.services import listings
from app.storage import Database, default_data_dir
from app.version import program_version

from . import access, language
from .listing_page import ListingPage
from . import settings
from .tasks import in_session, run_task
from .widgets import CaptionValueLabel, ElidedLabel, fit_to_screen

if TYPE_CHECKING:
    from .access.accounts_dialog import AccountsDialog
    from .access.audit_view import AuditDialog
    from .access.lock import InactivityLock
    from .calendar_dialog import CalendarDialog
    from .first_rows import FirstRows
    from .help import HelpDialog
    from .review.expert_workstation import ExpertWorkstation
    from .welcome import WelcomePage

# The window's parts (menus of the acts, review, printing, sync, signing and staff, and the tabs
# that are no plain list) are imported when the window adds them: on a quick start after its
# first rows are painted (``MainWindow(first_rows=...)``, ``ui.first_rows``).
PARTS = ("app.services.workstation", "app.services.accounts", "app.services.export", "app.services.review.laptop",
         "app.sync.receive", "ui.access.accounts_dialog", "ui.access.audit_view", "ui.access.lock",
         "ui.access.notices", "ui.acts", "ui.appeals", "ui.calendar_dialog", "ui.help", "ui.printing.menu",
         "ui.registry.card", "ui.review.expert_workstation", "ui.review.menu", "ui.signing", "ui.statistics",
         "ui.sync_part", "ui.staff", "ui.welcome")

# what a role needs to see a tab: the lists that name people need the personal-data action
TAB_ACTIONS = {"registry": ("acts.view_personal",), "incoming": ("acts.view_personal",),
               "appeals": ("acts.view_personal",), "applicants": ("registry.apply",),
               "staff": ("experts.absences", "registry.apply"), "statistics": ("stats.view",)}
PREFERRED_SIZE = QSize(1280, 760)
CALENDAR_SIZE = QSize(1100, 760)


def import_parts() -> None:
    """Imports the window's parts (``PARTS``) and configures the models' mappers (on the worker)."""
    import importlib

    from sqlalchemy.orm import configure_mappers

    for name in PARTS:
        importlib.import_module(name)
    configure_mappers()


class StatusBarInfo:
    """The status bar's permanent fields: department, user, which acts are shown, and counts.
    Captions give way (elided) on a narrow screen; numbers never do."""

    KEYS = ("department", "view", "waiting", "under_review", "appeals", "overdue")  # fits 1024 px in kk and ru

    def __init__(self, window: QMainWindow):
        self._summary: dict | None = None
        self._expert: dict | None = None  # an expert's workstation: ``laptop.summary``
        self._all_departments = False
        self.scope_shown = False  # the tabs' corner already says whose acts are shown
        self._labels = {key: CaptionValueLabel(window, whole=key not in ("department", "view")) for key in self.KEYS}
        bar = window.statusBar()
        # A temporary message takes the place of the department and view fields, elided, never
        # over the counts (QStatusBar's own message paints across the whole bar).
        self.message = ElidedLabel(window, objectName="status_message")
        self.message.hide()
        self._message_timer = QTimer(window, singleShot=True, timeout=self.clear_message)
        bar.addWidget(self.message, 1)
        for key, label in self._labels.items():
            label.setObjectName(f"status_{key}")
            bar.addWidget(label) if key in ("department", "view") else bar.addPermanentWidget(label)

    def show_message(self, text: str, timeout_ms: int = 10_000) -> None:
        self.message.setText(text)
        self.message.show()
        for key in ("department", "view"):
            self._labels[key].hide()
        self._message_timer.start(timeout_ms)

    def clear_message(self) -> None:
        self.message.hide()
        self.message.setText("")
        self.retranslate()

    def show_summary(self, summary: dict | None) -> None:
        self._summary = summary
        self.retranslate()

    def show_view(self, all_departments: bool) -> None:
        self._all_departments = all_departments
        self.retranslate()

    def text(self, key: str) -> str:
        return self._labels[key].text()

    def label(self, key: str) -> CaptionValueLabel:
        return self._labels[key]

    def show_expert(self, summary: dict) -> None:
        self._expert = summary
        self.retranslate()

    def _retranslate_expert(self) -> None:
        """An expert's workstation: who, their open acts, due today, overdue, decisions not yet sent."""
        summary = self._expert
        user = f" · {summary['user']}" if summary["user"] else ""
        self._labels["department"].set_parts(_("Expert No.:"), f"{summary['expert_id']}{user}")
        self._labels["view"].set_parts("", _("My acts"))
        for key, caption, value in (("waiting", _("To decide:"), "open"),
                                    ("under_review", _("Due today:"), "due_today"),
                                    ("appeals", _("Not yet sent:"), "unsent"), ("overdue", _("Overdue:"), "overdue")):
            self._labels[key].set_parts(caption, language.format_number(summary[value]))
        for key, label in self._labels.items():
            label.setVisible(key not in ("department", "view") or not self.message.isVisible())

    def retranslate(self) -> None:
        if self._expert is not None:
            self._retranslate_expert()
            return
        summary = self._summary
        for label in self._labels.values():
            label.setVisible(summary is not None and not self.message.isVisible())
        self._labels["view"].setVisible(summary is not None and not self.scope_shown and not self.message.isVisible())
        if summary is None:
            return
        department = summary["department"]
        user = f" · {shown_user(summary['user'])}" if summary["user"] else ""
        self._labels["department"].set_parts(_("Department:"), (department or _("not set")) + user)
        self._labels["view"].set_parts("", _("Acts of all departments") if self._all_departments or not department
                                       else _("Acts of own department"))
        counts = {
            "waiting": _("Waiting:"),
            "under_review": _("Under review:"),
            "appeals": _("Open appeals:"),
            "overdue": _("Overdue:"),
        }
        for key, caption in counts.items():
            self._labels[key].set_parts(caption, language.format_number(summary[key]))


CHANGES_DELAY_MS = 150
QUIET_TABLES = frozenset({"audit_entry", "audit_head", "setting"})  # written by every step or by preferences


def shown_user(name: str) -> str:
    """The workstation's user; the demonstration's in the reader's language."""
    from app.services import workstation

    return _(workstation.DEMO_USER) if name in (workstation.DEMO_USER, "Демо") else name


def page_kind(name: str):
    """The page of a tab: the registry's and the appeals' hold more than one list; the others a ``ListingPage``."""
    if name == "registry":
        from .registry import RegistryTab
        return RegistryTab
    if name == "appeals":
        from .appeals import AppealsTab
        return AppealsTab
    return ListingPage


def _listen(db: Database, window: MainWindow):
    """Tells ``window`` (through its queued signal, from whichever thread committed) what each unit of
    work of ``db`` wrote; returns what stops it.  A closed window is not kept alive by it."""
    ref = weakref.ref(window)

    def committed(tables: frozenset[str]) -> None:
        target = ref()
        if target is not None:
            try:
                target.database_changed.emit(tables)
            except RuntimeError:  # the window's Qt side is gone
                pass
    return db.on_change(committed)


class MainWindow(QMainWindow):
    """``ready`` is emitted once what the window first shows is complete: the welcome form with
    its regions, or the rows of the current tab.

    With ``first_rows`` (a quick start, ``ui.first_rows``) the window shows only the rows of the list
    it opens on, read before the models are declared, and ``first_rows_painted`` is emitted once
    they are on the screen; ``complete()`` then adds the window's parts and its other tabs."""

    ready = Signal()
    first_rows_painted = Signal()
    row_opened = Signal(str, int)  # list name and row id: Enter on a row opens its card (ui/acts)
    exported = Signal(dict)  # File → Export wrote a file: {"list", "file", "format", "rows"}
    database_changed = Signal(object)  # the tables a committed unit of work wrote (from the worker's thread)

    def __init__(self, db: Database, *, data_dir: Path | None = None, tab: str | None = None,
                 demo: bool = False, lock_after_ms: int | None = None, parent: QWidget | None = None,
                 first_rows: FirstRows | None = None):
        super().__init__(parent)
        self.db = db
        self.gates = access.Gates()
        self.lock: InactivityLock | None = None
        self._lock_after_ms = lock_after_ms
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.demo = demo
        self._initial_tab = tab
        self._ready_sent = False
        self.welcome: WelcomePage | None = None
        self.tabs: QTabWidget | None = None
        self.pages: dict[str, ListingPage] = {}
        self.own_department_id: int | None = None
        self.scope: QComboBox | None = None
        self.expert_id: int | None = None  # set when this workstation serves one expert
        self.expert_part: ExpertWorkstation | None = None
        self._parts_asked_for = first_rows is None  # the window's parts are added, or being added
        self._changes_timer = QTimer(self, singleShot=True, interval=CHANGES_DELAY_MS, timeout=self._reload_changed)
        self.database_changed.connect(self._note_changes)
        self._stop_listening = _listen(db, self)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.access_label = QLabel(self, objectName="accessStatus")
        self.statusBar().addWidget(self.access_label)
        self.status = StatusBarInfo(self)
        self._create_menus()
        if first_rows is None:
            self._add_parts()
        else:
            self._show_first_rows(first_rows)

    def _add_parts(self) -> None:
        from app.services import workstation

        from .access.notices import NoticesLabel
        from .acts import ActsPart
        from .printing.menu import PrintingActions
        from .review.menu import ReviewMenu
        from .signing import SigningMenu
        from .staff import StaffMenu
        from .sync_part import SyncPart

        self.printing = PrintingActions(self)
        self.acts = ActsPart(self)  # import of referrals, act and expert cards (ui/acts)
        self.review_menu = ReviewMenu(self)  # the review: My acts, signature queue, App 16, automatic steps
        self.sync = SyncPart(self)  # sync: sync with the hub, its indicator and background sync
        self.signing_menu = SigningMenu(self)  # signatures: verify a signed PDF, how this workstation signs
        self.staff_menu = StaffMenu(self)  # the department's staff, and what a new department does next
        self.notices = NoticesLabel(self)  # the heads see the administrator's work on accounts and backups
        self._gate_actions()
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.signed_in()
        run_task(in_session, self.db, workstation.startup, on_done=self._setup_checked, parent=self)

    # -- a quick start: the first rows, then the rest ----------------------------------------------
    def _show_first_rows(self, first_rows: FirstRows) -> None:
        """The tab the window opens on, its rows read on a bare connection (``first_rows.reader``);
        the menus wait for their parts (``complete``)."""
        self.menuBar().setEnabled(False)
        self.setWindowTitle(_("Saraptama"))
        self._retranslate_menus()
        self._retranslate_access()  # "Unprotected": a quick start is only made where nobody signs in
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        listing = listings.LISTINGS[first_rows.tab]
        page = page_kind(first_rows.tab)(first_rows.reader(self.db), listing, self.tabs)
        if hasattr(page, "hold_steps"):  # the registry's cards and steps wait for the models
            page.hold_steps()
        self.pages = {first_rows.tab: page}
        self._first_page: ListingPage | None = page
        self.tabs.addTab(page, _(listing.title))
        self.stack.addWidget(self.tabs)
        page.model.set_department(first_rows.department_id)
        page.model.loaded.connect(self._first_rows_loaded)
        page.ensure_loaded()

    def _first_rows_loaded(self) -> None:
        page = self.current_page()
        page.model.loaded.disconnect(self._first_rows_loaded)
        page.table.viewport().repaint()  # on the screen now, not at the next turn of the event loop
        self.first_rows_painted.emit()

    def complete(self, on_done=None) -> None:
        """Adds the window's parts after a quick start: their modules (and the models) are imported
        on the worker, so the window answers meanwhile; then the parts are made here."""
        if self._parts_asked_for:
            return
        self._parts_asked_for = True

        def add_parts(_result=None) -> None:
            self.menuBar().setEnabled(True)
            self._first_page.read_from(self.db)  # its units of work are the ORM's from now on
            self._add_parts()
            if on_done is not None:
                on_done()
        run_task(import_parts, on_done=add_parts, parent=self)

    # -- menus --------------------------------------------------------------------------------------
    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh),
                                      triggered=lambda: self.refresh(), enabled=False)
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit),
                                   triggered=self.close)
        self.file_menu.addAction(self.refresh_action)
        self.export_action = QAction(self, triggered=self.ask_export, enabled=False)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.sign_out_action = QAction(self, triggered=self.sign_out, visible=False)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.find_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find),
                                   triggered=self.focus_filter, enabled=False)
        self.fit_columns_action = QAction(self, triggered=self.fit_columns, enabled=False)
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.fit_columns_action)
        self._create_tab_shortcuts()

        self.settings_menu = bar.addMenu("")
        self.calendar_action = QAction(self, triggered=self.show_calendar)
        self.settings_menu.addAction(self.calendar_action)
        self.audit_action = QAction(self, triggered=self.show_audit)
        self.settings_menu.addAction(self.audit_action)
        self.accounts_action = QAction(self, triggered=self.show_accounts)
        self.settings_menu.addAction(self.accounts_action)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for lang in i18n.LANGUAGES:
            action = QAction(language.LANGUAGE_NAMES[lang], self, checkable=True)
            action.triggered.connect(lambda _checked=False, lang=lang: self.choose_language(lang))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action

        self.help_menu = bar.addMenu("")
        self.help_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents),
                                   triggered=lambda: self.show_help())
        self.help_menu.addAction(self.help_action)
        self.help_menu.addSeparator()
        self.about_action = QAction(self, triggered=self.show_about)
        self.about_qt_action = QAction(self, triggered=QApplication.aboutQt)
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def add_file_actions(self, *actions: QAction) -> None:
        """A part's actions in the File menu, above Refresh, with a separator after them."""
        for action in actions:
            self.file_menu.insertAction(self.refresh_action, action)
        self.file_menu.insertSeparator(self.refresh_action)

    def _create_tab_shortcuts(self) -> None:
        """Ctrl+Tab and Ctrl+PgDown: next tab; Ctrl+Shift+Tab and Ctrl+PgUp: previous; Alt+1…4: that tab."""
        steps = {1: ("Ctrl+Tab", "Ctrl+PgDown"), -1: ("Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp")}
        for step, keys in steps.items():
            action = QAction(self, triggered=lambda _checked=False, step=step: self.step_tab(step))
            action.setShortcuts([QKeySequence(key) for key in keys])
            self.addAction(action)
        for number in range(1, len(listings.LISTINGS) + 1):
            action = QAction(self, shortcut=QKeySequence(f"Alt+{number}"),
                             triggered=lambda _checked=False, index=number - 1: self.select_tab_index(index))
            self.addAction(action)

    def step_tab(self, step: int) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def select_tab_index(self, index: int) -> None:
        if self.tabs is not None and index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def focus_filter(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_filter()

    def fit_columns(self) -> None:
        """Forgets the widths set by hand on the current tab and fits its columns to the window."""
        page = self.current_page()
        if page is not None:
            page.forget_widths()

    def ask_export(self) -> None:
        """File → Export: the list shown, as filtered and sorted, to an .xlsx or .csv file."""
        page = self.current_page()
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the list"), str(Path.home() / f"{page.listing.name}.xlsx"),
            _("Excel workbook (*.xlsx);;CSV, semicolons (*.csv)"))
        if path:
            self.export_list(Path(path))

    def export_list(self, path: Path) -> None:
        page = self.current_page()
        if hasattr(page, "export_to"):  # a tab of figures writes its own tables (ui/statistics)
            return page.export_to(path)
        from app.services import export

        run_task(in_session, self.db, export.export, page.listing.name, path, options=page.model.query_options(),
                 on_done=self._exported, parent=self)

    def _exported(self, result: dict) -> None:
        self.status.show_message(_("{rows} rows written to {file}").format(
            rows=language.format_number(result["rows"]), file=result["file"]), 10_000)
        self.exported.emit(result)

    def show_calendar(self) -> CalendarDialog:
        """The production calendar; changes move open due dates, so the lists are read again."""
        from .calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(dialog, CALENDAR_SIZE)
        dialog.open()
        return dialog

    def show_audit(self) -> AuditDialog:
        """The administrator's view of the audit trail."""
        from .access.audit_view import AuditDialog

        dialog = AuditDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_accounts(self) -> AccountsDialog:
        """The administrator's accounts: add, disable, a new password."""
        from .access.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.first_administrator.connect(self.signed_in)
        dialog.open()
        return dialog

    # -- who is signed in -------------------------------------------------------------------------
    def _gate_actions(self) -> None:
        gates = (
            (self.export_action, "lists.export"), (self.audit_action, "audit.view"),
            (self.accounts_action, "users.manage"),
            (self.printing.print_list, "lists.export"), (self.printing.print_journal, "documents.print"),
            (self.acts.import_files_action, "acts.intake"), (self.acts.import_folder_action, "acts.intake"),
            (self.acts.lookups_action, "acts.intake"), (self.review_menu.my_acts, "acts.review"),
            (self.review_menu.queue, "acts.sign"), (self.review_menu.in_person, "acts.in_person"),
            (self.staff_menu.action, "staff.manage"),
            (self.review_menu.export_acts, "acts.export_for_expert"),
            (self.review_menu.import_decisions, "acts.import_decisions"),
            (self.review_menu.outbox, "acts.view_personal"))
        for item, action in gates:
            self.gates.add(item, action)

    def signed_in(self) -> None:
        """Shows what the signed-in role may do, and starts the lock after inactivity (only on a
        database with accounts)."""
        self.gates.apply(self.db)
        self.sign_out_action.setVisible(access.protected(self.db))
        self.notices.refresh()
        if hasattr(self.pages.get("appeals"), "follow_sign_in"):
            self.pages["appeals"].follow_sign_in()
        self._apply_tab_access()
        if not self.review_menu_allowed():
            self.review_menu.timer.stop()
        self._retranslate_access()
        if access.protected(self.db) and self.lock is None:
            if self._lock_after_ms is not None:
                self._start_lock(None)
            else:
                from app.services import workstation

                run_task(in_session, self.db, workstation.get_setting, LOCK_MINUTES, on_done=self._start_lock,
                         parent=self)

    def sign_out(self) -> bool:
        """File → Sign out: the open windows close (asked first when any is open), the window
        shows the sign-in form, and the next person signs in with what their role may do."""
        from app.services import accounts

        from .access.lock import ask_to_close_windows

        if self.lock is None:
            return False
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self]
        if others and not ask_to_close_windows(self):
            return False
        for widget in others:
            widget.close()
        accounts.sign_out(self.db)
        self.lock.lock(anyone=True)
        return True

    def review_menu_allowed(self) -> bool:
        return access.allows(self.db, "acts.tick")

    def _start_lock(self, minutes: int | None) -> None:
        from .access.lock import InactivityLock

        if self.lock is not None:
            return
        if self._lock_after_ms is None:
            self._lock_after_ms = (minutes or LOCK_MINUTES.default) * 60_000
        self.lock = InactivityLock(self, self._lock_after_ms)
        self.lock.switched.connect(self.signed_in)

    def _apply_tab_access(self) -> None:
        if self.tabs is None:
            return
        for index, name in enumerate(self.pages):
            needed = TAB_ACTIONS.get(name, ())
            self.tabs.setTabVisible(index, not needed or any(access.allows(self.db, a) for a in needed))
        if not self.tabs.isTabVisible(self.tabs.currentIndex()):
            visible = [i for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]
            if visible:
                self.tabs.setCurrentIndex(visible[0])
        registry = self.pages.get("registry")
        for button, action in (("new_application", "registry.apply"), ("tick", "registry.tick")):
            if registry is not None and hasattr(registry, button):
                getattr(registry, button).setVisible(access.allows(self.db, action))

    def _retranslate_access(self) -> None:
        label = self.access_label
        if access.protected(self.db):
            actor = self.db.actor
            label.setText(f"{actor.name} ({_(ROLE_NAMES[actor.role])})")
            label.setToolTip(_("Signed in: {name} ({role})").format(name=actor.name, role=_(ROLE_NAMES[actor.role])))
            label.setObjectName("accessStatus")
        else:
            label.setText(_("Unprotected"))
            label.setToolTip(_("This database has no accounts: anyone at this computer can see and change "
                               "everything. Create the first administrator to switch sign-in on."))
            label.setObjectName("accessWarning")
        label.style().unpolish(label)
        label.style().polish(label)

    def choose_language(self, lang: str) -> None:
        settings.choose_language(lang)

    def show_help(self, topic: str | None = None) -> HelpDialog:
        """The user guide at the page of the tab shown (F1), or at ``topic``."""
        from .help import HELP_SIZE, HelpDialog

        if topic is None:
            page = self.current_page() if self.welcome is None else None
            topic = page.listing.name if page is not None else "index"
        dialog = HelpDialog(topic, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(dialog, HELP_SIZE)
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, _("About Saraptama"),
                          _("Saraptama {version}").format(version=program_version()),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(_("Proactive medical-social expertise for the MSE departments of Kazakhstan."))
        box.open()
        return box

    def retranslate(self) -> None:
        title = _("Saraptama — demonstration database") if self.demo else _("Saraptama")
        if self.expert_id is not None:
            title = _("Saraptama — expert's workstation")
        self.setWindowTitle(title)
        self.printing.retranslate()
        self._retranslate_menus()
        if self.scope is not None:
            self.scope.setItemText(0, _("Own department"))
            self.scope.setItemText(1, _("All departments"))
            self.scope.setToolTip(_("Whose draft acts and appeals the lists show"))
        if self.tabs is not None:
            for index, (name, page) in enumerate(self.pages.items()):
                self.tabs.setTabText(index, _((listings.LISTINGS.get(name) or page.listing).title))
        self.status.retranslate()
        if hasattr(self, "gates"):
            self._retranslate_access()

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.refresh_action.setText(_("&Refresh"))
        self.export_action.setText(_("&Export the list…"))
        self.quit_action.setText(_("&Quit"))
        self.sign_out_action.setText(_("Sign &out"))
        self.view_menu.setTitle(_("&View"))
        self.find_action.setText(_("&Filter the list"))
        self.fit_columns_action.setText(_("Fit &columns to the window"))
        self.settings_menu.setTitle(_("&Settings"))
        self.calendar_action.setText(_("Production &calendar…"))
        self.audit_action.setText(_("&Audit trail…"))
        self.accounts_action.setText(_("Acc&ounts…"))
        self.language_menu.setTitle(_("&Language"))
        self.language_actions[i18n.current_language()].setChecked(True)
        self.help_menu.setTitle(_("&Help"))
        self.help_action.setText(_("&User guide"))
        self.about_action.setText(_("&About Saraptama"))
        self.about_qt_action.setText(_("About &Qt"))

    # -- what the window shows ------------------------------------------------------------------------
    def _setup_checked(self, state: dict) -> None:
        if state["needs_setup"]:
            self.show_welcome()
        elif state["expert_id"] is not None:
            self.show_expert_view(state["expert_id"])
        else:
            self.show_tabs()

    def show_welcome(self) -> None:
        from .welcome import WelcomePage

        self.welcome = WelcomePage(self.db, self.data_dir, self)
        self.welcome.department_created.connect(self._department_created)
        self.welcome.expert_created.connect(self.show_expert_view)
        self.welcome.demo_opened.connect(self.use_demo_database)
        self.welcome.ready.connect(self._send_ready)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)

    def _department_created(self) -> None:
        self.show_tabs()
        self.signed_in()  # the first administrator, when the welcome screen made one

    def use_demo_database(self, db: Database) -> None:
        previous, self.db = self.db, db
        run_task(previous.close)  # after anything still queued for it
        self.demo = True
        self.retranslate()
        self.show_tabs()

    def show_tabs(self) -> None:
        from app.sync import receive

        from .statistics import StatisticsTab

        first = dict(self.pages) if self.tabs is not None else {}  # a quick start's page, kept as it is
        if self.tabs is None:
            self.tabs = QTabWidget(self)
            self.tabs.setDocumentMode(True)
        self.pages = {name: first.get(name) or page_kind(name)(self.db, listing, self.tabs)
                      for name, listing in listings.LISTINGS.items()}
        if self.sync.connected:  # sync: what the hub sends a department (or the Committee)
            self.pages["from_hub"] = ListingPage(self.db, receive.hub_listing(), self.tabs)
        self.pages["statistics"] = StatisticsTab(self.db, self.tabs)  # figures, not a list (ui/statistics)
        for index, (name, page) in enumerate(self.pages.items()):
            if name not in first:
                self.tabs.insertTab(index, page, "")
            page.model.settled.connect(self._page_settled)
            page.row_opened.connect(lambda row_id, name=name: self.row_opened.emit(name, row_id))
        self.scope = QComboBox(self.tabs)
        self.scope.setObjectName("scopeSwitch")
        self.scope.addItems(["", ""])
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope.setEnabled(False)  # until this workstation's department is known
        self.tabs.setCornerWidget(self.scope, Qt.Corner.TopRightCorner)
        self.status.scope_shown = True
        self._replace_welcome()
        if self._initial_tab in self.pages:
            self.tabs.setCurrentWidget(self.pages[self._initial_tab])
        for action in (self.refresh_action, self.find_action, self.fit_columns_action, self.export_action):
            action.setEnabled(True)
        self.printing.tabs_shown()
        self.acts.attach(self.pages)
        self._apply_tab_access()
        self.retranslate()
        run_task(in_session, self.db, listings.own_department_id, on_done=self._start_lists, parent=self)
        self.staff_menu.next_steps.refresh()
        self.sync.sync_now()

    def _replace_welcome(self) -> None:
        """The tabs take the welcome page's place."""
        if self.stack.indexOf(self.tabs) < 0:
            self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None

    def show_expert_view(self, expert_id: int) -> None:
        """One expert's workstation (§25.2): only My acts, whose rows open the review screen; no
        department tabs, no department printing, no intake, no department review steps."""
        from .review.expert_workstation import ExpertWorkstation, my_acts

        self.expert_id = expert_id
        self.expert_part = ExpertWorkstation(self, expert_id)
        for action in (self.printing.print_list, self.printing.print_journal, self.printing.check,
                       self.acts.import_files_action, self.acts.import_folder_action, self.acts.lookups_action,
                       self.export_action, self.staff_menu.action):  # the department's lists and papers
            action.setVisible(False)
        self.review_menu.for_expert()
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        page = ListingPage(self.db, my_acts(expert_id), self.tabs)
        self.pages = {"my_acts": page}
        self.tabs.addTab(page, "")
        page.model.settled.connect(self._page_settled)
        page.row_opened.connect(lambda row_id: self.row_opened.emit("my_acts", row_id))
        self._replace_welcome()
        for action in (self.refresh_action, self.find_action, self.fit_columns_action):
            action.setEnabled(True)
        self.retranslate()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed()
        self.refresh_summary()
        self.sync.sync_now()

    def _start_lists(self, department_id: int | None) -> None:
        """A department's workstation shows its own department's acts first."""
        self.own_department_id = department_id
        self.scope.setEnabled(department_id is not None)
        self.scope.setCurrentIndex(0 if department_id is not None else 1)
        self._apply_scope()
        self.scope.currentIndexChanged.connect(self._apply_scope)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._tab_changed()

    @property
    def all_departments(self) -> bool:
        return self.scope is None or self.scope.currentIndex() == 1 or self.own_department_id is None

    def show_all_departments(self, shown: bool) -> None:
        self.scope.setCurrentIndex(1 if shown else 0)

    def _apply_scope(self) -> None:
        department_id = None if self.all_departments else self.own_department_id
        for page in self.pages.values():
            page.model.set_department(department_id)
        self.status.show_view(self.all_departments)
        self.refresh_summary()

    def current_page(self) -> ListingPage | None:
        return self.tabs.currentWidget() if self.tabs is not None else None

    def select_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.pages[name])

    def _tab_changed(self) -> None:
        self.current_page().ensure_loaded()
        self._page_settled()  # a quick start's page settled before the window listened

    def _page_settled(self) -> None:
        page = self.current_page()
        if page is not None and page.loaded:
            self._send_ready()

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            # What the start made (modules, classes, the window's widgets) lives as long as the
            # program: Python's cycle collector no longer walks it.  A full collection over it
            # held the window 0.1–0.3 s at random clicks (docs/benchmarks.md, "How long a click
            # holds the window").
            gc.freeze()
            self.ready.emit()

    def refresh(self, tables: frozenset[str] | None = None) -> None:
        """Reads again the lists that show ``tables``; everything shown when ``tables`` is None
        (View → Refresh, a sync, changes made by another program on the database)."""
        for page in self.pages.values():
            if tables is None and page.started:
                page.model.refresh()
            elif tables is not None:
                page.mark_stale(tables)
                page.reload_stale()
        self.refresh_summary()
        if self.expert_id is None:
            self.staff_menu.next_steps.refresh()

    def _note_changes(self, tables: frozenset[str]) -> None:
        """A unit of work of this window's database committed: the lists showing what it wrote are
        out of date now, and are read again once the writes settle (an import commits each package)."""
        if tables - QUIET_TABLES:
            for page in self.pages.values():
                page.mark_stale(tables)
            self._changes_timer.start()

    def _reload_changed(self) -> None:
        for page in self.pages.values():
            page.reload_stale()
        self.refresh_summary()

    def closeEvent(self, event) -> None:
        self._stop_listening()
        super().closeEvent(event)

    def refresh_summary(self) -> None:
        if self.expert_id is not None:
            from app.services.review import laptop

            run_task(in_session, self.db, laptop.summary, on_done=self.status.show_expert, parent=self)
            return
        department_id = None if self.all_departments else self.own_department_id
        run_task(in_session, self.db, listings.summary, department_id, on_done=self.status.show_summary, parent=self)
