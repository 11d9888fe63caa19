"""Small widgets shared by the window's screens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.clock import today_kz


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def today_qdate() -> QDate:
    """Today in Kazakhstan, from the program's clock (not the machine's date as Qt reads it)."""
    return qdate(today_kz())


class ShownTextLabel(QLabel):
    """A one-line label that paints ``shown_text()``, what fits its present width."""

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(QRect(self.contentsRect()), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())

    def shown_text(self) -> str:
        return self.text()


class CaptionValueLabel(ShownTextLabel):
    """"Caption: value" that gives way by eliding the caption, never the value ("На рассм…: 1 234").
    The whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False):
        super().__init__(parent)
        self._caption = ""
        self._value = ""
        self.whole = whole  # never gives way: the others around it do (the status bar's counts)

    def set_parts(self, caption: str, value: str) -> None:
        self._caption, self._value = caption, value
        self.setText(f"{caption} {value}".strip())
        self.setToolTip(self.text())

    def sizeHint(self) -> QSize:
        """Room for the caption and the value as ``paintEvent`` measures them (the label's own
        measure of the whole text can fall a pixel short, and the caption would be elided)."""
        hint = super().sizeHint()
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        value = f" {self._value}" if self._value and self._caption else self._value
        width = metrics.horizontalAdvance(self._caption) + metrics.horizontalAdvance(value) + 1
        return QSize(max(hint.width(), width + margins.left() + margins.right()), hint.height())

    def minimumSizeHint(self) -> QSize:
        if self.whole:
            return self.sizeHint()
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        width = metrics.horizontalAdvance(f"{self._caption[:1]}… {self._value}") + margins.left() + margins.right()
        return QSize(min(width, hint.width()), hint.height())

    def shown_text(self) -> str:
        """What the label paints at its present width."""
        metrics = self.fontMetrics()
        value = f" {self._value}" if self._value and self._caption else self._value
        room = max(self.contentsRect().width() - metrics.horizontalAdvance(value), 0)
        return metrics.elidedText(self._caption, Qt.TextElideMode.ElideRight, room) + value


def fits_screen(window: QWidget) -> bool:
    """The whole window (frame included) is on the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().contains(window.frameGeometry())


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """``preferred`` size, or less where the screen has less room, centred on its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = QSize(16, 40)  # window frame and title bar, which the size does not include
    size = preferred.boundedTo(available.size() - frame)
    window.resize(size)
    window.move(available.center() - QPoint(size.width() // 2, size.height() // 2 + frame.height() // 4))


def show_fitted(widget: QWidget, size: QSize) -> None:
    """Shows a card at ``size``, or smaller on a smaller screen, centred on it."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    fit_to_screen(widget, size)
    widget.show()


class ElidedLabel(ShownTextLabel):
    """One line that gives way by eliding its end ("Отдел: 75-01 · Де…"); the whole text is its
    tooltip.  It never asks for more room than a few letters."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M…"), super().minimumSizeHint().height())

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
