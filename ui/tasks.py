"""The one way the window runs work of ``app/`` off the GUI thread (Anki style).

All database work goes to a single background worker, one task after another, so the window
never freezes and two tasks never race each other.  Results, progress and errors come back
on the GUI thread::

    run_task(in_session, db, listing.ids, text, on_done=self._show_ids)
    run_task(demo.generate, db, acts=2000, experts=150, on_progress=dialog.setValue2, on_done=...)

- ``on_done(result)`` runs on the GUI thread when ``fn`` returns.
- ``on_error(exc)`` runs on the GUI thread when it raises; by default the error is shown
  (``ui.errors.show_error``: a ``UserError`` shows its text, anything else is logged and shown
  as a general message with copyable details).
- ``on_progress(done, total)``: when given, ``fn`` receives a ``progress`` keyword argument to
  call from the worker; updates are passed on at most every 50 ms (and always the last one).
- ``parent``: a widget the callbacks belong to; when it is destroyed first, they are skipped.

Tests wait with ``qtbot.waitUntil(lambda: tasks.pending() == 0)``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from . import errors

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05  # seconds between two progress updates passed to the GUI thread


class Task:
    """A submitted piece of work; ``cancel()`` drops its callbacks (the work itself finishes)."""

    def __init__(self, fn: Callable, args: tuple, kwargs: dict, on_done, on_error, on_progress, parent):
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress
        self.parent = parent
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    @property
    def wanted(self) -> bool:
        return not self.cancelled and (self.parent is None or shiboken6.isValid(self.parent))

    def __repr__(self) -> str:
        return f"<Task {getattr(self.fn, '__qualname__', self.fn)!r}>"


class _Dispatcher(QObject):
    """Lives on the GUI thread; the worker emits its signals, Qt queues them over."""

    progressed = Signal(object, int, int)
    finished = Signal(object, object)
    failed = Signal(object, object)

    def __init__(self):
        super().__init__()
        self.progressed.connect(self._progressed)
        self.finished.connect(self._finished)
        self.failed.connect(self._failed)

    @Slot(object, int, int)
    def _progressed(self, task: Task, done: int, total: int) -> None:
        if task.wanted:
            task.on_progress(done, total)

    @Slot(object, object)
    def _finished(self, task: Task, result: Any) -> None:
        _pending.discard(task)
        if task.wanted and task.on_done is not None:
            task.on_done(result)

    @Slot(object, object)
    def _failed(self, task: Task, exc: BaseException) -> None:
        _pending.discard(task)
        if not task.wanted:
            log.info("error in a task nobody waits for any more (%r)", task, exc_info=exc)
        elif task.on_error is not None:
            task.on_error(exc)
        else:  # a dialog needs a widget to sit on; a model or other QObject parent has none
            errors.show_error(task.parent if isinstance(task.parent, QWidget) else None, exc)


class _Runnable(QRunnable):
    def __init__(self, task: Task, dispatcher: _Dispatcher):
        super().__init__()
        self.task, self.dispatcher = task, dispatcher

    def run(self) -> None:
        task, dispatcher = self.task, self.dispatcher
        kwargs = dict(task.kwargs)
        if task.on_progress is not None:
            kwargs["progress"] = _throttled(lambda done, total: dispatcher.progressed.emit(task, done, total))
        try:
            result = task.fn(*task.args, **kwargs)
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            dispatcher.failed.emit(task, exc)
        else:
            dispatcher.finished.emit(task, result)


def _throttled(emit: Callable[[int, int], None]) -> Callable[[int, int], None]:
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= PROGRESS_INTERVAL:
            last = now
            emit(done, total)
    return progress


_pools: dict[str, QThreadPool] = {}
_dispatcher: _Dispatcher | None = None
_pending: set[Task] = set()
DATABASE_WORKER, SLOW_IO = "saraptama-worker", "saraptama-io"
_THREADS = {DATABASE_WORKER: 1, SLOW_IO: 2}


def _submit(pool_name: str, fn: Callable, args: tuple, kwargs: dict, on_done, on_error, on_progress,
            parent) -> Task:
    global _dispatcher
    if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
        raise RuntimeError("run_task must be called on the GUI thread of a running QApplication")
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    pool = _pools.get(pool_name)
    if pool is None:
        pool = _pools[pool_name] = QThreadPool()
        pool.setMaxThreadCount(_THREADS[pool_name])
        pool.setObjectName(pool_name)
    task = Task(fn, args, kwargs, on_done, on_error, on_progress, parent)
    _pending.add(task)
    pool.start(_Runnable(task, _dispatcher))
    return task


def run_task(fn: Callable, *args, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int], None] | None = None, parent: QObject | None = None,
             **kwargs) -> Task:
    """Runs ``fn(*args, **kwargs)`` on the background worker; see the module's description."""
    return _submit(DATABASE_WORKER, fn, args, kwargs, on_done, on_error, on_progress, parent)


def run_io_task(fn: Callable, *args, on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None,
                on_progress: Callable[[int, int], None] | None = None, parent: QObject | None = None,
                **kwargs) -> Task:
    """Like ``run_task``, on the pool for slow input and output (a sync with a hub, pages drawn
    for a printer), so that it never queues the lists' queries behind it (docs/architecture.md: two
    executors, as Anki has)."""
    return _submit(SLOW_IO, fn, args, kwargs, on_done, on_error, on_progress, parent)


def in_session(db, fn: Callable, *args, **kwargs):
    """``fn(session, *args, **kwargs)`` in one unit of work of ``db`` (for ``run_task``)."""
    with db.session() as session:
        return fn(session, *args, **kwargs)


def pending() -> int:
    """Tasks submitted whose result has not yet been delivered."""
    return len(_pending)


def wait_for_worker(timeout_ms: int = -1) -> bool:
    """Blocks until the workers are idle (at exit, before the database is closed)."""
    return all(pool.waitForDone(timeout_ms) for pool in list(_pools.values()))
