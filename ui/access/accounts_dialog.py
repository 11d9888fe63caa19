"""The administrator's accounts: who may sign in with which role; add one, disable
one, give one a new password (which also unlocks it).  The same services as ``saraptama users``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import EXPERT_ROLES, ROLE_NAMES, Role
from app.i18n import N_
from app.i18n import gettext as _
from app.services import accounts

from .. import errors, language
from ..rows_dialog import RowsDialog
from ..tasks import in_session, run_task

COLUMNS = (N_("Account"), N_("Role"), N_("Expert No."), N_("Disabled"), N_("Locked until"), N_("Last sign-in"))


class PasswordForm(QDialog):
    """A name and role (new account) or only a password, typed twice."""

    def __init__(self, parent: QWidget, *, new_account: bool, db=None):
        super().__init__(parent)
        self.db = db
        self.name = QLineEdit(self, objectName="accountName")
        self.role = QComboBox(self, objectName="accountRole")
        for role in Role:
            self.role.addItem(_(ROLE_NAMES[role]), role)
        self.expert = QComboBox(self, objectName="accountExpert")  # the person of a judging role (one IIN)
        self.expert.setMinimumContentsLength(30)
        self.role.currentIndexChanged.connect(self.load_experts)
        self.password = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password, objectName="accountPassword")
        self.again = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password, objectName="accountAgain")
        self.error_label = QLabel(self, objectName="errorLabel", wordWrap=True)
        self.error_label.hide()
        form = QFormLayout()
        if new_account:
            form.addRow(_("&Account:"), self.name)
            form.addRow(_("&Role:"), self.role)
            form.addRow(_("&Expert:"), self.expert)
        form.addRow(_("&Password:"), self.password)
        form.addRow(_("Password &again:"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        accepted=self.check, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("New account") if new_account else _("New password"))

    def load_experts(self) -> None:
        """The expert records the chosen role may be linked to; none for the other roles."""
        self.expert.clear()
        role = self.role.currentData()
        self.expert.setEnabled(role in EXPERT_ROLES)
        if self.db is not None and role in EXPERT_ROLES:
            run_task(in_session, self.db, accounts.linkable_experts, role, on_done=self._experts_loaded,
                     on_error=lambda exc: errors.show_error(self, exc), parent=self)

    def _experts_loaded(self, experts: list[dict]) -> None:
        self.expert.clear()
        for expert in experts:
            self.expert.addItem(expert["label"], expert["id"])

    def chosen_expert(self) -> int | None:
        return self.expert.currentData() if self.expert.isEnabled() else None

    def check(self) -> None:
        if self.password.text() != self.again.text():
            self.error_label.setText(_("The two passwords differ."))
            self.error_label.show()
            return
        self.accept()


def shown_moment(iso: str | None) -> str:
    """A stored moment as the lists show it (not ISO)."""
    return language.format_value(datetime.fromisoformat(iso), "datetime") if iso else ""


class AccountsDialog(RowsDialog):
    first_administrator = Signal()  # sign-in was switched on from here, and the administrator signed in
    columns = COLUMNS
    listing_of = staticmethod(accounts.listing)

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(db, [self.ask_add, self.disable, self.ask_password], parent)
        self.setObjectName("accountsDialog")
        self.add_button, self.disable_button, self.password_button = self.action_buttons
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.resize(760, 420)
        self.start()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Accounts"))
        self.add_button.setText(_("&Add…"))
        self.disable_button.setText(_("&Disable"))
        self.password_button.setText(_("New &password…"))
        super().retranslate()

    def values(self, row: dict) -> tuple[str, ...]:
        return (row["name"], _(ROLE_NAMES[Role(row["role"])]), str(row["expert"] or ""),
                _("yes") if row["disabled"] else "", shown_moment(row["locked_until"]),
                shown_moment(row["last_sign_in"]))

    def chosen(self) -> str | None:
        row = self.chosen_row()
        return row["name"] if row else None

    def _change(self, function, *args) -> None:
        self.change(function, *args)

    def ask_add(self) -> PasswordForm:
        self.form = PasswordForm(self, new_account=True, db=self.db if self.rows else None)
        if not self.rows:  # the first account must be the administrator
            self.form.role.setCurrentIndex(self.form.role.findData(Role.ADMIN))
        self.form.load_experts()
        self.form.accepted.connect(lambda form=self.form: run_task(
            accounts.add_signing_in_first, self.db, form.name.text(), form.role.currentData(), form.password.text(),
            form.chosen_expert(), on_done=self._added, on_error=self._failed, parent=self))
        self.form.open()
        return self.form

    def _added(self, added: dict) -> None:
        if added["first"]:
            self.first_administrator.emit()
        self.load()

    def disable(self) -> None:
        if self.chosen():
            self._change(accounts.disable, self.chosen())

    def ask_password(self) -> PasswordForm | None:
        name = self.chosen()
        if name is None:
            return None
        self.form = PasswordForm(self, new_account=False)
        self.form.accepted.connect(lambda form=self.form: self._change(
            accounts.reset_password, name, form.password.text()))
        self.form.open()
        return self.form


