"""The window locks after inactivity: after ``minutes`` without a key or a click the
window shows only the sign-in form and hides its other windows; the same account signs in again
and finds everything where it was.  Only on a database with accounts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from .sign_in import SignInForm

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                      QEvent.Type.TouchBegin, QEvent.Type.MouseMove})


class LockPage(QWidget):
    def __init__(self, db, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.form = SignInForm(db, self, name=name)
        self.form.setFixedWidth(520)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class InactivityLock(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, timeout_ms: int):
        super().__init__(window)
        self.window = window
        self.page: LockPage | None = None
        self._before: QWidget | None = None
        self._hidden: list[QWidget] = []
        self.timer = QTimer(self, singleShot=True, interval=timeout_ms, timeout=self.lock)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.page is not None

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 -- Qt's name
        if event.type() in ACTIVITY and self.page is None:
            self.timer.start()
        return False

    def lock(self) -> None:
        if self.page is not None:
            return
        window = self.window
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        for widget in self._hidden:
            widget.hide()
        self._before = window.stack.currentWidget()
        self.page = LockPage(window.db, window.db.actor.name, window.stack)
        self.page.form.signed_in.connect(self.unlock)
        window.stack.addWidget(self.page)
        window.stack.setCurrentWidget(self.page)
        window.menuBar().setEnabled(False)
        self.page.form.focus()
        self.locked.emit()

    def unlock(self, _actor=None) -> None:
        window = self.window
        window.stack.setCurrentWidget(self._before)
        window.stack.removeWidget(self.page)
        self.page.deleteLater()
        self.page = None
        window.menuBar().setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.timer.start()
        self.unlocked.emit()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
