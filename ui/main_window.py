"""The main window: the four lists as tabs (or the welcome page on a first start), menus and a
status bar, all switching language live."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabWidget, QWidget

from app import i18n
from app.i18n import gettext as _
from app.services import listings, workstation
from app.storage import Database, default_data_dir

from . import language
from .calendar_dialog import CalendarDialog
from .listing_page import ListingPage
from .settings import settings
from .tasks import in_session, run_task
from .welcome import WelcomePage


def program_version() -> str:
    try:
        return metadata.version("saraptama")
    except metadata.PackageNotFoundError:
        return "dev"


class StatusBarInfo:
    """The status bar's permanent fields: department, user, counts and sync state."""

    def __init__(self, window: QMainWindow):
        self._summary: dict | None = None
        self._labels = {key: QLabel(window) for key in
                        ("department", "user", "waiting", "under_review", "appeals", "experts", "sync")}
        bar = window.statusBar()
        for key, label in self._labels.items():
            label.setObjectName(f"status_{key}")
            if key in ("department", "user"):
                bar.addWidget(label)
            else:
                bar.addPermanentWidget(label)

    def show_summary(self, summary: dict | None) -> None:
        self._summary = summary
        self.retranslate()

    def text(self, key: str) -> str:
        return self._labels[key].text()

    def retranslate(self) -> None:
        summary = self._summary
        for key, label in self._labels.items():
            label.setVisible(summary is not None or key == "sync")
        self._labels["sync"].setText(_("Sync: not configured"))
        if summary is None:
            return
        department = summary["department"]
        self._labels["department"].setText(
            _("Department: {name}").format(name=department) if department else _("Department: not set"))
        self._labels["user"].setText(_("User: {name}").format(name=summary["user"] or "—"))
        counts = {
            "waiting": _("Waiting: {count}"),
            "under_review": _("Under review: {count}"),
            "appeals": _("Open appeals: {count}"),
            "experts": _("Experts: {count}"),
        }
        for key, text in counts.items():
            self._labels[key].setText(text.format(count=language.format_number(summary[key])))


class MainWindow(QMainWindow):
    """``ready`` is emitted once what the window first shows is complete: the welcome form with
    its regions, or the rows of the current tab."""

    ready = Signal()

    def __init__(self, db: Database, *, data_dir: Path | None = None, tab: str | None = None,
                 demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.demo = demo
        self._initial_tab = tab
        self._ready_sent = False
        self.welcome: WelcomePage | None = None
        self.tabs: QTabWidget | None = None
        self.pages: dict[str, ListingPage] = {}

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.status = StatusBarInfo(self)
        self._create_menus()
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        run_task(in_session, db, workstation.needs_setup, on_done=self._setup_checked, parent=self)

    # -- menus --------------------------------------------------------------------------------------
    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh),
                                      triggered=self.refresh, enabled=False)
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit),
                                   triggered=self.close)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.settings_menu = bar.addMenu("")
        self.calendar_action = QAction(self, triggered=self.show_calendar)
        self.settings_menu.addAction(self.calendar_action)

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
        self.about_action = QAction(self, triggered=self.show_about)
        self.about_qt_action = QAction(self, triggered=QApplication.aboutQt)
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def show_calendar(self) -> CalendarDialog:
        """The production calendar; changes move open due dates, so the lists are read again."""
        dialog = CalendarDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.refresh)
        dialog.resize(1100, 760)
        dialog.open()
        return dialog

    def choose_language(self, lang: str) -> None:
        language.set_language(lang)
        settings().setValue("language", lang)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, _("About Saraptama"),
                          _("Saraptama {version}").format(version=program_version()),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(_("Proactive medical-social expertise for the MSE departments of Kazakhstan."))
        box.open()
        return box

    def retranslate(self) -> None:
        title = _("Saraptama — demonstration database") if self.demo else _("Saraptama")
        self.setWindowTitle(title)
        self.file_menu.setTitle(_("&File"))
        self.refresh_action.setText(_("&Refresh"))
        self.quit_action.setText(_("&Quit"))
        self.settings_menu.setTitle(_("&Settings"))
        self.calendar_action.setText(_("Production &calendar…"))
        self.language_menu.setTitle(_("&Language"))
        self.language_actions[i18n.current_language()].setChecked(True)
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Saraptama"))
        self.about_qt_action.setText(_("About &Qt"))
        if self.tabs is not None:
            for index, page in enumerate(self.pages.values()):
                self.tabs.setTabText(index, _(page.listing.title))
        self.status.retranslate()

    # -- what the window shows ------------------------------------------------------------------------
    def _setup_checked(self, needs_setup: bool) -> None:
        if needs_setup:
            self.show_welcome()
        else:
            self.show_tabs()

    def show_welcome(self) -> None:
        self.welcome = WelcomePage(self.db, self.data_dir, self)
        self.welcome.department_created.connect(self.show_tabs)
        self.welcome.demo_opened.connect(self.use_demo_database)
        self.welcome.ready.connect(self._send_ready)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)

    def use_demo_database(self, db: Database) -> None:
        previous, self.db = self.db, db
        run_task(previous.close)  # after anything still queued for it
        self.demo = True
        self.retranslate()
        self.show_tabs()

    def show_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages = {name: ListingPage(self.db, listing, self.tabs) for name, listing in listings.LISTINGS.items()}
        for page in self.pages.values():
            self.tabs.addTab(page, "")
            page.model.settled.connect(self._page_settled)
        self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        if self._initial_tab in self.pages:
            self.tabs.setCurrentWidget(self.pages[self._initial_tab])
        self.tabs.currentChanged.connect(self._tab_changed)
        self.refresh_action.setEnabled(True)
        self.retranslate()
        self._tab_changed()
        self.refresh_summary()

    def current_page(self) -> ListingPage | None:
        return self.tabs.currentWidget() if self.tabs is not None else None

    def select_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.pages[name])

    def _tab_changed(self) -> None:
        self.current_page().ensure_loaded()

    def _page_settled(self) -> None:
        page = self.current_page()
        if page is not None and page.loaded:
            self._send_ready()

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def refresh(self) -> None:
        """Reads everything shown again (after changes made elsewhere, e.g. by a sync)."""
        for page in self.pages.values():
            if page.started:
                page.model.refresh()
        self.refresh_summary()

    def refresh_summary(self) -> None:
        run_task(in_session, self.db, listings.summary, on_done=self.status.show_summary, parent=self)
