"""PDF pages drawn with pypdfium2: into the preview, and onto a printer's pages.

pypdfium2 (about 6 MB installed) renders a page into an image; QtPdf would need the
PySide6-Addons wheel (several hundred MB) for the same preview (docs/admin-guide.md, "Printing")."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
PDFIUM = threading.Lock()  # one PDFium call at a time, from any thread (PdfPages)
BAND_ROWS = 128  # a page is drawn in bands: Qt holds the GIL while it compresses each (pages.draw_page)


class PdfPages:
    """An open PDF (bytes) whose pages render to QImages at any resolution.  Any thread may
    open it and render its pages: PDFium answers one call at a time, whatever the document
    (pypdfium2's documentation: PDFium is not thread-safe), so every call takes ``PDFIUM``.
    The pages' number and sizes are read when it opens, so the window's thread never waits
    for a page being drawn elsewhere to lay out the preview."""

    def __init__(self, pdf: bytes):
        import pypdfium2   # when a PDF is first shown (a quick start)

        self.pdf = pdf
        with PDFIUM:
            self.document = pypdfium2.PdfDocument(pdf)
            self.sizes = [self.document.get_page_size(index) for index in range(len(self.document))]
        self.closed = False

    def __len__(self) -> int:
        return len(self.sizes)

    def size_at(self, index: int, dpi: float) -> QSize:
        width, height = self.sizes[index]
        return QSize(round(width * dpi / POINTS_PER_INCH), round(height * dpi / POINTS_PER_INCH))

    def image(self, index: int, dpi: float) -> QImage | None:
        """The page drawn at ``dpi``; None once the document is closed (a preview closed while
        its page was being drawn)."""
        with PDFIUM:
            if self.closed:
                return None
            page = self.document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
            try:
                image_format = (QImage.Format.Format_RGB888 if bitmap.n_channels == 3
                                else QImage.Format.Format_RGBA8888)
                image = QImage(memoryview(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, image_format)
                return image.copy()  # owns its pixels once the bitmap is gone (one copy, not two)
            finally:  # closed here, under the lock, not by the collector on whichever thread
                bitmap.close()
                page.close()

    def close(self) -> None:
        with PDFIUM:
            if not self.closed:
                self.closed = True
                self.document.close()


def draw_page(painter: QPainter, target, image: QImage) -> None:
    """``image`` over the whole ``target``, band by band: QPainter keeps Python's GIL while it
    compresses an image into the printer's PDF (half a second for a page at 300 dpi), so one
    drawImage per page would stop the window's thread that long; between bands it runs."""
    scale = target.height() / image.height()
    for top in range(0, image.height(), BAND_ROWS):
        rows = min(BAND_ROWS, image.height() - top)
        painter.drawImage(QRectF(0, top * scale, target.width(), rows * scale), image,
                          QRectF(0, top, image.width(), rows))


def paint(documents: list[PdfPages], printer: QPrinter, *,
          progress: Callable[[int, int], bool] | None = None) -> int:
    """Draws the pages of ``documents`` onto ``printer`` at its resolution, as one job;
    ``progress(pages done, pages in all)`` may return False to stop (the job is then aborted).
    Returns how many documents were sent whole."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    total, done, whole = sum(len(d) for d in documents), 0, 0
    dpi = min(printer.resolution(), 300)
    try:
        for pages in documents:
            for index in range(len(pages)):
                if done:
                    printer.newPage()
                draw_page(painter, printer.pageRect(QPrinter.Unit.DevicePixel), pages.image(index, dpi))
                done += 1
                if progress is not None and not progress(done, total):
                    printer.abort()
                    return whole
            whole += 1
        return whole
    finally:
        painter.end()
