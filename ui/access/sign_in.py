"""The sign-in form: at the start on a database with accounts, and on the lock page after
inactivity (the same account signs in again and the window is as it was).

The form loads without the models: at the start it is shown before them (``ui.main``), and the
accounts' service (with the models) is imported on the worker, while the form waits for a name
and a password (``prepare``) or when it checks them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import i18n
from app.errors import UserError
from app.i18n import gettext as _
from app.storage import Database

from .. import errors, language, settings
from ..tasks import run_task


def sign_in(db: Database, name: str, password: str):
    """``accounts.sign_in`` (on the worker: the accounts' service and the models load there)."""
    from app.services import accounts

    return accounts.sign_in(db, name, password)


def prepare() -> None:
    """Imports the accounts' service and the models (on the worker) while the form waits."""
    from sqlalchemy.orm import configure_mappers

    from app.services import accounts  # noqa: F401

    configure_mappers()


class SignInForm(QWidget):
    """Name and password; ``signed_in`` carries the ``Actor`` once the password holds."""

    signed_in = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None, *, name: str | None = None):
        super().__init__(parent)
        self.db = db
        self.title = QLabel(self)
        self.title.setObjectName("welcomeTitle")
        self.title.setWordWrap(True)
        self.name = QLineEdit(self, objectName="signInName")
        self.password = QLineEdit(self, objectName="signInPassword", echoMode=QLineEdit.EchoMode.Password)
        if name is not None:  # the lock page: only the account that was signed in
            self.name.setText(name)
            self.name.setReadOnly(True)
        self.error_label = QLabel(self, objectName="errorLabel", wordWrap=True)
        self.error_label.hide()
        self.button = QPushButton(self, objectName="primaryButton", default=True, clicked=self.submit)
        self.password.returnPressed.connect(self.submit)
        self.name.returnPressed.connect(self.password.setFocus)
        self.language = QComboBox(self, objectName="signInLanguage")
        for lang in i18n.LANGUAGES:
            self.language.addItem(language.LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))
        self.language.activated.connect(lambda _index: self.choose_language(self.language.currentData()))
        form = QFormLayout()
        self.name_label, self.password_label, self.language_label = QLabel(self), QLabel(self), QLabel(self)
        self.name_label.setBuddy(self.name)
        self.password_label.setBuddy(self.password)
        self.language_label.setBuddy(self.language)
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self._error: UserError | None = None
        self._locked_name = name
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Locked after inactivity: {name}, sign in again to go on.").format(
            name=self._locked_name) if self._locked_name else _("Sign in to Saraptama"))
        self.name_label.setText(_("&Account:"))
        self.password_label.setText(_("&Password:"))
        self.language_label.setText(_("&Language:"))
        self.button.setText(_("Sign in"))
        self._show_error(self._error)

    def choose_language(self, lang: str) -> None:
        """The sign-in form speaks the language chosen on it, and so does the window after it."""
        settings.choose_language(lang)

    def let_anyone_sign_in(self) -> None:
        """The lock page after "Another person…" or File → Sign out: any account signs in."""
        self._locked_name = None
        self.name.clear()
        self.name.setReadOnly(False)
        self.password.clear()
        self.retranslate()
        self.name.setFocus()

    def focus(self) -> None:
        (self.password if self.name.text() else self.name).setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        run_task(sign_in, self.db, self.name.text(), self.password.text(), parent=self,
                 on_done=self._done, on_error=self._failed)

    def _done(self, actor) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self._show_error(None)
        self.signed_in.emit(actor)

    def _failed(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        if isinstance(exc, UserError):
            self._show_error(exc)
        else:
            errors.show_error(self, exc)

    def _show_error(self, error: UserError | None) -> None:
        self._error = error
        self.error_label.setText(error.text() if error else "")
        self.error_label.setVisible(error is not None)


class SignInDialog(QDialog):
    """At the start: the window opens once someone signed in; closing it ends the program."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = SignInForm(db, self)
        self.form.signed_in.connect(lambda _actor: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.setMinimumWidth(420)
        self.setWindowTitle(_("Saraptama"))
