"""The main window's printing actions (File menu): print the current list, a protocol journal,
check a document."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from app.i18n import gettext as _
from app.services import workstation

from ..tasks import in_session, run_task
from .dialogs import JournalDialog, check_document
from .jobs import preview_list

LIST_OF_TAB = {"waiting": "waiting-list", "incoming": "decisions-list", "appeals": "appeals-journal",
               "registry": "registry"}  # App 9, App 16, App 24, Registry Rules App 1


class PrintingActions:
    def __init__(self, window):
        self.window = window
        self.print_list = QAction(window, shortcut=QKeySequence(QKeySequence.StandardKey.Print),
                                  triggered=self.print_current_list, enabled=False)
        self.print_journal = QAction(window, triggered=self.open_journal)
        self.check = QAction(window, triggered=lambda: check_document(window, window.db))
        first = window.file_menu.actions()[0] if window.file_menu.actions() else None
        for action in (self.print_list, self.print_journal, self.check):
            window.file_menu.insertAction(first, action)
        window.file_menu.insertSeparator(first)
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the window's own ``retranslate`` (this object is no QObject to connect)."""
        self.print_list.setText(_("&Print the list…"))
        self.print_journal.setText(_("Print a protocol &journal…"))
        self.check.setText(_("C&heck a document…"))

    def tabs_shown(self) -> None:
        self.print_list.setEnabled(True)

    def current_list(self) -> str | None:
        page = self.window.current_page()
        return LIST_OF_TAB.get(page.listing.name) if page is not None else None

    def print_current_list(self) -> None:
        kind = self.current_list()
        if kind is not None:
            preview_list(self.window, self.window.db, kind)

    def open_journal(self) -> None:
        def show(code: str) -> None:
            dialog = JournalDialog(self.window.db, code, self.window)
            dialog.open()
            self.journal_dialog = dialog
        run_task(in_session, self.window.db, lambda s: workstation.settings(s).department_code, on_done=show,
                 parent=self.window)
