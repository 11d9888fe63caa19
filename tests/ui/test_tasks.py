"""The background runner: results, progress and errors come back on the GUI thread."""

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from app.i18n import gettext
from ui import errors, language, tasks

from .helpers import close_message_boxes, message_boxes, wait_idle


def test_result_arrives_on_the_gui_thread(qtbot):
    seen = {}

    def work(a, b):
        seen["worker"] = threading.current_thread()
        return a + b

    def done(result):
        seen["result"] = result
        seen["gui"] = threading.current_thread()

    tasks.run_task(work, 2, b=3, on_done=done)
    wait_idle(qtbot)
    assert seen["result"] == 5
    assert seen["gui"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_progress_reaches_the_gui_thread_and_the_last_step_always(qtbot):
    steps = []

    def work(progress):
        for done in range(1, 1001):
            progress(done, 1000)
        return "ok"

    tasks.run_task(work, on_progress=lambda done, total: steps.append((done, total)))
    wait_idle(qtbot)
    assert steps[-1] == (1000, 1000)
    assert len(steps) < 1000  # throttled


def test_a_user_error_shows_its_text_in_a_dialog_not_a_crash(qtbot):
    def work():
        raise UserError("Enter your name.")

    tasks.run_task(work)
    wait_idle(qtbot)
    boxes = message_boxes()
    assert [box.text() for box in boxes] == [gettext("Enter your name.")]
    assert boxes[0].icon() == QMessageBox.Icon.Warning
    assert boxes[0].detailedText() == ""
    close_message_boxes()


def test_an_unexpected_error_is_shown_with_copyable_details(qtbot, caplog):
    def work():
        raise ZeroDivisionError("boom")

    tasks.run_task(work)
    wait_idle(qtbot)
    boxes = message_boxes()
    assert len(boxes) == 1
    assert "ZeroDivisionError: boom" in boxes[0].detailedText()
    assert "boom" not in boxes[0].text()
    assert "unexpected error" in caplog.text
    close_message_boxes()


def test_on_error_replaces_the_dialog(qtbot):
    failures = []
    tasks.run_task(lambda: 1 / 0, on_error=failures.append)
    wait_idle(qtbot)
    assert isinstance(failures[0], ZeroDivisionError)
    assert message_boxes() == []


def test_callbacks_of_a_destroyed_parent_or_a_cancelled_task_are_skipped(qtbot):
    calls = []
    parent = QWidget()
    tasks.run_task(lambda: 1, on_done=calls.append, parent=parent)
    shiboken6.delete(parent)  # at once: deleteLater() would race the worker's answer
    cancelled = tasks.run_task(lambda: 2, on_done=calls.append)
    cancelled.cancel()
    tasks.run_task(lambda: 3, on_done=calls.append)
    wait_idle(qtbot)
    assert calls == [3]


def test_run_task_refuses_other_threads(qtbot):
    failures = []

    def submit():
        try:
            tasks.run_task(print)
        except RuntimeError as exc:
            failures.append(exc)

    thread = threading.Thread(target=submit)
    thread.start()
    thread.join()
    assert len(failures) == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_dialog_speaks_the_current_language(qtbot, lang):
    language.set_language(lang)
    def work():
        raise UserError("Enter your name.")

    tasks.run_task(work)
    wait_idle(qtbot)
    assert [box.text() for box in message_boxes()] == [gettext("Enter your name.", lang)]
    close_message_boxes()


def test_the_excepthook_shows_an_unexpected_error_instead_of_a_console_traceback(qtbot, capsys):
    try:
        raise KeyError("lost")
    except KeyError as exc:
        errors.excepthook(type(exc), exc, exc.__traceback__)
    boxes = message_boxes()
    assert len(boxes) == 1 and "KeyError: 'lost'" in boxes[0].detailedText()
    assert capsys.readouterr().err == ""
    close_message_boxes()
    assert message_boxes() == []
