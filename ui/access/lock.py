"""The window locks after inactivity: after ``minutes`` without a key or a click the window shows
only the sign-in form and hides its other windows; the same account signs in again and finds
everything where it was.  File → Sign out locks at once for anyone, and the lock page lets
another person sign in: the first person's windows close (after a question when any is open, so
nothing typed is lost unasked).  Only on a database with accounts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.i18n import gettext as _

from .. import language
from .sign_in import SignInForm

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                      QEvent.Type.TouchBegin, QEvent.Type.MouseMove})


class LockPage(QWidget):
    """The sign-in form over the window; ``name``: the account that locked (None: anyone)."""

    another_person = Signal()

    def __init__(self, db, name: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.form = SignInForm(db, self, name=name)
        self.form.setFixedWidth(520)
        self.switch_button = QPushButton(self, objectName="anotherPerson", clicked=self.another_person)
        self.switch_button.setVisible(name is not None)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.switch_button.setText(_("Another person signs in…"))

    def for_anyone(self) -> None:
        self.form.let_anyone_sign_in()
        self.switch_button.hide()


def ask_to_close_windows(parent: QWidget) -> bool:
    """Whether the open windows may close, losing what was typed in them."""
    answer = QMessageBox.question(parent, _("Sign out"), _(
        "The open windows close, and what was typed in them and not saved is lost. Go on?"))
    return answer == QMessageBox.StandardButton.Yes


class InactivityLock(QObject):
    locked = Signal()
    unlocked = Signal()
    switched = Signal()  # another person signed in: the window shows what their role may do

    def __init__(self, window: QMainWindow, timeout_ms: int):
        super().__init__(window)
        self.window = window
        self.page: LockPage | None = None
        self._before: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._owner: str | None = None
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

    def lock(self, *, anyone: bool = False) -> None:
        """Only the sign-in form shows; ``anyone``: signed out, the next person signs in."""
        if self.page is not None:
            return
        window = self.window
        self._owner = window.db.actor.name if window.db.actor is not None else None
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        for widget in self._hidden:
            widget.hide()
        self._before = window.stack.currentWidget()
        self.page = LockPage(window.db, None if anyone else self._owner, window.stack)
        self.page.form.signed_in.connect(self.unlock)
        self.page.another_person.connect(self.let_another_person)
        window.stack.addWidget(self.page)
        window.stack.setCurrentWidget(self.page)
        window.menuBar().setEnabled(False)
        self.page.form.focus()
        self.locked.emit()

    def let_another_person(self) -> bool:
        """The lock page's "Another person…": the open windows of the one who locked will close,
        asked first when there are any."""
        if self._hidden and not ask_to_close_windows(self.window):
            return False
        self.page.for_anyone()
        return True

    def unlock(self, actor=None) -> None:
        window = self.window
        window.stack.setCurrentWidget(self._before)
        window.stack.removeWidget(self.page)
        self.page.deleteLater()
        self.page = None
        window.menuBar().setEnabled(True)
        same_person = actor is not None and actor.name == self._owner
        for widget in self._hidden:
            widget.show() if same_person else widget.close()
        self._hidden = []
        self.timer.start()
        self.unlocked.emit()
        if not same_person:
            self.switched.emit()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
