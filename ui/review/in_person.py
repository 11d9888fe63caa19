"""The department's in-person examinations (§45): acts routed here with their clock; the steps
recorded in the window — the person came, refused, or the department concludes on the day of the
visit (the review form, signed afterwards by the head, §48)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.domain.clock import now_kz
from app.errors import UserError
from app.i18n import gettext as _
from app.services.review import queues, screen

from .. import language
from ..errors import show_error
from ..tasks import in_session, run_task
from .loading import LoadsInBackground
from .review_dialog import ReviewDialog


def _queue(session) -> dict:
    return {"rows": queues.in_person_queue(session, screen.department_code(session)),
            "head": _head_or_none(session)}


def _head_or_none(session) -> int | None:
    try:
        return screen.workstation_head(session)
    except UserError:  # no head recorded: the steps are still recorded, the conclusion is refused
        return None


def _moment(text: str | None) -> str:
    return language.format_value(datetime.fromisoformat(text), "datetime") if text else ""


class InPersonDialog(LoadsInBackground, QDialog):
    changed = Signal()

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inPersonQueue")
        self.db = db
        self.data: dict | None = None
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.arrived, self.refused, self.conclude = QPushButton(), QPushButton(), QPushButton()
        for button in (self.arrived, self.refused, self.conclude):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.arrived.clicked.connect(lambda: self.step("arrived"))
        self.refused.clicked.connect(lambda: self.step("refused"))
        self.conclude.clicked.connect(self.open_conclusion)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(820, 480)
        self.reload()

    def reload(self) -> None:
        self.load(_queue)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.table.setRowCount(len(data["rows"]))
        for row, entry in enumerate(data["rows"]):
            values = (entry["number"], _moment(entry["routed_at"]), _moment(entry["arrived_at"]), _moment(entry["due"]))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        if data["rows"]:
            self.table.selectRow(0)

    def selected(self) -> dict | None:
        row = self.table.currentRow()
        return self.data["rows"][row] if self.data and 0 <= row < len(self.data["rows"]) else None

    def step(self, step: str) -> None:
        entry = self.selected()
        if entry:
            run_task(in_session, self.db, screen.in_person_step, entry["number"], step, now_kz(),
                     on_done=lambda _r: self._changed(), on_error=lambda exc: show_error(self, exc), parent=self)

    def open_conclusion(self) -> ReviewDialog | None:
        entry = self.selected()
        if not entry:
            return None
        dialog = ReviewDialog(self.db, entry["act_id"], expert_id=self.data["head"], mode="in_person", parent=self)
        dialog.submitted.connect(lambda _status: self._changed())
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.changed.emit()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("In-person examinations (§45)"))
        self.table.setHorizontalHeaderLabels([_("Draft act No."), _("Routed"), _("Came"), _("Due")])
        self.arrived.setText(_("The person came"))
        self.refused.setText(_("The person refused"))
        self.conclude.setText(_("Conclude…"))
