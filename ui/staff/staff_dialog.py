"""Settings → Department staff…: the department's heads, chief specialists and deputy heads,
with the same services as ``saraptama staff`` and ``experts absence``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFileDialog, QHeaderView, QLineEdit, QMainWindow, \
    QMessageBox, QWidget

from app.domain.clock import now_kz, today_kz
from app.i18n import N_
from app.i18n import gettext as _
from app.services import staff
from app.services.assignment import absences

from .. import errors, language
from ..rows_dialog import RowsDialog, form_dialog
from ..tasks import run_task

COLUMNS = (N_("No."), N_("Role"), N_("Name"), N_("App 15 profile"), N_("Absences"))
ROLE_TITLES = {"head": N_("department head"), "specialist": N_("chief specialist"), "deputy_head": N_("deputy head")}
ABSENCE_TITLES = {"annual": N_("annual leave"), "unpaid": N_("unpaid leave"), "sick": N_("sick leave"),
                  "field": N_("field session")}
FIELD_TITLES = (("last_name", N_("&Surname:")), ("first_name", N_("&First name:")), ("middle_name", N_("&Patronymic:")),
                ("iin", N_("&IIN:")), ("phone", N_("P&hone:")), ("app15_items", N_("App &15 items:")))
LIST_FILTER = "XLSX (*.xlsx);;CSV (*.csv)"


def _choice(parent: QWidget, name: str, titles: dict) -> QComboBox:
    combo = QComboBox(parent, objectName=name)
    for code, title in titles.items():
        combo.addItem(_(title), code)
    return combo


class MemberForm(QDialog):
    """One person of the staff: role, name, IIN, phone, and a chief specialist's App 15 items."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.role = _choice(self, "staffRole", ROLE_TITLES)
        self.fields = {key: QLineEdit(self, objectName=f"staff_{key}") for key, _title in FIELD_TITLES}
        self.fields["iin"].setMaxLength(12)
        self.fields["app15_items"].setPlaceholderText(_("e.g. 1.7 9; empty: every item"))
        form_dialog(self, [(_("&Role:"), self.role)] + [(_(title), self.fields[key]) for key, title in FIELD_TITLES],
                    _("New staff member"))

    def values(self) -> dict:
        return {"role": self.role.currentData(), **{key: field.text() for key, field in self.fields.items()}}


class AbsenceForm(QDialog):
    """An absence of one expert (§25.4: leave, sick leave, a field session)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.kind = _choice(self, "absenceKind", ABSENCE_TITLES)
        today = QDate(today_kz())
        self.start = QDateEdit(today, self, calendarPopup=True, objectName="absenceStart")
        self.end = QDateEdit(today, self, calendarPopup=True, objectName="absenceEnd")
        form_dialog(self, [(_("&Kind:"), self.kind), (_("&From:"), self.start), (_("&To:"), self.end)], _("Absence"))


class StaffDialog(RowsDialog):
    """``changed`` after someone was added or an absence entered."""

    changed = Signal()
    columns = COLUMNS
    listing_of = staticmethod(staff.listing)

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(db, [self.ask_add, self.ask_absence, self.ask_import, self.ask_template], parent)
        self.setObjectName("staffDialog")
        self.add_button, self.absence_button, self.import_button, self.template_button = self.action_buttons
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index(N_("App 15 profile")), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.resize(820, 420)
        self.start()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Department staff"))
        self.add_button.setText(_("&Add…"))
        self.absence_button.setText(_("A&bsence…"))
        self.import_button.setText(_("&Import a list…"))
        self.template_button.setText(_("Save the list's &template…"))
        super().retranslate()
        profile = self.table.horizontalHeaderItem(COLUMNS.index(N_("App 15 profile")))
        if profile is not None:
            profile.setToolTip(language.profile_note())

    def values(self, row: dict) -> tuple[str, ...]:
        return (str(row["id"]), _(ROLE_TITLES[row["role"]]), row["name"], _(row["profile"]) if row["profile"] else "",
                str(row["absences"] or ""))

    def _changed(self, _result=None) -> None:
        self.changed.emit()
        self.load()

    def ask_add(self) -> MemberForm:
        self.form = MemberForm(self)
        self.form.accepted.connect(lambda form=self.form: self.add(form.values()))
        self.form.open()
        return self.form

    def add(self, values: dict) -> None:
        self.change(staff.add_member, values, on_done=self._changed)

    def ask_absence(self) -> AbsenceForm | None:
        member = self.chosen_row()
        if member is None or member["role"] == "deputy_head":
            return None
        self.form = AbsenceForm(self)
        self.form.accepted.connect(lambda form=self.form: self.change(
            absences.add_absence, member["id"], form.kind.currentData(), form.start.date().toPython(),
            form.end.date().toPython(), now_kz(), on_done=self._changed))
        self.form.open()
        return self.form

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a list of the staff"), "", LIST_FILTER)
        if path:
            self.import_list(Path(path))

    def import_list(self, path: Path) -> None:
        self.change(staff.import_file, path, on_done=self._imported)

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


class StaffMenu(QObject):
    """Settings → Department staff…, and the next-steps bar, added by one call from the window.
    Owned by the window: the language notifier lets go of it with the window."""

    def __init__(self, window: QMainWindow):
        from .next_steps import NextStepsBar

        super().__init__(window)
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
