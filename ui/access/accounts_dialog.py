"""The administrator's accounts (issue 12): who may sign in with which role; add one, disable
one, give one a new password (which also unlocks it).  The same services as ``saraptama users``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from app.domain.permissions import ROLE_NAMES, Role
from app.i18n import N_
from app.i18n import gettext as _
from app.services import accounts

from .. import errors, language
from ..tasks import in_session, run_task

COLUMNS = (N_("Account"), N_("Role"), N_("Disabled"), N_("Locked until"), N_("Last sign-in"))


class PasswordForm(QDialog):
    """A name and role (new account) or only a password, typed twice."""

    def __init__(self, parent: QWidget, *, new_account: bool):
        super().__init__(parent)
        self.name = QLineEdit(self, objectName="accountName")
        self.role = QComboBox(self, objectName="accountRole")
        for role in Role:
            self.role.addItem(_(ROLE_NAMES[role]), role)
        self.password = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password, objectName="accountPassword")
        self.again = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password, objectName="accountAgain")
        self.error_label = QLabel(self, objectName="errorLabel", wordWrap=True)
        self.error_label.hide()
        form = QFormLayout()
        if new_account:
            form.addRow(_("&Account:"), self.name)
            form.addRow(_("&Role:"), self.role)
        form.addRow(_("&Password:"), self.password)
        form.addRow(_("Password &again:"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        accepted=self.check, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("New account") if new_account else _("New password"))

    def check(self) -> None:
        if self.password.text() != self.again.text():
            self.error_label.setText(_("The two passwords differ."))
            self.error_label.show()
            return
        self.accept()


def shown_moment(iso: str | None) -> str:
    """A stored moment as the lists show it (not ISO)."""
    return language.format_value(datetime.fromisoformat(iso), "datetime") if iso else ""


class AccountsDialog(QDialog):
    first_administrator = Signal()  # sign-in was switched on from here, and the administrator signed in

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("accountsDialog")
        self.rows: list[dict] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self, clicked=self.ask_add)
        self.disable_button = QPushButton(self, clicked=self.disable)
        self.password_button = QPushButton(self, clicked=self.ask_password)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.resize(760, 420)
        self.form: PasswordForm | None = None
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Accounts"))
        self.add_button.setText(_("&Add…"))
        self.disable_button.setText(_("&Disable"))
        self.password_button.setText(_("New &password…"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    def load(self) -> None:
        run_task(in_session, self.db, accounts.listing, on_done=self._loaded, on_error=self._failed, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            values = (row["name"], _(ROLE_NAMES[Role(row["role"])]), _("yes") if row["disabled"] else "",
                      shown_moment(row["locked_until"]), shown_moment(row["last_sign_in"]))
            for column, value in enumerate(values):
                self.table.setItem(number, column, QTableWidgetItem(value))

    def chosen(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row]["name"] if 0 <= row < len(self.rows) else None

    def _change(self, function, *args) -> None:
        run_task(in_session, self.db, function, *args, on_done=lambda _r: self.load(), on_error=self._failed,
                 parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.last_error = exc
        errors.show_error(self, exc)

    def ask_add(self) -> PasswordForm:
        self.form = PasswordForm(self, new_account=True)
        if not self.rows:  # the first account must be the administrator
            self.form.role.setCurrentIndex(self.form.role.findData(Role.ADMIN))
        self.form.accepted.connect(lambda form=self.form: run_task(
            accounts.add_signing_in_first, self.db, form.name.text(), form.role.currentData(), form.password.text(),
            on_done=self._added, on_error=self._failed, parent=self))
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


