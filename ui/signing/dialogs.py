"""The dialogs of signing: the key's password (asked each time, kept only until the key is
open), how this workstation signs, and the verdict on a signed PDF."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from app.i18n import N_
from app.i18n import gettext as _
from app.services.review.signer import Signer

from ..errors import show_error
from ..lazy import lazy_module
from ..tasks import in_session, run_io_task, run_task

# pyHanko and cryptography when something is signed or checked
choice = lazy_module("app.services.signing.choice")
signers = lazy_module("app.services.signing.signers")
verification = lazy_module("app.services.signing.verification")

REASONS = {"changed": N_("the document was changed after it was signed"),
           "expired": N_("the signer's certificate has expired"),
           "revoked": N_("the signer's certificate is revoked"),
           "untrusted": N_("the certificate does not chain to a trust root of this department"),
           "unsigned": N_("the document carries no electronic signature"),
           "modified_after_signing": N_("something was added to the document after it was signed; the "
                                        "signature does not cover it"),
           "unsupported": N_("it is a ГОСТ signature, which this program cannot check; check it with the "
                             "tools of НУЦ РК")}


class PasswordDialog(QDialog):
    """The password of the key file, for this signing only: ``given`` carries it once, and the
    field is emptied at once."""

    given = Signal(str)

    def __init__(self, key_file: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Password of the key"))
        self.field = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.field.setObjectName("keyPassword")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Enter the password of the key {file}.").format(file=Path(key_file).name), self))
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def accept(self) -> None:
        password = self.field.text()
        self.field.clear()
        super().accept()
        self.given.emit(password)


def with_signer(parent: QWidget, db, proceed: Callable[[Signer], None],
                cancelled: Callable[[], None] = lambda: None) -> None:
    """Finds how this workstation signs, asks a key file's password, then ``proceed(signer)``;
    ``cancelled()`` when the user gives up or the key does not open."""
    def failed(error: BaseException) -> None:
        cancelled()
        show_error(parent, error)

    def chosen(how: choice.SigningChoice) -> None:
        if how.method != choice.PKCS12:
            proceed(choice.make_signer(how, str))
            return
        dialog = PasswordDialog(how.key_file, parent)  # kept (empty) until its parent closes
        dialog.given.connect(partial(open_key, Path(how.key_file)))
        dialog.rejected.connect(cancelled)
        dialog.open()

    def open_key(key_file: Path, password: str) -> None:  # a file and its key derivation, not the database
        run_io_task(signers.Pkcs12Signer, key_file, password, on_done=proceed, on_error=failed, parent=parent)

    run_task(in_session, db, choice.choice, on_done=chosen, on_error=failed, parent=parent)


class SigningSettingsDialog(QDialog):
    """Settings → Electronic signature: no key (local hash), a PKCS#12 key file, or NCALayer."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Electronic signature"))
        self.methods = QButtonGroup(self)
        labels = {choice.LOCAL: _("No key: a checksum only (demonstration, trials)"),
                  choice.PKCS12: _("A key file (PKCS#12, RSA); its password is asked at each signing"),
                  choice.NCALAYER: _("NCALayer (ГОСТ and RSA keys, tokens)")}
        layout = QVBoxLayout(self)
        for index, method in enumerate(choice.METHODS):
            button = QRadioButton(labels[method], self)
            button.setObjectName(f"method_{method}")
            self.methods.addButton(button, index)
            layout.addWidget(button)
        form = QFormLayout()
        self.key_file = QLineEdit(self)
        browse = QPushButton(_("Choose…"), self, clicked=self.browse)
        row = QHBoxLayout()
        row.addWidget(self.key_file)
        row.addWidget(browse)
        form.addRow(_("Key file:"), row)
        self.url = QLineEdit(self)
        form.addRow(_("NCALayer address:"), self.url)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        run_task(in_session, db, choice.choice, on_done=self.show_choice, parent=self)

    def show_choice(self, how: choice.SigningChoice) -> None:
        self.methods.button(choice.METHODS.index(how.method)).setChecked(True)
        self.key_file.setText(how.key_file)
        self.url.setText(how.ncalayer_url)

    def browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Key file"), self.key_file.text(),
                                                    _("PKCS#12 keys (*.p12 *.pfx)"))
        if path:
            self.key_file.setText(path)

    def save(self) -> None:
        method = choice.METHODS[max(self.methods.checkedId(), 0)]
        run_task(in_session, self.db, choice.set_choice, method, self.key_file.text(), self.url.text(),
                 on_done=lambda _how: self.accept(), on_error=lambda e: show_error(self, e), parent=self)


class VerifyDialog(QDialog):
    """File → Verify a signed document: the verdict on one PDF against this department's roots."""

    def __init__(self, db, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Electronic signature of {file}").format(file=path.name))
        self.setMinimumWidth(520)
        self.verdict = QLabel(_("Checking…"), self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.signer, self.serial, self.signed_at = QLabel(self), QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(_("Signed by:"), self.signer)
        form.addRow(_("Certificate serial number:"), self.serial)
        form.addRow(_("Signed at:"), self.signed_at)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.result: dict | None = None
        run_task(in_session, db, verification.verify_pdf_file, path, on_done=self.show_verdict,
                 on_error=lambda e: show_error(self, e), parent=self)

    def show_verdict(self, result: dict) -> None:
        self.result = result
        if result["valid"]:
            self.verdict.setText(_("The signature is valid."))
            self.verdict.setStyleSheet("color: darkgreen; font-weight: bold")
        else:
            self.verdict.setText(_("The signature is not valid: {reason}.").format(reason=_(REASONS[result["reason"]])))
            self.verdict.setStyleSheet("color: darkred; font-weight: bold")
        self.signer.setText(result["signer"] or "—")
        self.serial.setText(result["serial"] or "—")
        self.signed_at.setText((result["signed_at"] or "—").replace("T", " "))
        self.adjustSize()
