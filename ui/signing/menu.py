"""File → Verify a signed document… and Settings → Electronic signature…, added by one call
from the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow

from app.i18n import gettext as _

from .. import language
from .dialogs import SigningSettingsDialog, VerifyDialog


class SigningMenu(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.verify_action = QAction(window, triggered=self.ask_verify)
        window.file_menu.insertAction(window.quit_action, self.verify_action)
        self.settings_action = QAction(window, triggered=self.show_settings)
        window.settings_menu.addAction(self.settings_action)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def ask_verify(self) -> VerifyDialog | None:
        path, _filter = QFileDialog.getOpenFileName(self.window, _("Verify a signed document"), str(Path.home()),
                                                    _("PDF documents (*.pdf)"))
        return self.verify(Path(path)) if path else None

    def verify(self, path: Path) -> VerifyDialog:
        dialog = VerifyDialog(self.window.db, path, self.window)
        dialog.show()
        return dialog

    def show_settings(self) -> SigningSettingsDialog:
        dialog = SigningSettingsDialog(self.window.db, self.window)
        dialog.show()
        return dialog

    def retranslate(self) -> None:
        self.verify_action.setText(_("&Verify a signed document…"))
        self.settings_action.setText(_("Electronic &signature…"))
