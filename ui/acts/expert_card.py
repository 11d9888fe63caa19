"""An expert's card: who the expert is, their absences (annual leave, unpaid leave, sick leave,
field session) to add, change or delete, and the undecided acts they hold.  An absence that
overlaps an act's review window moves that act to another expert at once (Registry Rules
p. 14, ``app.services.assignment``); a message then lists the acts that moved.

Self-contained: ``open_expert_card(db, staff_member_id, parent)`` opens it from any tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain import labels, panel
from app.domain.clock import now_kz
from app.domain.regions import region_by_code
from app.i18n import gettext as _
from app.services import assignment, cards

from .. import access, errors, language
from ..registry.forms import AbsenceDialog
from ..tasks import in_session, run_task
from ..widgets import show_fitted
from .card import fill, moment_text, table

EXPERT_CARD_SIZE = QSize(860, 620)


def day_text(iso: str) -> str:
    return language.format_value(date.fromisoformat(iso), "date")


def moved_text(moved: list[dict]) -> str:
    """The acts an absence moved: who left, for what reason, and the panel now (or why a place is empty)."""
    if not moved:
        return _("No act had to move.")
    lines = []
    for act in moved:
        panel_now = ", ".join(f"{e['name']} ({_(panel.PLACE_LABELS[e['role']])}, {moment_text(e['due'])})"
                              for e in act["experts"])
        lines.append(_("Act {number}: {expert} withdrawn ({reason}). Experts now: {experts}.").format(
            number=act["number"], expert=act["withdrawn"]["name"], reason=act["withdrawn"]["reason"],
            experts=panel_now) + (f" {act['reason']}" if act.get("reason") else ""))
    return "\n\n".join(lines)


class ExpertCard(QDialog):
    """``changed``: an absence was entered, changed or deleted (lists and cards should read
    again); ``act_opened(number)``: a double click on one of the expert's acts."""

    changed = Signal()
    act_opened = Signal(str)

    def __init__(self, db, staff_member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expertCard")
        self.db, self.expert_id = db, staff_member_id
        self.card: dict | None = None
        self.last_message: QMessageBox | None = None
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.about = QLabel(wordWrap=True)
        self.absences_group, self.work_group = QGroupBox(), QGroupBox()
        self.absences = table(3)
        self.absences.itemDoubleClicked.connect(self.edit_absence)
        self.work = table(3)
        self.work.itemDoubleClicked.connect(self._open_act)
        self.add_button = QPushButton(clicked=self.add_absence)
        self.edit_button = QPushButton(clicked=self.edit_absence)
        self.delete_button = QPushButton(clicked=self.delete_absence)
        if not access.allows(db, "experts.absences"):  # the service refuses anyway
            for button in (self.add_button, self.edit_button, self.delete_button):
                button.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)
        self._lay_out()
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        absences = QVBoxLayout(self.absences_group)
        absences.addWidget(self.absences, 1)
        absences.addLayout(row)
        QVBoxLayout(self.work_group).addWidget(self.work)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(self.absences_group, 1)
        layout.addWidget(self.work_group, 1)
        layout.addWidget(self.buttons)

    # -- reading and changing -----------------------------------------------------------------------
    def load(self) -> None:
        run_task(in_session, self.db, cards.expert_card, self.expert_id, on_done=self._show, parent=self)

    def _show(self, card: dict) -> None:
        self.card = card
        self.retranslate()

    def selected_absence(self) -> dict | None:
        row = self.absences.currentRow()
        return self.card["absences"][row] if self.card and 0 <= row < len(self.card["absences"]) else None

    def add_absence(self) -> AbsenceDialog:
        editor = AbsenceDialog(self)
        editor.accepted.connect(lambda: self._add(editor.values()))
        editor.open()
        return editor

    def _add(self, values: dict) -> None:
        self._change(assignment.add_absence, self.expert_id, values["kind"], values["start"], values["end"], now_kz())

    def edit_absence(self) -> AbsenceDialog | None:
        absence = self.selected_absence()
        if absence is None:
            return None
        editor = AbsenceDialog(self, absence)
        editor.accepted.connect(lambda: self._change(assignment.edit_absence, absence["id"], now_kz(),
                                                     **editor.values()))
        editor.open()
        return editor

    def delete_absence(self) -> QMessageBox | None:
        absence = self.selected_absence()
        if absence is None:
            return None
        box = errors.message_box(self, QMessageBox.Icon.Question, _("Delete the absence {start} to {end}?").format(
            start=day_text(absence["from"]), end=day_text(absence["to"])))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._change(assignment.delete_absence, absence["id"]))
        box.open()
        return box

    def _change(self, fn, *args, **kwargs) -> None:
        run_task(in_session, self.db, fn, *args, on_done=self._changed, parent=self, **kwargs)

    def _changed(self, result: dict) -> None:
        """After a change: read again, tell the window, and list the acts that moved."""
        self.load()
        self.changed.emit()
        if "reassigned" in result:
            self.last_message = errors.message_box(self, QMessageBox.Icon.Information, _("The absence is saved."))
            self.last_message.setInformativeText(moved_text(result["reassigned"]))
            self.last_message.open()

    def _open_act(self) -> None:
        row = self.work.currentRow()
        if self.card and 0 <= row < len(self.card["open"]):
            self.act_opened.emit(self.card["open"][row]["number"])

    # -- showing ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        card = self.card
        self.setWindowTitle(_("Expert's card"))
        self.absences_group.setTitle(_("Absences"))
        self.work_group.setTitle(_("Undecided draft acts"))
        self.add_button.setText(_("Add…"))
        self.edit_button.setText(_("Change…"))
        self.delete_button.setText(_("Delete"))
        self.absences.setHorizontalHeaderLabels([_("Kind of absence"), _("From"), _("To")])
        self.work.setHorizontalHeaderLabels([_("Draft act No."), _("Place"), _("Due")])
        if card is None:
            self.title.setText(_("Reading…"))
            return
        self.title.setText(card["name"])
        self.about.setText(" · ".join(filter(None, (
            _(labels.STAFF_ROLE[card["role"]]), region_by_code(card["region"]).name(i18n.current_language()),
            card["department"], _(labels.REGISTRY_STATUS[card["status"]]), card["profile"]))))
        fill(self.absences, [[_(labels.ABSENCE_KIND[a["kind"]]), day_text(a["from"]), day_text(a["to"])]
                             for a in card["absences"]])
        fill(self.work, [[w["number"], _(panel.PLACE_LABELS[w["role"]]), moment_text(w["due"])] for w in card["open"]])
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(bool(card["absences"]))


def open_expert_card(db, staff_member_id: int, parent: QWidget | None = None) -> ExpertCard:
    """Opens (non-modal) the card of the expert with this staff member id."""
    card = ExpertCard(db, staff_member_id, parent)
    show_fitted(card, EXPERT_CARD_SIZE)
    return card
