"""How the window reports a failure: one dialog in the user's language, never a traceback on a
console.  A ``UserError`` shows its own text; anything else is logged with its traceback and
shown as a general message whose details can be copied for support."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import UserError
from app.i18n import gettext as _
from app.storage import DatabaseDamaged

log = logging.getLogger(__name__)

_interactive = True
_on_unattended_error: Callable[[BaseException], None] | None = None
_open_boxes: set[QMessageBox] = set()  # a dialog without a parent lives as long as Python holds it
_on_damage: Callable[[DatabaseDamaged], None] | None = None


def set_damage_handler(handler: Callable[[DatabaseDamaged], None] | None) -> None:
    """Who answers a damaged database (``ui.recovery``: offers to restore the latest backup)."""
    global _on_damage
    _on_damage = handler


def set_unattended(on_error: Callable[[BaseException], None] | None) -> None:
    """Screenshot mode: nobody is there to close a dialog, so errors are logged and handed to
    ``on_error`` instead (``None`` restores dialogs)."""
    global _interactive, _on_unattended_error
    _interactive = on_error is None
    _on_unattended_error = on_error


def details(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Shows ``exc`` to the user (non-blocking) and returns the dialog."""
    if isinstance(exc, UserError):
        log.info("user error: %s", exc.text("en"))
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    parent = parent or QApplication.activeWindow()
    if not _interactive or QApplication.instance() is None:
        print(exc.text("en") if isinstance(exc, UserError) else details(exc), file=sys.stderr)
        if _on_unattended_error is not None:
            _on_unattended_error(exc)
        return None
    if isinstance(exc, DatabaseDamaged) and _on_damage is not None:
        _on_damage(exc)
        return None
    if isinstance(exc, UserError):
        box = message_box(parent, QMessageBox.Icon.Warning, exc.text())
    else:
        box = message_box(parent, QMessageBox.Icon.Critical,
                           _("Something went wrong and the last action was not completed."))
        box.setInformativeText(_("The details below were also written to the log file."))
        box.setDetailedText(details(exc))
    box.open()
    return box


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    """The program's message dialog: closes itself, text can be selected and copied."""
    box = QMessageBox(icon, _("Saraptama"), text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if parent is None:
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    return box


def excepthook(exc_type, exc, tb) -> None:
    """``sys.excepthook`` of the windowed program: an unexpected exception in an event handler
    is logged and shown, and the program goes on."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    try:
        show_error(QApplication.activeWindow(), exc)
    except Exception:  # the dialog itself failed: the log still has it
        log.exception("could not show an error")


def ask(parent: QWidget, text: str, on_yes: Callable[[], None], *, title: str = "",
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> QMessageBox:
    """A Yes/No question (No by default) that does not block: ``on_yes()`` runs on Yes.  The box
    belongs to its parent (not deleted on close: the caller may still read it once answered)."""
    yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(icon, title or _("Saraptama"), text, yes_no, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def answered(button) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()
    box.buttonClicked.connect(answered)
    box.open()
    return box
