"""Printing several documents at once: they are built on the background worker (``ui.tasks``)
with a progress dialog that can cancel, then sent page by page to the one printer chosen."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import gettext as _

from ..errors import show_error
from ..lazy import lazy_module
from ..tasks import run_io_task, run_task
from .pages import PdfPages, paint

printing = lazy_module("app.services.printing")   # reportlab when a form is printed

Job = Callable[[], "printing.Rendered"]


def render_all(jobs: list[Job], stop: threading.Event, progress) -> list[printing.Rendered]:
    """Builds the documents one after another until ``stop`` is set (runs on the worker)."""
    done = []
    for job in jobs:
        if stop.is_set():
            break
        done.append(job())
        progress(len(done), len(jobs) * 2)
    return done


class BatchPrint:
    """One batch: building, then printing, with one progress dialog; Cancel stops either step.
    ``on_finished(printed)`` receives the documents whose every page was printed."""

    def __init__(self, parent: QWidget, printer: QPrinter, jobs: list[Job],
                 on_finished: Callable[[list[printing.Rendered]], None]):
        self.printer, self.jobs, self.on_finished = printer, jobs, on_finished
        self.stop = threading.Event()
        self.printed: list[printing.Rendered] = []
        self.painting = False
        self.dialog = QProgressDialog(_("Preparing the documents…"), _("Cancel"), 0, len(jobs) * 2, parent)
        self.dialog.setMinimumDuration(0)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)  # Cancel works while pages are painted
        self.dialog.canceled.connect(self.cancel)
        self.task = run_task(render_all, jobs, self.stop, on_progress=self._progress, on_done=self._print,
                             parent=parent)

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def cancel(self) -> None:
        self.stop.set()
        self.task.cancel()
        if not self.painting:  # while painting, the pages already sent are counted when it stops
            self.on_finished(self.printed)

    def _progress(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.dialog.setValue(done)

    def _print(self, rendered: list[printing.Rendered]) -> None:
        """The pages go to the printer from the input-output pool (QPainter paints a QPrinter off
        the GUI thread): the window and the progress dialog's Cancel keep answering."""
        self.dialog.setLabelText(_("Printing…"))
        self.painting = True
        run_io_task(paint_all, rendered, self.printer, self.stop, on_progress=self._painted,
                    on_done=lambda whole: self._printed(rendered, whole), on_error=self._failed,
                    parent=self.dialog)

    def _painted(self, done: int, total: int) -> None:
        if not self.cancelled:
            self.dialog.setValue(len(self.jobs) + len(self.jobs) * done // max(total, 1))

    def _printed(self, rendered: list[printing.Rendered], whole: int) -> None:
        self.painting = False
        self.printed = rendered[:whole]
        self.dialog.reset()
        self.on_finished(self.printed)

    def _failed(self, error: BaseException) -> None:
        self._printed([], 0)
        show_error(self.dialog.parentWidget(), error)


def paint_all(rendered: list[printing.Rendered], printer: QPrinter, stop: threading.Event, progress) -> int:
    """Every page of ``rendered`` as one job, until ``stop`` is set (runs on the I/O pool);
    how many documents were sent whole."""
    documents = [PdfPages(document.pdf) for document in rendered]
    try:
        return paint(documents, printer, progress=lambda done, total: progress(done, total) or not stop.is_set())
    finally:
        for document in documents:
            document.close()
