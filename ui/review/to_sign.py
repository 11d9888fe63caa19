"""What the head signs (§48), opened from the signature queue: the panel's three decisions side
by side with the conclusion drawn from them, fields that differ highlighted; "Sign…" asks once
more, then the way this workstation signs (password or NCALayer PIN) before anything is written."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget)

from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services.review import messages, queues, screen

from .. import language
from ..errors import ask, show_error
from ..signing import with_signer
from ..tasks import in_session, run_task
from .comparison import SideBySide, decisions_role
from .loading import LoadsInBackground


def sign(parent: QWidget, db, number: str, summary: str, on_signed) -> QMessageBox:
    """"Sign the conclusion on draft act N: …?" — then the signer, then the signature on the
    worker; ``on_signed(number)`` when it is written."""
    text = _("Sign the conclusion on draft act {number}: {summary}? The notice to the medical organisation, the "
             "SMS and the result documents follow (§48, §51).").format(number=number, summary=summary)
    return ask(parent, text, lambda: with_signer(parent, db, lambda signer: run_task(
        in_session, db, screen.sign, number, now_kz(), signer, on_done=lambda _r: on_signed(number),
        on_error=lambda exc: show_error(parent, exc), parent=parent)))


class ToSignDialog(LoadsInBackground, QDialog):
    signed = Signal(str)

    def __init__(self, db, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("toSignDialog")
        self.db, self.number = db, number
        self.data: dict | None = None
        self.confirmation: QMessageBox | None = None
        self.caption = QLabel(wordWrap=True)
        self.table = SideBySide(self)
        self.table.setObjectName("toSignTable")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sign_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setEnabled(False)
        self.lay_out_table(self.ask_to_sign)
        self.resize(980, 600)
        self.load(queues.to_sign, number)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.sign_button.setEnabled(data["status"] == "concluded")
        self.retranslate()

    def summary(self) -> str:
        return messages.summary(self.data["conclusion"], None) if self.data and self.data["conclusion"] else ""

    def ask_to_sign(self) -> None:
        if self.data is not None:
            self.confirmation = sign(self, self.db, self.number, self.summary(), self._signed)

    def _signed(self, number: str) -> None:
        self.signed.emit(number)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Draft act {number}: the conclusion to sign (§48)").format(number=self.number))
        self.sign_button.setText(_("&Sign…"))
        if self.data is None:
            self.caption.setText(_("Loading…"))
            return
        self.caption.setText(_("Concluded {when} by {agreeing} of three matching decisions: {summary}.").format(
            when=language.format_value(datetime.fromisoformat(self.data["concluded_at"]), "datetime"),
            agreeing=language.format_number(self.data["agreeing"]), summary=self.summary()))
        headings = [f"{i + 1}. {_(decisions_role(role))}" for i, role in enumerate(self.data["roles"])]
        self.table.show_decisions([*headings, _("Conclusion")], [*self.data["decisions"], self.data["conclusion"]],
                                  self.data["differs"])
