"""The head's signature queue (§48): conclusions waiting for the signature of the head of the
department at permanent registration, since when and due; "Sign" signs the chosen one, and the
notice, the SMS and the result documents follow."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.domain import labels
from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services.review import messages, queues, screen

from .. import language
from ..errors import show_error
from ..signing import with_signer
from ..tasks import in_session, run_task
from .loading import LoadsInBackground


def _moment(text: str | None) -> str:
    return language.format_value(datetime.fromisoformat(text), "datetime") if text else ""


def _queue(session) -> list[dict]:
    return queues.signature_queue(session, screen.department_code(session))


class SignatureQueueDialog(LoadsInBackground, QDialog):
    signed = Signal(str)

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signatureQueue")
        self.db = db
        self.rows: list[dict] | None = None
        self.caption = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("signatureTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.sign_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(820, 480)
        self.reload()

    @property
    def loaded(self) -> bool:
        return self.rows is not None

    def reload(self) -> None:
        self.load(_queue)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        self._fill()
        if rows:
            self.table.selectRow(0)

    def _fill(self) -> None:
        for row, entry in enumerate(self.rows or []):
            decision = {"outcome": entry["outcome"], "group": entry["group"]} if entry["outcome"] else None
            values = (entry["number"], _moment(entry["waiting_since"]), _moment(entry["due"]),
                      messages.summary(decision, None) if decision else _(labels.ACT_STATUS["concluded"]))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.resizeColumnsToContents()

    def sign_selected(self) -> None:
        row = self.table.currentRow()
        if not self.rows or row < 0:
            return
        number = self.rows[row]["number"]
        with_signer(self, self.db, lambda signer: run_task(
            in_session, self.db, screen.sign, number, now_kz(), signer, on_done=lambda _r: self._signed(number),
            on_error=lambda exc: show_error(self, exc), parent=self))

    def _signed(self, number: str) -> None:
        self.signed.emit(number)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Conclusions waiting for signature (§48)"))
        self.caption.setText(_("The head of the department at the person's permanent registration signs on the day "
                               "the act arrives; the notice and the SMS follow."))
        self.table.setHorizontalHeaderLabels([_("Draft act No."), _("Waiting since"), _("Due"), _("Conclusion")])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign"))
        self._fill()

