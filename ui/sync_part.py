"""Sync with a hub in the window: the status bar's sync indicator (last sync, queued,
quarantined or in conflict, the last error as its tooltip), File → Sync with the hub now, File →
Hub connection…, and a background sync every few minutes.  The sync runs on the slow-I/O pool,
so the lists never wait behind it; afterwards the window reads again what it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.clock import KZ_TIME
from app.errors import UserError
from app.i18n import gettext as _
from app.sync import client, connection

from . import errors, language
from .tasks import in_session, run_io_task, run_task
from .widgets import CaptionValueLabel

BACKGROUND_MINUTES = 5


def sync_with(db, data_dir: Path) -> dict | None:
    """Worker side: one full sync with the hub this workstation is connected to (None: none)."""
    hub = connection.load(data_dir)
    return None if hub is None else client.sync(db, hub.url, hub.token)


def indicator_text(status: dict) -> str:
    """"15:42 · 2 queued · 1 quarantined", or what keeps the sync from working."""
    last = status["last_sync_at"]
    parts = [language.format_value(last.astimezone(KZ_TIME), "datetime") if last else _("never")]
    for key, text in (("queued", _("{n} queued")), ("quarantined", _("{n} quarantined")),
                      ("conflicts", _("{n} in conflict"))):
        if status[key]:
            parts.append(text.format(n=language.format_number(status[key])))
    if status["last_error"]:
        parts.append(_("failed"))
    return " · ".join(parts)


class HubDialog(QDialog):
    """The hub's address and this workstation's token (from ``saraptama hub add-user``)."""

    def __init__(self, parent: QWidget, current: connection.HubConnection | None):
        super().__init__(parent)
        self.setWindowTitle(_("Hub connection"))
        self.url = QLineEdit(current.url if current else "", self)
        self.url.setPlaceholderText("https://hub.example.kz:8765")
        self.token = QLineEdit(current.token if current else "", self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Hub &address:"), self.url)
        form.addRow(_("&Token:"), self.token)
        note = QLabel(_("The administrator of the hub gives each workstation and each expert's laptop its own "
                        "token. Leave the address empty to work without a hub."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


class SyncPart(QObject):
    """The window's side of sync; ``window`` has ``db``, ``data_dir``, ``file_menu`` and ``refresh()``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.running = False
        self.indicator = CaptionValueLabel(window)
        self.indicator.setObjectName("status_sync")
        self.indicator.hide()  # shown once this workstation is connected to a hub
        window.statusBar().addPermanentWidget(self.indicator)
        self.sync_action = QAction(window, shortcut=QKeySequence("F9"), triggered=self.sync_now)
        self.connect_action = QAction(window, triggered=self.ask_connection)
        first = window.file_menu.actions()[0] if window.file_menu.actions() else None
        window.file_menu.insertAction(first, self.sync_action)
        window.file_menu.insertAction(first, self.connect_action)
        window.file_menu.insertSeparator(first)
        self.timer = QTimer(self, interval=BACKGROUND_MINUTES * 60_000, timeout=self.sync_now)
        self.timer.start()
        self._status: dict | None = None
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.show_status()

    @property
    def connected(self) -> bool:
        return connection.load(self.window.data_dir) is not None

    def retranslate(self) -> None:
        self.sync_action.setText(_("S&ync with the hub now"))
        self.connect_action.setText(_("&Hub connection…"))
        self._show(self._status)

    # -- syncing -------------------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.running or not self.connected:
            return
        self.running = True
        self.indicator.set_parts(_("Sync:"), _("in progress…"))
        run_io_task(sync_with, self.window.db, self.window.data_dir, on_done=self._synced, on_error=self._failed,
                    parent=self.window)

    def _synced(self, _counts) -> None:
        self.running = False
        self.window.refresh()
        self.show_status()

    def _failed(self, exc: BaseException) -> None:
        """A hub out of reach is the normal state of a laptop: the indicator says so, no dialog."""
        self.running = False
        if not isinstance(exc, UserError):
            errors.show_error(self.window, exc)
        self.window.refresh()  # what was stored before the failure, and what waits
        self.show_status()

    def show_status(self) -> None:
        run_task(in_session, self.window.db, client.status, on_done=self._show, parent=self.window)

    def _show(self, status: dict | None) -> None:
        self._status = status
        visible = status is not None and (self.connected or bool(status["hubs"]))
        self.indicator.setVisible(visible)
        if visible and not self.running:
            self.indicator.set_parts(_("Sync:"), indicator_text(status))
            if status["last_error"]:
                self.indicator.setToolTip(status["last_error"])

    # -- connecting ----------------------------------------------------------------------------------
    def ask_connection(self) -> HubDialog:
        dialog = HubDialog(self.window, connection.load(self.window.data_dir))
        dialog.accepted.connect(lambda: self.connect_to(dialog.url.text(), dialog.token.text()))
        dialog.open()
        return dialog

    def connect_to(self, url: str, token: str) -> None:
        try:
            connection.save(self.window.data_dir, url, token)
        except UserError as error:
            errors.show_error(self.window, error)
            return
        self.show_status()
        self.sync_now()
