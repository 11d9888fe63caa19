"""The preview inside the program: the pages of a PDF, drawn when they scroll into view, zoomed
in or out or fitted to the width, with "Print…" (the standard print dialog, the last printer
chosen first) and "Save as PDF…".  Printing an issued document records the paper copy (§51 part 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from app.errors import UserError
from app.output_files import write_output
from app.i18n import gettext as _

from ..errors import show_error
from ..settings import settings
from ..tasks import run_io_task
from . import printers
from .pages import PdfPages

SCREEN_DPI = 96
PREVIEW_SIZE = QSize(900, 700)
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
PRINTER_KEY = "printing/printer"  # the printer chosen last, offered first next time


def last_printer() -> QPrinter:
    """A printer for the print dialog: the one chosen last when it is still installed."""
    name = str(settings().value(PRINTER_KEY, "") or "")
    if name and name in printers.installed():
        return printers.named(name)
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def open_print_dialog(owner) -> QPrintDialog:
    """The standard print dialog for ``owner`` (a dialog with ``printer`` and ``print_to``): the
    printer is kept on the owner, since one a dialog still uses must not be collected; the pages
    are printed when the dialog is accepted."""
    owner.printer = last_printer()
    dialog = QPrintDialog(owner.printer, owner)

    def chosen() -> None:
        if owner.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            settings().setValue(PRINTER_KEY, owner.printer.printerName())
        owner.print_to(owner.printer)
    dialog.accepted.connect(chosen)
    QDialog.open(dialog)  # PySide6's QPrintDialog.open() wants a receiver; the plain window-modal open
    owner.print_dialog = dialog
    return dialog


class PageView(QWidget):
    """One page at the preview's scale.  The first time it is painted at a scale, the page is
    drawn at that scale on the input-output pool; until then the sheet shows the last drawing
    stretched (a zoom), or blank."""

    def __init__(self, pages: PdfPages, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages, self.index = pages, index
        self.image: QImage | None = None  # at ``dpi``
        self.shown: QImage | None = None  # the last drawing, whatever its scale
        self.dpi = SCREEN_DPI
        self._asked: float | None = None  # the scale being drawn
        self.setFixedSize(pages.size_at(index, self.dpi))

    @property
    def rendered(self) -> bool:
        return self.image is not None

    def set_dpi(self, dpi: float) -> None:
        if round(dpi) != round(self.dpi):
            self.dpi, self.image = dpi, None
            self.setFixedSize(self.pages.size_at(self.index, dpi))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self.image is not None:
            painter.drawImage(0, 0, self.image)
            return
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.shown is not None:
            painter.drawImage(self.rect(), self.shown)
        self._draw()

    def _draw(self) -> None:
        if self._asked == self.dpi:
            return
        self._asked = dpi = self.dpi
        run_io_task(self.pages.image, self.index, dpi, on_done=lambda image: self._drawn(dpi, image), parent=self)

    def _drawn(self, dpi: float, image: QImage | None) -> None:
        if self._asked == dpi:
            self._asked = None
        if image is not None and dpi == self.dpi:
            self.image = self.shown = image
            self.update()


class PreviewDialog(QDialog):
    """``on_printed()`` is called after the pages went to the printer or a file; ``file_name``
    is what "Save as PDF…" proposes."""

    def __init__(self, pages: PdfPages, title: str, parent: QWidget | None = None,
                 on_printed: Callable[[], None] | None = None, file_name: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf, self.title, self.on_printed = pages.pdf, title, on_printed
        self.file_name = file_name or f"{safe_file_name(title)}.pdf"
        self.pages = pages  # opened off the window's thread (jobs.preview)
        self.printer: QPrinter | None = None  # kept: a printer the dialog still uses must outlive it
        self.print_dialog: QPrintDialog | None = None
        self.printed: bool | None = None  # the last print job: sent whole or not
        self.zoom = 1.0
        self.views = [PageView(self.pages, i) for i in range(len(self.pages))]
        column = QWidget()
        layout = QVBoxLayout(column)
        for view in self.views:
            layout.addWidget(view, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.count = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(_("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(self._zoom_bar())
        box.addWidget(self.scroll)
        box.addWidget(buttons)
        self.resize(PREVIEW_SIZE)
        self.finished.connect(self.pages.close)
        self._show_zoom()

    def _zoom_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.zoom_out_button = QPushButton("−", self, toolTip=_("Zoom out (Ctrl+−)"), clicked=self.zoom_out)
        self.zoom_in_button = QPushButton("+", self, toolTip=_("Zoom in (Ctrl++)"), clicked=self.zoom_in)
        self.fit_button = QPushButton(_("Fit to &width"), self, clicked=self.fit_width)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("MM") + 16)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, self.zoom_in)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, self.zoom_out)
        self.zoom_label = QLabel(self)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button, self.count):
            bar.addWidget(widget)
        bar.addStretch()
        return bar

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(ZOOM_STEPS[0], min(zoom, ZOOM_STEPS[-1] * 1.5))
        for view in self.views:
            view.set_dpi(SCREEN_DPI * self.zoom)
        self._show_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 0.01), self.zoom))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 0.01), self.zoom))

    def fit_width(self) -> None:
        """The widest page as wide as the preview's room."""
        room = self.scroll.viewport().width() - 24
        widest = max((self.pages.size_at(i, SCREEN_DPI).width() for i in range(len(self.pages))), default=room)
        self.set_zoom(room / max(widest, 1))

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.count.setText(_("Pages: {count}").format(count=len(self.pages)))

    def choose_printer(self) -> QPrintDialog:
        return open_print_dialog(self)

    def print_to(self, printer: QPrinter) -> None:
        """The pages to ``printer``, drawn on the input-output pool (QPainter paints a QPrinter
        off the GUI thread), so the window goes on answering while a long job is drawn."""
        self.printer = printer
        self.print_button.setEnabled(False)
        run_io_task(printers.print_pdf, self.pdf, printer, self.title, on_done=self._printed,
                    on_error=self._print_failed, parent=self)

    def _printed(self, done: bool) -> None:
        self.printed = done
        self.print_button.setEnabled(True)
        if done and self.on_printed is not None:
            self.on_printed()
        elif not done:
            show_error(self, UserError("The printer {name} did not take the document.",
                                       name=self.printer.printerName() or self.printer.outputFileName()))

    def _print_failed(self, error: BaseException) -> None:
        self.printed = False
        self.print_button.setEnabled(True)
        show_error(self, error)

    def choose_file(self) -> None:
        proposed = str(Path.home() / self.file_name)
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), proposed, _("PDF files (*.pdf)"))
        if name:
            self.save_to(Path(name if name.lower().endswith(".pdf") else f"{name}.pdf"))

    def save_to(self, path: Path) -> bool:
        try:
            write_output(path, self.pdf)
        except UserError as error:
            show_error(self, error)
            return False
        if self.on_printed is not None:
            self.on_printed()
        return True


def safe_file_name(title: str) -> str:
    """A title as a file name: letters, digits, spaces, dots and dashes kept."""
    kept = "".join(c if c.isalnum() or c in " .-_" else "-" for c in title).strip(" .")
    return kept or "document"
