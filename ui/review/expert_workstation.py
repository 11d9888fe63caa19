"""One expert's workstation (§25.2, §25.5): what the main window adds when it serves an expert,
not a department — **My acts** opening the review screen, and File → Receive acts from file… /
Export decisions to file… (``app.services.review.laptop``), each a background task with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from app.json_files import read_json_file
from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.i18n import ngettext
from app.services.review import laptop, lists

from .. import errors, language
from ..tasks import in_session, run_task
from .review_dialog import ReviewDialog

FILE_FILTER = "JSON (*.json)"


def my_acts(expert_id: int):
    """The one list of an expert's workstation."""
    return lists.my_acts_listing(expert_id)


def receive_file(db, path: Path, progress=None) -> dict:
    """Worker side of "Receive acts from file…"."""
    document = read_json_file(path)
    return in_session(db, laptop.receive_acts, document, now_kz(), progress=progress)


def export_file(db, path: Path) -> dict:
    """Worker side of "Export decisions to file…": written, then marked sent."""
    return in_session(db, laptop.write_decisions, path, now_kz())


def received_text(result: dict) -> str:
    text = _("Acts received: {new} new, {updated} changed, {removed} no longer yours.").format(
        new=len(result["received"]), updated=len(result["updated"]), removed=len(result["removed"]))
    if result["kept_unsent"]:
        text += " " + _("Kept until your decisions on them are sent: {numbers}.").format(
            numbers=", ".join(result["kept_unsent"]))
    return text


def exported_text(result: dict) -> str:
    return ngettext("{count} decision written to {file}.", "{count} decisions written to {file}.",
                    result["decisions"]).format(count=result["decisions"], file=result["file"])


class ExpertWorkstation(QObject):
    """Installed by the main window on an expert's workstation."""

    finished = Signal(str)  # the text of the result of a receive or export

    def __init__(self, window, expert_id: int):
        super().__init__(window)
        self.window = window
        self.expert_id = expert_id
        self.review: ReviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self.receive_action = QAction(window, triggered=self.choose_acts_file)
        self.export_action = QAction(window, triggered=self.choose_decisions_file)
        window.add_file_actions(self.receive_action, self.export_action)
        window.row_opened.connect(self.open_row)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.receive_action.setText(_("&Receive acts from file…"))
        self.export_action.setText(_("E&xport decisions to file…"))

    # -- the review screen ---------------------------------------------------------------------------
    def open_row(self, list_name: str, row_id: int) -> ReviewDialog | None:
        return self.open_review(row_id) if list_name == "my_acts" else None

    def open_review(self, act_id: int) -> ReviewDialog:
        self.review = ReviewDialog(self.window.db, act_id, expert_id=self.expert_id, parent=self.window)
        self.review.open()
        return self.review

    # -- files ---------------------------------------------------------------------------------------
    def choose_acts_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self.window, _("Receive acts from file"), "", FILE_FILTER)
        if path:
            self.receive(Path(path))

    def choose_decisions_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export decisions to file"), str(Path.home() / f"decisions-{self.expert_id}.json"),
            FILE_FILTER)
        if path:
            self.export(Path(path))

    def receive(self, path: Path) -> None:
        self._start(_("Receiving acts…"))
        run_task(receive_file, self.window.db, path, parent=self.window, on_progress=self._progressed,
                 on_done=lambda result: self._done(received_text(result)), on_error=self._failed)

    def export(self, path: Path) -> None:
        self._start(_("Exporting decisions…"))
        run_task(export_file, self.window.db, path, parent=self.window,
                 on_done=lambda result: self._done(exported_text(result)), on_error=self._failed)

    def _start(self, label: str) -> None:
        self.progress = QProgressDialog(label, "", 0, 0, self.window)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle(_("My acts"))
        self.progress.setMinimumDuration(0)
        self.progress.show()

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _stop(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, text: str) -> None:
        self._stop()
        self.window.status.show_message(text, 15_000)
        box = errors.message_box(self.window, QMessageBox.Icon.Information, text)
        box.open()
        self.finished.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        errors.show_error(self.window, exc)
