"""An appeal's card: its kind, state and due date, the App 24 fields, the full history of steps,
the act it concerns (depersonalised for the control department, §56) — and the steps the acting
role may take now, as buttons.  A step refused by the service shows its message; nothing changes."""

from __future__ import annotations

import html
from functools import partial
from datetime import datetime

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import appeals as rules
from app.domain.clock import KZ_TIME, now_kz
from app.domain.labels import APPEAL_STATUS
from app.i18n import N_
from app.i18n import gettext as _
from app.services.appeals import screen as appeal_screen
from app.services.review import messages

from .. import language
from ..errors import show_error
from ..printing import preview
from ..review.loading import LoadsInBackground
from ..lazy import lazy_module
from ..tasks import in_session, run_task
from ..widgets import show_fitted
from .decision import AppealDecisionDialog

printing = lazy_module("app.services.printing")   # reportlab when a form is printed

CARD_SIZE = QSize(900, 640)
BUTTON_TITLES = {
    "register": N_("Register the appeal"),  # §56, the deputy head
    "forward": N_("Forward to a control department"),  # §56, the Committee
    "conclude": N_("Conclude…"),  # §54, §56, §73-3, the control department
    "answer": N_("Answer…"),  # §55
    "letter_received": N_("Letter received"),  # §73-1
    "no_show": N_("Did not come: protocol (App 26)"),  # §73-2
}


def _row(title: str, value) -> str:
    return f"<tr><th align='left' valign='top'>{html.escape(title)}</th><td>{html.escape(str(value or '—'))}</td></tr>"


def _step_title(kind: str, step: str) -> str:
    title = rules.STEP_TITLES.get((kind, step))
    return _(title) if title else step


def moment(text: str | None) -> str:
    """A moment the services write as Kazakhstan time (YYYY-MM-DDTHH:MM), as the language shows it."""
    if not text:
        return ""
    return language.format_value(datetime.fromisoformat(text).replace(tzinfo=KZ_TIME), "datetime")


def _fields(view: dict) -> list[str]:
    """App 24 fields, and what the kind adds."""
    rows = [_row(_("Kind of case"), _(rules.KINDS[view["kind"]])), _row(_("Status"), _(APPEAL_STATUS[view["status"]])),
            _row(_("Due"), moment(view["due_at"])), _row(_("Act No."), view["act"]["number"]),
            _row(_("Registration No."), view.get("registration_number")),
            _row(_("Appeal registered"), moment(view["filed_at"])),
            _row(_("Deputy head"), view.get("deputy_head")),
            _row(_("Committee specialist"), view.get("committee_specialist")),
            _row(_("Control department"), view.get("control_department")),
            _row(_("Conclusion of the extraterritorial experts"),
                 messages.summary(view.get("experts_conclusion"), None)),
            _row(_("Conclusion of the control department"), messages.summary(view.get("decision"), None)),
            _row(_("Date of the conclusion"), moment(view.get("concluded_at")))]
    if view["kind"] == rules.IN_PERSON:
        rows.append(_row(_("Filed after the 3-month window (§54)"), _("Yes") if view.get("late") else _("No")))
    if view["kind"] == rules.CONTROL:
        invitation = view.get("invitation")
        rows += [_row(_("Invitation"), _(rules.INVITATIONS[invitation]) if invitation else ""),
                 _row(_("Protocol (App 26)"), view.get("protocol_number")),
                 _row(_("Result applies from (§73-3)"), view.get("effective_from"))]
        if view.get("text") in rules.GROUNDS:
            rows.append(_row(_("Ground (§73)"), _(rules.GROUNDS[view["text"]])))
    else:
        for key, title in (("text", _("Complaint")), ("answer", _("Answer"))):
            if view.get(key):
                rows.append(_row(title, view[key]))
    return rows


def _history(view: dict) -> str:
    cells = ((moment(s["at"]), _step_title(view["kind"], s["step"]), _(APPEAL_STATUS[s["status"]]), moment(s["due"]))
             for s in view["history"])
    return "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in cells)


