"""The card of an applicant or of an expert: who it is, where the procedure stands and when the
next step is due, the history of steps, the SMS sent, the documents checked, absences, current
and past assignments — and the steps allowed now as buttons (Registry Rules ch. 2-4)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import registry as rules
from app.domain.clock import now_kz
from app.i18n import current_language
from app.i18n import gettext as _
from app.services import assignment, registry
from app.services.registry import card as cards

from .. import access, language
from ..tasks import in_session, run_task
from . import forms

CARD_SIZE = (940, 660)  # fits a 1024×768 screen with its frame
MAX_COLUMN_WIDTH = 420  # px


def fill_table(table: QTableWidget, headers: list[str], rows: list[list]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount()):  # long texts wrap instead of running off the card
        table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
    table.resizeRowsToContents()


def _table(parent: QWidget, stretch_last: bool = True) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _when(moment) -> str:
    return language.format_value(moment, "datetime") if moment else ""


def _day(day) -> str:
    return language.format_value(day, "date") if day else ""


STEP_ACTIONS = {"check": "registry.check", "refuse": "registry.check", "test": "registry.test",
                "contract": "registry.contract", "sign": "registry.sign", "include": "registry.include",
                "exclude": "registry.exclude"}  # app.domain.permissions

class RegistryCard(QDialog):
    """``kind`` is "application" or "expert"; ``changed`` after every step taken here."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, db, kind: str, row_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.kind, self.row_id = db, kind, row_id
        self.data: dict | None = None
        self.resize(*CARD_SIZE)
        self.header = QFormLayout()
        self.header_labels: dict[str, QLabel] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setFocus()
        self.steps = _table(self)
        self.messages = _table(self)
        self.documents = _table(self)
        self.absences = _table(self)
        self.current = _table(self)
        self.past = _table(self)
        self.absence_buttons = self._absence_buttons()
        assignments = QWidget(self)
        box = QVBoxLayout(assignments)
        self.current_title, self.past_title = QLabel(assignments), QLabel(assignments)
        for widget in (self.current_title, self.current, self.past_title, self.past):
            box.addWidget(widget)
        absences = QWidget(self)
        box = QVBoxLayout(absences)
        box.addWidget(self.absences)
        row = QHBoxLayout()
        for button in self.absence_buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.pages = {"steps": self.steps, "messages": self.messages, "documents": self.documents,
                      "absences": absences, "assignments": assignments}
        self.actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(self.actions)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        language.notifier().changed.connect(self.retranslate)
        self.reload()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        read = cards.application_card if self.kind == "application" else cards.expert_card
        run_task(in_session, self.db, read, self.row_id, current_language(), on_done=self._show, parent=self)

    def _show(self, data: dict) -> None:
        self.data = data
        self.setWindowTitle(data["name"])
        self._show_header(data)
        self._show_tabs(data)
        self._show_actions(data)
        self.loaded.emit()

    def _show_header(self, data: dict) -> None:
        rows = [(_("Full name"), data["name"]), (_("IIN"), data["iin"]), (_("Region of residence"), data["region"]),
                (_("Specialty profile"), data["profile"]), (_("Nosologies (ICD-10)"), data["nosologies"]),
                (_("Status"), data["state_text"])]
        if data["kind"] == "application":
            due = language.format_deadline(data["due"], data["due_rule"]) if data["due"] else ""
            rows.append((_("Due"), (_("Overdue.") + " " if data["overdue"] else "") + due))
        else:
            rows += [(_("No."), data["number"] or ""), (_("Included on"), _day(data["included_on"])),
                     (_("Excluded on"), " ".join(filter(None, (_day(data["excluded_on"]), data["exclusion"]))))]
        while self.header.rowCount():
            self.header.removeRow(0)
        self.header_labels = {}
        for caption, value in rows:
            label = QLabel(str(value), self)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.header.addRow(caption, label)
            self.header_labels[caption] = label
        if data["kind"] == "application" and data["overdue"]:
            self.header_labels[_("Due")].setStyleSheet("color: #b00020; font-weight: bold")

    def _show_tabs(self, data: dict) -> None:
        fill_table(self.steps, [_("When"), _("Step"), _("State after"), _("Details"), _("By")],
                   [[_when(s["at"]), s["step"], s["state"], s["detail"], s["user"]] for s in data["steps"]])
        fill_table(self.messages, [_("When"), _("Language"), _("Recipient"), _("Text")],
                   [[_when(x["at"]), x["lang"], x["to"], x["text"]] for x in data["messages"]])
        fill_table(self.documents, [_("Requirement"), _("Checked"), _("Found")],
                   [[d["requirement"], _("Yes") if d["ok"] else _("No"), d["problems"]] for d in data["documents"]])
        expert = data["kind"] == "expert"
        if expert:
            fill_table(self.absences, [_("Kind"), _("From"), _("To")],
                       [[a["kind_text"], _day_text(a["from"]), _day_text(a["to"])] for a in data["absences"]])
            headers = [_("Draft act No."), _("Place"), _("Sent"), _("Due"), _("State")]
            for table, rows in ((self.current, data["current"]), (self.past, data["past"])):
                fill_table(table, headers, [[r["act"], r["role"], _when(r["assigned"]), _when(r["due"]), r["state"]]
                                            for r in rows])
            self.current_title.setText(_("Current assignments: {count}").format(count=data["open_count"]))
            self.past_title.setText(_("Past assignments"))
        shown = ["steps", "messages", "documents"] + (["absences", "assignments"] if expert else [])
        titles = {"steps": _("History of steps"), "messages": _("Messages sent"), "documents": _("Documents checked"),
                  "absences": _("Absences"), "assignments": _("Assignments")}
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for key in shown:
            self.tabs.addTab(self.pages[key], titles[key])
        self.tabs.setCurrentIndex(max(current, 0))
        for button in self.absence_buttons.values():
            button.setVisible(expert)

    # -- the steps ----------------------------------------------------------------------------
    def _show_actions(self, data: dict) -> None:
        for button in self.action_buttons.values():
            self.actions.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        names = [name for action in data["actions"]
                 for name in (("check", "refuse") if action == "check" else (action,))]
        titles = {"check": _("Documents complete"), "refuse": _("Refuse…"), "test": _("Test result…"),
                  "contract": _("Send the contract"), "sign": _("Contract signed"),
                  "include": _("Include in the registry"), "exclude": _("Exclude…")}
        for name in names:
            button = QPushButton(titles[name], self)
            button.setObjectName(f"action_{name}")
            button.clicked.connect(lambda _checked=False, name=name: self.take(name))
            if not access.allows(self.db, STEP_ACTIONS[name]):  # the service refuses anyway
                button.hide()
            self.actions.addWidget(button)
            self.action_buttons[name] = button

    def take(self, name: str) -> QDialog | None:
        """Runs the step ``name``; steps that need input open their dialog first (and return it)."""
        simple = {"check": lambda s, at: registry.check(s, self.row_id, at, complete=True),
                  "contract": lambda s, at: registry.contract(s, self.row_id, at),
                  "sign": lambda s, at: registry.sign(s, self.row_id, at),
                  "include": lambda s, at: registry.include(s, self.row_id, at)}
        if name in simple:
            self._run(simple[name])
            return None
        dialog = self._dialog(name)
        dialog.accepted.connect(lambda: self._run(self._with_input(name, dialog.values())))
        dialog.open()
        return dialog

    def _dialog(self, name: str) -> QDialog:
        if name == "refuse":
            return forms.RefuseDialog(self, self._findings())
        if name == "test":
            return forms.TestDialog(self)
        return forms.ExcludeDialog(self, self.data["open_count"])

    def _findings(self) -> list[str]:
        problems = {d["requirement"] for d in self.data["documents"] if not d["ok"]}
        return [code for title, codes in rules.REQUIREMENTS if _(title) in problems for code in codes]

    def _with_input(self, name: str, values):
        if name == "refuse":
            return lambda s, at: registry.check(s, self.row_id, at, complete=False, reasons=values)
        if name == "test":
            return lambda s, at: registry.record_test(s, self.row_id, at, **values)
        return lambda s, at: registry.exclude(s, self.row_id, values, at)

    def _run(self, step) -> None:
        run_task(in_session, self.db, step, now_kz(), on_done=self._done, parent=self)

    def _done(self, _result) -> None:
        self.changed.emit()
        self.reload()

    # -- absences -----------------------------------------------------------------------------
    def _absence_buttons(self) -> dict[str, QPushButton]:
        buttons = {"add": QPushButton(self), "edit": QPushButton(self), "delete": QPushButton(self)}
        buttons["add"].clicked.connect(lambda: self.edit_absence(None))
        buttons["edit"].clicked.connect(lambda: self._chosen_absence() and self.edit_absence(self._chosen_absence()))
        buttons["delete"].clicked.connect(self.delete_absence)
        for name, button in buttons.items():
            button.setObjectName(f"absence_{name}")
            if not access.allows(self.db, "experts.absences"):
                button.hide()
        self._name_absence_buttons(buttons)
        return buttons

    @staticmethod
    def _name_absence_buttons(buttons: dict[str, QPushButton]) -> None:
        buttons["add"].setText(_("Add absence…"))
        buttons["edit"].setText(_("Change…"))
        buttons["delete"].setText(_("Delete"))

    def _chosen_absence(self) -> dict | None:
        row = self.absences.currentRow()
        return self.data["absences"][row] if self.data and 0 <= row < len(self.data["absences"]) else None

    def edit_absence(self, absence: dict | None) -> forms.AbsenceDialog | None:
        dialog = forms.AbsenceDialog(self, absence)
        dialog.accepted.connect(lambda: self._save_absence(absence, dialog.values()))
        dialog.open()
        return dialog

    def _save_absence(self, absence: dict | None, values: dict) -> None:
        if absence is None:
            self._run(lambda s, at: assignment.add_absence(s, self.row_id, values["kind"], values["start"],
                                                           values["end"], at))
        else:
            self._run(lambda s, at: assignment.edit_absence(s, absence["id"], at, **values))

    def delete_absence(self) -> None:
        absence = self._chosen_absence()
        if absence is not None:
            self._run(lambda s, _at: assignment.delete_absence(s, absence["id"]))

    def retranslate(self) -> None:
        self._name_absence_buttons(self.absence_buttons)
        self.reload()


def _day_text(iso: str) -> str:
    return _day(date.fromisoformat(iso))
