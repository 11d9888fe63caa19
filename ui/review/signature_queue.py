"""The head's signature queue (§48): conclusions waiting for the signature of the head of the
department at permanent registration, since when and due; "Sign" signs the chosen one, and the
notice, the SMS and the result documents follow."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem,
                               QWidget)

from app.domain import labels
from app.i18n import gettext as _
from app.services.review import messages, queues, screen

from .. import language
from .loading import LoadsInBackground
from .to_sign import ToSignDialog, sign


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
        self.table.activated.connect(lambda index: self.open_act(index.row()))  # double-click or Enter
        self.opened: ToSignDialog | None = None
        self.confirmation = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.lay_out_table(self.sign_selected)
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

    def selected_number(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row]["number"] if self.rows and 0 <= row < len(self.rows) else None

    def open_act(self, row: int) -> ToSignDialog | None:
        """The act with its three decisions side by side and the conclusion to sign."""
        if not self.rows or not 0 <= row < len(self.rows):
            return None
        self.opened = ToSignDialog(self.db, self.rows[row]["number"], self)
        self.opened.signed.connect(self._signed)
        self.opened.show()
        return self.opened

    def sign_selected(self) -> None:
        """Sign from the list: asked once more, with the conclusion in words."""
        number = self.selected_number()
        if number is None:
            return
        entry = self.rows[self.table.currentRow()]
        decision = {"outcome": entry["outcome"], "group": entry["group"]} if entry["outcome"] else None
        summary = messages.summary(decision, None) if decision else _(labels.ACT_STATUS["concluded"])
        self.confirmation = sign(self, self.db, number, summary, self._signed)

    def _signed(self, number: str) -> None:
        self.signed.emit(number)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Conclusions waiting for signature (§48)"))
        self.caption.setText(_("The head of the department at the person's permanent registration signs on the day "
                               "the act arrives; the notice and the SMS follow."))
        self.table.setHorizontalHeaderLabels([_("Draft act No."), _("Waiting since"), _("Due"), _("Conclusion")])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Sign…"))
        self._fill()

