"""Settings → Department staff…: the department's heads, chief specialists and deputy heads,
with the same services as ``saraptama staff`` and ``experts absence``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import now_kz, today_kz
from app.i18n import N_
from app.i18n import gettext as _
from app.services import staff
from app.services.assignment import absences

from .. import errors, language
from ..tasks import in_session, run_task

COLUMNS = (N_("No."), N_("Role"), N_("Name"), N_("App 15 profile"), N_("Absences"))
ROLE_TITLES = {"head": N_("department head"), "specialist": N_("chief specialist"), "deputy_head": N_("deputy head")}
ABSENCE_TITLES = {"annual": N_("annual leave"), "unpaid": N_("unpaid leave"), "sick": N_("sick leave"),
                  "field": N_("field session")}
LIST_FILTER = "XLSX (*.xlsx);;CSV (*.csv)"


class MemberForm(QDialog):
    """One person of the staff: role, name, IIN, phone, and a chief specialist's App 15 items."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.role = QComboBox(self, objectName="staffRole")
        for code, title in ROLE_TITLES.items():
            self.role.addItem(_(title), code)
        self.fields = {key: QLineEdit(self, objectName=f"staff_{key}") for key in
                       ("last_name", "first_name", "middle_name", "iin", "phone", "app15_items")}
        self.fields["iin"].setMaxLength(12)
        self.fields["app15_items"].setPlaceholderText(_("e.g. 1.7 9; empty: every item"))
        form = QFormLayout()
        form.addRow(_("&Role:"), self.role)
        for key, title in (("last_name", N_("&Surname:")), ("first_name", N_("&First name:")),
                           ("middle_name", N_("&Patronymic:")), ("iin", N_("&IIN:")), ("phone", N_("P&hone:")),
                           ("app15_items", N_("App &15 items:"))):
            form.addRow(_(title), self.fields[key])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   accepted=self.accept, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setWindowTitle(_("New staff member"))

    def values(self) -> dict:
        return {"role": self.role.currentData(), **{key: field.text() for key, field in self.fields.items()}}


class AbsenceForm(QDialog):
    """An absence of one expert (§25.4: leave, sick leave, a field session)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.kind = QComboBox(self, objectName="absenceKind")
        for code, title in ABSENCE_TITLES.items():
            self.kind.addItem(_(title), code)
        today = QDate(today_kz())
        self.start = QDateEdit(today, self, calendarPopup=True, objectName="absenceStart")
        self.end = QDateEdit(today, self, calendarPopup=True, objectName="absenceEnd")
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&From:"), self.start)
        form.addRow(_("&To:"), self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   accepted=self.accept, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setWindowTitle(_("Absence"))


class StaffDialog(QDialog):
    """``changed`` after someone was added or an absence entered."""

    changed = Signal()

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("staffDialog")
        self.rows: list[dict] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index(N_("App 15 profile")), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(self, clicked=self.ask_add, objectName="addStaff")
        self.absence_button = QPushButton(self, clicked=self.ask_absence, objectName="addAbsence")
        self.import_button = QPushButton(self, clicked=self.ask_import, objectName="importStaff")
        self.template_button = QPushButton(self, clicked=self.ask_template, objectName="staffTemplate")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.absence_button, self.import_button, self.template_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.resize(820, 420)
        self.form: QDialog | None = None
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Department staff"))
        self.add_button.setText(_("&Add…"))
        self.absence_button.setText(_("A&bsence…"))
        self.import_button.setText(_("&Import a list…"))
        self.template_button.setText(_("Save the list's &template…"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    def load(self) -> None:
        run_task(in_session, self.db, staff.listing, on_done=self._loaded, on_error=self._failed, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            values = (str(row["id"]), _(ROLE_TITLES[row["role"]]), row["name"], _(row["profile"]) if row["profile"]
                      else "", str(row["absences"] or ""))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # a long App 15 profile is cut in its column
                self.table.setItem(number, column, item)

    def _failed(self, exc: BaseException) -> None:
        self.last_error = exc
        errors.show_error(self, exc)

    def _changed(self, _result=None) -> None:
        self.changed.emit()
        self.load()

    def ask_add(self) -> MemberForm:
        self.form = MemberForm(self)
        self.form.accepted.connect(lambda form=self.form: self.add(form.values()))
        self.form.open()
        return self.form

    def add(self, values: dict) -> None:
        run_task(in_session, self.db, staff.add_member, values, on_done=self._changed, on_error=self._failed,
                 parent=self)

    def chosen(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def ask_absence(self) -> AbsenceForm | None:
        member = self.chosen()
        if member is None or member["role"] == "deputy_head":
            return None
        self.form = AbsenceForm(self)
        self.form.accepted.connect(lambda form=self.form: run_task(
            in_session, self.db, absences.add_absence, member["id"], form.kind.currentData(),
            form.start.date().toPython(), form.end.date().toPython(), now_kz(), on_done=self._changed,
            on_error=self._failed, parent=self))
        self.form.open()
        return self.form

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a list of the staff"), "", LIST_FILTER)
        if path:
            self.import_list(Path(path))

    def import_list(self, path: Path) -> None:
        run_task(in_session, self.db, staff.import_file, path, on_done=self._imported, on_error=self._failed,
                 parent=self)

    def _imported(self, result: dict) -> None:
        self._changed()
        text = _("{added} added; {already} on the staff already.").format(added=result["added"],
                                                                         already=result["already_on_staff"])
        errors.message_box(self, QMessageBox.Icon.Information, text).open()

    def ask_template(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the list's template"),
                                                    str(Path.home() / "staff.xlsx"), LIST_FILTER)
        if path:
            run_task(staff.write_template, Path(path), on_error=self._failed, parent=self)


class StaffMenu:
    """Settings → Department staff…, and the next-steps bar, added by one call from the window."""

    def __init__(self, window: QMainWindow):
        from .next_steps import NextStepsBar

        self.window = window
        self.action = QAction(window, triggered=self.show_staff)
        window.settings_menu.insertAction(window.accounts_action, self.action)
        self.next_steps = NextStepsBar(window)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(_("Department &staff…"))

    def show_staff(self) -> StaffDialog:
        dialog = StaffDialog(self.window.db, self.window)
        dialog.changed.connect(self.next_steps.refresh)
        dialog.open()
        return dialog
