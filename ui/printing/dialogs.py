"""The dialogs of printing: an act's documents, a department's journal, checking a document."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QInputDialog, QLabel, QLineEdit, QMessageBox, QRadioButton, QVBoxLayout, QWidget)

from app.errors import UserError
from app.i18n import N_
from app.i18n import gettext as _

from ..errors import show_error
from ..signing import with_signer
from ..lazy import lazy_module
from ..tasks import in_session, run_task
from ..widgets import today_qdate
from .batch import BatchPrint
from .jobs import described_then_built, preview, record_copies
from .preview import open_print_dialog

documents = lazy_module("app.services.documents")   # reportlab when a form is printed
printing = lazy_module("app.services.printing")
build = lazy_module("app.documents.build")


class ActDocumentsDialog(QDialog):
    """Which of an act's result documents to preview, print, or sign and save (§51 part 2: on
    request; the paper copy is a printout of the signed electronic document)."""

    signed_saved = Signal(list)  # what ``printing.save_signed`` wrote

    def __init__(self, db, act_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.act_id = db, act_id
        self.number = ""
        self.boxes: dict[str, QCheckBox] = {}
        self.printer: QPrinter | None = None  # kept while the print dialog and the batch use it
        self.batch: BatchPrint | None = None
        self.setWindowTitle(_("Print the act's documents"))
        self.heading = QLabel(_("Loading…"), self)
        self.choices = QVBoxLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(_("Pre&view"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button = buttons.addButton(_("&Sign and save…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.ask_folder)
        self.preview_button.clicked.connect(self.preview_selected)
        self.print_button.clicked.connect(self.choose_printer)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.choices)
        layout.addWidget(buttons)
        for button in (self.preview_button, self.print_button, self.sign_button):
            button.setEnabled(False)
        run_task(in_session, db, printing.act_documents, act_id, on_done=self._show_choices, parent=self)

    def _show_choices(self, found: tuple[str, list[str]]) -> None:
        self.number, kinds = found
        self.heading.setText(_("Act {number}").format(number=self.number))
        for kind in kinds:
            box = QCheckBox(_(printing.ACT_DOCUMENTS[kind].title), self)
            box.setChecked(printing.ACT_DOCUMENTS[kind].issued)
            self.choices.addWidget(box)
            self.boxes[kind] = box
        for button in (self.preview_button, self.print_button, self.sign_button):
            button.setEnabled(bool(kinds))

    def selected(self) -> list[str]:
        return [kind for kind, box in self.boxes.items() if box.isChecked()]

    def jobs(self) -> list:
        return [partial(printing.describe_act_document, self.db, kind, self.number) for kind in self.selected()]

    def preview_selected(self) -> None:
        for kind, job in zip(self.selected(), self.jobs()):
            preview(self, self.db, job, _(printing.ACT_DOCUMENTS[kind].title), file_name=f"{self.number}-{kind}.pdf")

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Save the signed documents in"))
        if folder:
            self.sign_and_save(Path(folder))

    def sign_and_save(self, folder: Path) -> None:
        """Each chosen document signed with this workstation's key (its password asked now) and
        saved in ``folder``: described and issued on the database's worker, built, signed and
        written on the input-output pool, its copy recorded on the database's worker."""
        kinds = self.selected()
        with_signer(self, self.db, lambda signer: self._sign(kinds, folder, signer))

    def _sign(self, kinds: list[str], folder: Path, signer) -> None:
        def failed(error: BaseException) -> None:
            show_error(self, error)

        def record(saved: list) -> None:
            run_task(printing.record_saved, self.db, saved, user=self.db.user, on_done=self._saved, on_error=failed,
                     parent=self)
        try:
            signer, files = printing.check_signer(signer), printing.signed_files(folder, self.number, kinds)
        except UserError as error:
            failed(error)
            return
        described_then_built(partial(printing.describe_act_documents, self.db, kinds, self.number),
                             partial(printing.save_signed_files, files=files, signer=signer), record, self,
                             on_error=failed)

    def _saved(self, written: list[dict]) -> None:
        self.heading.setText(_("{count} signed documents saved in {folder}").format(
            count=len(written), folder=str(Path(written[0]["file"]).parent) if written else ""))
        self.signed_saved.emit(written)

    def choose_printer(self) -> QPrintDialog:
        return open_print_dialog(self)

    def print_to(self, printer: QPrinter) -> BatchPrint:
        self.printer = printer
        self.batch = BatchPrint(self, printer, self.jobs(), lambda printed: record_copies(self.db, printed))
        return self.batch


class JournalDialog(QDialog):
    """The day's protocol or the month's journal of a department (App 17/18), to preview."""

    def __init__(self, db, department_code: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Protocol journal"))
        self.department = QLineEdit(department_code, self)
        self.day_choice = QRadioButton(_("The day's protocol"), self)
        self.month_choice = QRadioButton(_("The month's journal"), self)
        self.day_choice.setChecked(True)
        self.date = QDateEdit(today_qdate(), self)
        self.date.setCalendarPopup(True)
        form = QFormLayout(self)
        form.addRow(_("Department code:"), self.department)
        form.addRow(self.day_choice)
        form.addRow(self.month_choice)
        form.addRow(_("Date:"), self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def job(self) -> Callable[[], build.Journal]:
        """The database step of the journal chosen (the widgets are read here, on the GUI thread)."""
        day = self.date.date().toPython()
        code = self.department.text().strip()
        if self.month_choice.isChecked():
            return partial(printing.describe_journal, self.db, code, month=f"{day:%Y-%m}")
        return partial(printing.describe_journal, self.db, code, day=day)

    def accept(self) -> None:
        super().accept()
        preview(self.parentWidget(), self.db, self.job(), _("Protocol journal"))


RESULTS = {"valid": N_("Valid: the database issued this document with this content."),
           "altered": N_("Altered: the database issued this document, but with other content."),
           "replaced": N_("Replaced: the database issued this document with this content, but a later conclusion "
                          "replaced it; it is no longer in force."),
           "unknown": N_("Unknown: no such document was issued.")}


def check_document(parent: QWidget, db, on_answer=None) -> QInputDialog:
    """Asks for the text of a document's QR code and says valid, altered, replaced or unknown."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_("Check a document"))
    dialog.setLabelText(_("Text of the document's QR code:"))

    def answer(result: dict) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Check a document"), _(RESULTS[result["result"]]),
                          QMessageBox.StandardButton.Ok, parent)
        box.open()
        if on_answer is not None:
            on_answer(result)
    dialog.textValueSelected.connect(
        lambda text: run_task(in_session, db, documents.verify, text, on_done=answer, parent=parent))
    dialog.open()
    return dialog
