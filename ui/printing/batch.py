"""Printing several documents at once, with a progress dialog that can cancel: they are
described (read and issued) on the database's worker, built on the input-output pool (``ui.tasks``;
docs/architecture.md, "Where a PDF is made"), then sent page by page to the one printer chosen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import gettext as _

from ..errors import show_error
from ..lazy import lazy_module
from ..tasks import run_io_task, run_task
from .pages import PdfPages, paint

printing = lazy_module("app.services.printing")   # reportlab when a form is printed
build = lazy_module("app.documents.build")

Job = Callable[[], "build.Description"]   # the database step of one document
STEPS = 3   # describing, building, printing: each a third of the progress


def each(step: Callable, items: list, stop: threading.Event, progress) -> list:
    """``step(item)`` for the items one after another until ``stop`` is set."""
    done = []
    for item in items:
        if stop.is_set():
            break
        done.append(step(item))
        progress(len(done), len(items))
    return done


def describe_all(jobs: list[Job], stop: threading.Event, progress) -> list:
    """The documents' descriptions, read and issued (runs on the database's worker)."""
    return each(lambda job: job(), jobs, stop, progress)


def build_all(descriptions: list, stop: threading.Event, progress) -> list[printing.Rendered]:
    """The documents' PDFs (runs on the input-output pool: reportlab, no database)."""
    return each(build.build, descriptions, stop, progress)


class BatchPrint:
    """One batch: describing, building, then printing, with one progress dialog; Cancel stops any step.
    ``on_finished(printed)`` receives the documents whose every page was printed."""

    def __init__(self, parent: QWidget, printer: QPrinter, jobs: list[Job],
                 on_finished: Callable[[list[printing.Rendered]], None]):
        self.printer, self.jobs, self.on_finished = printer, jobs, on_finished
        self.stop = threading.Event()
        self.printed: list[printing.Rendered] = []
        self.painting = False
        self.dialog = QProgressDialog(_("Preparing the documents…"), _("Cancel"), 0, len(jobs) * STEPS, parent)
        self.dialog.setMinimumDuration(0)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)  # Cancel works while pages are painted
        self.dialog.canceled.connect(self.cancel)
        self.task = run_task(describe_all, jobs, self.stop, on_progress=partial(self._progress, 0),
                             on_done=self._build, parent=parent)

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def cancel(self) -> None:
        self.stop.set()
        self.task.cancel()
        if not self.painting:  # while painting, the pages already sent are counted when it stops
            self.on_finished(self.printed)

    def _progress(self, step: int, done: int, total: int) -> None:
        """``done`` of ``total`` of the ``step``-th of the three steps."""
        if not self.cancelled:
            self.dialog.setValue(len(self.jobs) * step + len(self.jobs) * done // max(total, 1))

    def _build(self, descriptions: list) -> None:
        self.task = run_io_task(build_all, descriptions, self.stop, on_progress=partial(self._progress, 1),
                                on_done=self._print, parent=self.dialog)

    def _print(self, rendered: list[printing.Rendered]) -> None:
        """The pages go to the printer from the input-output pool (QPainter paints a QPrinter off
        the GUI thread): the window and the progress dialog's Cancel keep answering."""
        self.dialog.setLabelText(_("Printing…"))
        self.painting = True
        run_io_task(paint_all, rendered, self.printer, self.stop, on_progress=partial(self._progress, 2),
                    on_done=lambda whole: self._printed(rendered, whole), on_error=self._failed,
                    parent=self.dialog)

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
