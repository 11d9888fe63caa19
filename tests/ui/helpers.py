"""Waiting for the window's background work, and finding the dialogs it shows."""

from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from ui import tasks

TIMEOUT_MS = 20_000


def settle(qapp, timeout_ms: int = TIMEOUT_MS) -> None:
    """Waits for the background worker and delivers what it produced."""
    assert tasks.wait_for_worker(timeout_ms)
    qapp.processEvents()


def wait_idle(qtbot) -> None:
    qtbot.waitUntil(lambda: tasks.pending() == 0, timeout=TIMEOUT_MS)


def wait_loaded(qtbot, page) -> None:
    """Until the page's rows are asked for and every row the view needs has arrived."""
    qtbot.waitUntil(lambda: page.loaded, timeout=TIMEOUT_MS)


def choose_language(qtbot, window, lang: str) -> None:
    """The Language menu's entry, then until the window speaks it (a first switch to a language
    reads its catalog off the window's thread)."""
    window.language_actions[lang].trigger()
    qtbot.waitUntil(lambda: i18n.current_language() == lang, timeout=TIMEOUT_MS)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def close_message_boxes() -> None:
    for box in message_boxes():
        box.close()


def submit_confirmed(dialog) -> None:
    """A review dialog's "Sign and submit", then Yes on the question it asks first."""
    from PySide6.QtWidgets import QMessageBox

    dialog.submit_button.click()
    dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
