"""Printing several documents at once: they are built on the background worker (``ui.tasks``)
with a progress dialog that can cancel, then sent page by page to the one printer chosen."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import gettext as _

from ..lazy import lazy_module
from ..tasks import run_task
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
        self.dialog.setLabelText(_("Printing…"))
        documents = [PdfPages(document.pdf) for document in rendered]
        pages = sum(len(d) for d in documents)

        def progress(done: int, total: int) -> bool:
            self.dialog.setValue(len(self.jobs) + len(self.jobs) * done // max(pages, 1))
            return not self.cancelled
        self.painting = True
        try:
            whole = paint(documents, self.printer, progress=progress)
        finally:
            self.painting = False
            for document in documents:
                document.close()
        self.printed = rendered[:whole]
        self.dialog.reset()
        self.on_finished(self.printed)
