"""A new case from the Appeals tab: a complaint (§56 proactive, §54 in person with the day the
conclusion was received, §55 about the service) or a control re-examination (§73, with its
ground).  The service checks the act, the kind and the acting role; a refusal is shown and
nothing is stored."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain import appeals as rules
from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services.appeals import screen as appeal_screen

from .. import language
from ..errors import show_error
from ..tasks import in_session, run_task
from ..widgets import today_qdate


class FilingDialog(QDialog):
    """``filed(record)`` once the case is stored."""

    filed = Signal(dict)

    def __init__(self, db, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("appealFiling")
        self.db, self.role = db, role
        self.act = QLineEdit(self, maxLength=14)
        self.kind = QComboBox(self)
        for code in rules.KINDS:
            self.kind.addItem("", code)
        self.ground = QComboBox(self)
        for code in rules.GROUNDS:
            self.ground.addItem("", code)
        self.received_known = QCheckBox(self)
        self.received = QDateEdit(today_qdate(), self, calendarPopup=True, enabled=False)
        self.received_known.toggled.connect(self.received.setEnabled)
        self.text = QPlainTextEdit(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.labels = {}
        for widget in (self.act, self.kind, self.ground, self.received_known, self.received, self.text):
            self.labels[widget] = QLabel(self)
            self.form.addRow(self.labels[widget], widget)
        self.form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.form.setRowVisible(self.ground, kind == rules.CONTROL)
        for widget in (self.received_known, self.received):
            self.form.setRowVisible(widget, kind == rules.IN_PERSON)
        self.form.setRowVisible(self.text, kind != rules.CONTROL)

    def submit(self) -> None:
        received = self.received.date().toPython() if self.received_known.isChecked() else None
        self.buttons.setEnabled(False)
        run_task(in_session, self.db, appeal_screen.start_case, self.kind.currentData(), self.act.text().strip(),
                 now_kz(), self.role, text=self.text.toPlainText().strip(), ground=self.ground.currentData(),
                 received_on=received, on_done=self._filed, on_error=self._failed, parent=self)

    def _filed(self, record: dict) -> None:
        self.filed.emit(record)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New appeal or control re-examination"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(rules.KINDS[self.kind.itemData(index)]))
        for index in range(self.ground.count()):
            self.ground.setItemText(index, _(rules.GROUNDS[self.ground.itemData(index)]))
        self.received_known.setText(_("The day the conclusion was received is known (§54)"))
        labels = ((self.act, _("Act No.")), (self.kind, _("Kind of case")), (self.ground, _("Ground (§73)")),
                  (self.received, _("Received on")), (self.text, _("Complaint")))
        for widget, label in labels:
            self.labels[widget].setText(label)
        self.act.setPlaceholderText(_("14 digits"))
