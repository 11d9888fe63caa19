"""What the acts part adds to the main window: File → Import referrals (files or a folder) and
the lookups folder, drag and drop of packages onto the Incoming tab, and the cards opened by
Enter or a double click on a row (an act on Incoming and Waiting, an expert on Registry)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from app.i18n import gettext as _

from .. import language
from ..widgets import show_fitted
from .card import CARD_SIZE, ActCard
from .expert_card import open_expert_card
from .importing import IMPORT_SIZE, ImportDialog, ask_lookups_folder, lookups_folder

ACT_LISTS = ("incoming", "waiting")
DROP_TAB = "incoming"


def open_act_card(db, key: int | str, parent: QWidget | None = None) -> ActCard:
    """Opens (non-modal) the card of the act with this row id (int) or number (str)."""
    card = ActCard(db, key, parent)
    show_fitted(card, CARD_SIZE)
    return card


def dropped_paths(event) -> list[Path]:
    """Local files and folders carried by a drag."""
    mime = event.mimeData()
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class ActsPart(QObject):
    """Installed once by the main window; ``attach(pages)`` when its tabs exist."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.import_files_action = QAction(window, triggered=self.choose_files, enabled=False)
        self.import_folder_action = QAction(window, triggered=self.choose_folder, enabled=False)
        self.lookups_action = QAction(window, triggered=lambda: ask_lookups_folder(window))
        window.add_file_actions(self.import_files_action, self.import_folder_action, self.lookups_action)
        window.row_opened.connect(self.open_row)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.import_files_action.setText(_("&Import referrals…"))
        self.import_folder_action.setText(_("Import a &folder of referrals…"))
        self.lookups_action.setText(_("&Lookups folder…"))

    def attach(self, pages: dict) -> None:
        """The tabs exist: imports are possible, and packages may be dropped on Incoming."""
        for action in (self.import_files_action, self.import_folder_action):
            action.setEnabled(True)
        page = pages[DROP_TAB]
        page.setAcceptDrops(True)
        page.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and dropped_paths(event):
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and dropped_paths(event):
            event.acceptProposedAction()
            self.import_paths(dropped_paths(event))
            return True
        return super().eventFilter(watched, event)

    # -- importing ----------------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self.window, _("Import referrals"), "",
                                                      _("Referral packages (*.json)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, _("Import a folder of referrals"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path], lookups: Path | None = None) -> ImportDialog | None:
        """Imports files and folders (every ``*.json`` in a folder) with the workstation's lookups
        folder; where there is none, says what it is and asks for it first (and returns None: the
        import starts once it is chosen).  Returns the dialog showing the run."""
        lookups = lookups or lookups_folder()
        if lookups is None:
            ask_lookups_folder(self.window, lambda folder: self.import_paths(paths, folder))
            return None
        dialog = ImportDialog(self.window.db, lookups, paths, self.window)
        dialog.act_opened.connect(lambda number: self.open_act(number))
        show_fitted(dialog, IMPORT_SIZE)
        return dialog

    # -- cards --------------------------------------------------------------------------------------
    def open_row(self, list_name: str, row_id: int) -> QWidget | None:
        if list_name in ACT_LISTS:  # a registry row opens the registry's own card (ui/registry)
            return self.open_act(row_id)
        return None

    def open_act(self, key: int | str) -> ActCard:
        card = open_act_card(self.window.db, key, self.window)
        card.expert_opened.connect(lambda expert_id: self._expert_for(card, expert_id))
        return card

    def open_expert(self, staff_member_id: int):
        card = open_expert_card(self.window.db, staff_member_id, self.window)
        card.act_opened.connect(self.open_act)
        return card

    def _expert_for(self, act_card: ActCard, expert_id: int) -> None:
        """An expert's card opened from an act's card: a change there shows on the act at once."""
        self.open_expert(expert_id).changed.connect(act_card.load)
