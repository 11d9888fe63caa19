"""The administrator's view of the audit trail: the newest entries, filtered by who,
what and when, and a check of the whole hash chain."""

from __future__ import annotations

import json
from datetime import datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import KZ_TIME
from app.i18n import N_
from app.i18n import gettext as _
from app.services import audit

from .. import language
from ..tasks import in_session, run_task
from ..widgets import today_qdate

ACTIONS = ("", "insert", "update", "delete", "view", "demo")
COLUMNS = (N_("No."), N_("Time (UTC)"), N_("User"), N_("Action"), N_("Table"), N_("Row"), N_("Before"), N_("After"))


def _short(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False)[:300] if value else ""


class AuditDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("auditDialog")
        self.user = QLineEdit(self, objectName="auditUser")
        self.action = QComboBox(self, objectName="auditAction")
        self.action.addItems(ACTIONS)
        self.table_name = QLineEdit(self, objectName="auditTable")
        self.since_on = QCheckBox(self)
        self.since = QDateEdit(today_qdate().addDays(-7), self, calendarPopup=True)
        self.show_button = QPushButton(self, clicked=self.load)
        self.verify_button = QPushButton(self, clicked=self.verify)
        self.verdict = QLabel(self, objectName="auditVerdict", wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.labels = [QLabel(self) for _ in range(3)]
        filters = QHBoxLayout()
        for label, field in zip(self.labels, (self.user, self.action, self.table_name)):
            label.setBuddy(field)
            filters.addWidget(label)
            filters.addWidget(field)
        filters.addWidget(self.since_on)
        filters.addWidget(self.since)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        self.resize(1100, 640)
        self.rows: list[dict] = []
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Audit trail"))
        for label, text in zip(self.labels, (_("&User:"), _("&Action:"), _("&Table:"))):
            label.setText(text)
        self.since_on.setText(_("&Since:"))
        self.show_button.setText(_("&Show"))
        self.verify_button.setText(_("&Verify the chain"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])

    def filters(self) -> dict:
        since = None
        if self.since_on.isChecked():
            since = datetime.combine(self.since.date().toPython(), time(0), KZ_TIME)
        return {"user": self.user.text().strip() or None, "action": self.action.currentText() or None,
                "table_name": self.table_name.text().strip() or None, "since": since}

    def load(self) -> None:
        run_task(in_session, self.db, audit.listing, **self.filters(), on_done=self._show, parent=self)

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            values = (row["id"], row["at"], row["user"], row["action"], row["table"], row["row"],
                      _short(row["before"]), _short(row["changes"]))
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, item)

    def verify(self) -> None:
        run_task(in_session, self.db, audit.verify, on_done=self._verified, parent=self)

    def _verified(self, result: dict) -> None:
        self.result = result
        if result["ok"]:
            text = _("The chain of {count} entries is whole.").format(count=language.format_number(result["entries"]))
        else:
            text = _("The chain is broken at entry No. {id}: an entry was changed, removed or moved outside the "
                     "program.").format(id=result["first_broken"])
        self.verdict.setText(text)