def _act_rows(act: dict) -> list[str]:
    rows = [_row(_("Main diagnosis"), f"{act['diagnosis_main']['icd10']} {act['diagnosis_main']['text']}"),
            _row(_("Age"), act.get("age_years")), _row(_("Working"), _("Yes") if act.get("working") else _("No"))]
    person = act.get("person")
    if person:  # the department's view only (§25.2: never the control department's)
        name = f"{person['last_name']} {person['first_name']} {person['middle_name']}"
        rows.insert(0, _row(_("Examined person"), name))
    return rows


def case_html(view: dict) -> str:
    """The case as the role may see it: App 24 fields, the history, the act."""
    title = html.escape(_("Appeal {id}").format(id=view["id"]))
    history, act = html.escape(_("History")), html.escape(_("The act"))
    return (f"<h3>{title}</h3><table cellspacing='3'>{''.join(_fields(view))}</table>"
            f"<h4>{history}</h4><table cellspacing='3'>{_history(view)}</table>"
            f"<h4>{act}</h4><table cellspacing='3'>{''.join(_act_rows(view['act']))}</table>")


class AppealCard(LoadsInBackground, QDialog):
    """``changed`` after a step was taken (the lists refresh)."""

    changed = Signal()

    def __init__(self, db, appeal_id: int, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("appealCard")
        self.db, self.appeal_id, self.role = db, appeal_id, role
        self.data: dict | None = None
        self.view = QTextBrowser(self)
        self.view.setObjectName("appealView")
        self.button_row = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}  # one a step, shown when the role may take it now
        for step in BUTTON_TITLES:
            button = QPushButton(self, clicked=lambda _checked=False, step=step: self.take(step), visible=False)
            button.setObjectName(f"step_{step}")
            self.button_row.addWidget(button)
            self.step_buttons[step] = button
        self.buttons: dict[str, QPushButton] = {}
        self.close_button = QPushButton(self, clicked=self.close)
        self.protocol_button = QPushButton(self, clicked=self.preview_protocol, visible=False)
        self.protocol_button.setObjectName("printProtocol")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(self.button_row)
        bottom.addStretch(1)
        bottom.addWidget(self.protocol_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        self.load(appeal_screen.card, self.appeal_id, self.role)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.buttons = {step: self.step_buttons[step] for step in data["allowed"] if step in self.step_buttons}
        for step, button in self.step_buttons.items():
            button.setVisible(step in self.buttons)
        self.protocol_button.setVisible(bool(data.get("protocol_number")))
        self.retranslate()

    def preview_protocol(self) -> None:
        """App 26 of this control re-examination (§73-2), previewed to print."""
        number = self.data["act"]["number"]
        preview(self, self.db, partial(printing.describe_act_document, self.db, "control-protocol", number),
                _("Protocol of the control department (App 26)"))

    def take(self, step: str):
        """One step as the acting role: the conclusion through the decision screen, an answer typed."""
        if step == "conclude":
            dialog = AppealDecisionDialog(self.db, self.appeal_id, self.role, self)
            dialog.submitted.connect(lambda _status: self._taken(None))
            dialog.open()
            return dialog
        values = {}
        if step == "answer":
            text, ok = QInputDialog.getMultiLineText(self, _("Answer to the complaint"), _("Answer"))
            if not ok:
                return None
            values["text"] = text
        run_task(in_session, self.db, appeal_screen.take_step, self.appeal_id, step, now_kz(), self.role,
                 **values, on_done=self._taken, on_error=lambda exc: show_error(self, exc), parent=self)
        return None

    def _taken(self, _record) -> None:
        self.changed.emit()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Appeal {id}").format(id=self.appeal_id))
        self.close_button.setText(_("Close"))
        self.protocol_button.setText(_("Protocol (App 26)…"))
        for step, button in self.step_buttons.items():
            button.setText(_(BUTTON_TITLES[step]))
        if self.data:
            self.view.setHtml(case_html(self.data))


def open_appeal_card(db, appeal_id: int, role: str, parent: QWidget | None = None) -> AppealCard:
    card = AppealCard(db, appeal_id, role, parent)
    show_fitted(card, CARD_SIZE)
    return card


def confirm(parent: QWidget, text: str) -> bool:
    return QMessageBox.question(parent, _("Confirm"), text) == QMessageBox.StandardButton.Yes
