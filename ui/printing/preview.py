"""The preview inside the program: the pages of a PDF, drawn when they scroll into view, with
"Print…" (the standard print dialog) and "Save as PDF…".  Printing an issued document records
the paper copy (§51 part 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QScrollArea, QVBoxLayout, QWidget)

from app.errors import UserError
from app.output_files import write_output
from app.i18n import gettext as _

from ..errors import show_error
from .pages import PdfPages, paint

SCREEN_DPI = 96
PREVIEW_SIZE = QSize(900, 700)


def open_print_dialog(owner) -> QPrintDialog:
    """The standard print dialog for ``owner`` (a dialog with ``printer`` and ``print_to``): the
    printer is kept on the owner, since one a dialog still uses must not be collected; the pages
    are printed when the dialog is accepted."""
    owner.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(owner.printer, owner)
    dialog.accepted.connect(lambda: owner.print_to(owner.printer))
    dialog.open()
    return dialog


class PageView(QWidget):
    """One page at screen resolution, rendered the first time it is painted."""

    def __init__(self, pages: PdfPages, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages, self.index = pages, index
        self.image = None
        self.setFixedSize(pages.size_at(index, SCREEN_DPI))

    @property
    def rendered(self) -> bool:
        return self.image is not None

    def paintEvent(self, event) -> None:
        if self.image is None:
            self.image = self.pages.image(self.index, SCREEN_DPI)
        QPainter(self).drawImage(0, 0, self.image)


class PreviewDialog(QDialog):
    """``on_printed()`` is called after the pages went to the printer or a file."""

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None,
                 on_printed: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf, self.on_printed = pdf, on_printed
        self.pages = PdfPages(pdf)
        self.printer: QPrinter | None = None  # kept: a printer the dialog still uses must outlive it
        self.views = [PageView(self.pages, i) for i in range(len(self.pages))]
        column = QWidget()
        layout = QVBoxLayout(column)
        for view in self.views:
            layout.addWidget(view, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(column)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.count = QLabel(_("Pages: {count}").format(count=len(self.pages)), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(_("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.scroll)
        box.addWidget(self.count)
        box.addWidget(buttons)
        self.resize(PREVIEW_SIZE)
        self.finished.connect(self.pages.close)

    def choose_printer(self) -> QPrintDialog:
        return open_print_dialog(self)

    def print_to(self, printer: QPrinter) -> bool:
        self.printer = printer
        done = paint([self.pages], printer) == 1
        if done and self.on_printed is not None:
            self.on_printed()
        return done

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), "", _("PDF files (*.pdf)"))
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
