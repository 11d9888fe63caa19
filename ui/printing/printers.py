"""The one way a PDF reaches a printer: Qt's print system (CUPS on Linux and macOS, the Windows
spooler on Windows) with the pages drawn by pypdfium2 (``pages.paint``).  The preview's Print
button and ``saraptama print … --printer NAME`` both end here, so a script prints exactly what
the window prints.

Only QtGui and QtPrintSupport are needed (no widgets): the command line creates a
``QGuiApplication`` without a window (``ensure_application``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.errors import UserError

from .pages import PdfPages, paint


def installed() -> list[str]:
    """The names of the printers this computer has."""
    return QPrinterInfo.availablePrinterNames()


def named(name: str) -> QPrinter:
    """A printer by its name (as ``lpstat -p`` or the Windows printers list show it)."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise UserError("There is no printer {name} on this computer; printers: {names}.", name=name,
                        names=", ".join(installed()) or "—")
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_pdf(pdf: bytes, printer: QPrinter, title: str,
              progress: Callable[[int, int], bool] | None = None) -> bool:
    """Every page of ``pdf`` to ``printer`` as one job named ``title``; False when it was not sent
    whole (the printer refused, or ``progress`` stopped it)."""
    printer.setDocName(title)
    pages = PdfPages(pdf)
    try:
        return paint([pages], printer, progress=progress) == 1
    finally:
        pages.close()


def ensure_application() -> QGuiApplication:
    """The Qt application a printer needs; the command line has none, and shows no window (on
    Linux without a display it draws off screen)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["saraptama"])


def print_to_named(pdf: bytes, printer_name: str, title: str) -> dict:
    """``saraptama print … --printer NAME``: the pages to that printer, the way the window prints."""
    ensure_application()
    if not print_pdf(pdf, named(printer_name), title):
        raise UserError("The printer {name} did not take the document.", name=printer_name)
    return {"printer": printer_name, "title": title}
