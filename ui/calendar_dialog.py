"""The production calendar page: a year of twelve months, days off in red, transferred working
days in green; an administrator marks a day as a working day or a day off, and every open
deadline moves at once (``app.services.production_calendar``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (QCalendarWidget, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app import i18n
from app.i18n import gettext as _
from app.services import production_calendar

from . import language
from .tasks import in_session, run_task

DAY_OFF = QColor("#f6d5d5")
TRANSFERRED_WORKING = QColor("#d3eed8")
MARKED_BY_ADMIN = QColor("#1f4e79")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class MonthView(QWidget):
    """One month of the year: its name over a calendar without navigation."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setObjectName("calendarMonthTitle")
        self.calendar = QCalendarWidget()
        self.calendar.setNavigationBarVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        # Saturdays and Sundays get no colour of their own: the calendar's formats say what is off
        for weekday in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(weekday, QTextCharFormat())
        self.normal_palette = QPalette(self.calendar.palette())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.calendar)

    def show_month(self, year: int, month: int, locale: QLocale) -> None:
        self.title.setText(locale.standaloneMonthName(month, QLocale.FormatType.LongFormat).capitalize())
        self.calendar.setLocale(locale)
        self.calendar.setDateRange(QDate(year, month, 1), QDate(year, month, QDate(year, month, 1).daysInMonth()))
        self.calendar.setCurrentPage(year, month)

    def show_selection(self, visible: bool) -> None:
        """A calendar always has a selected day; only the month of the chosen day shows it."""
        palette = QPalette(self.normal_palette)
        if not visible:
            palette.setColor(QPalette.ColorRole.Highlight, palette.color(QPalette.ColorRole.Base))
            palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
        self.calendar.setPalette(palette)


class CalendarDialog(QDialog):
    """Shows and changes the production calendar of one year."""

    changed = Signal(int)  # open due dates moved

    def __init__(self, db, parent=None, year: int | None = None):
        super().__init__(parent)
        self.db = db
        self.days: dict[date, production_calendar.DayInfo] = {}
        self.selected: date | None = None
        self.year = QSpinBox(minimum=2000, maximum=2100, value=year or QDate.currentDate().year())
        self.year.valueChanged.connect(self.load)
        self.months = [MonthView(self) for _month in range(12)]
        grid = QGridLayout()
        for index, view in enumerate(self.months):
            view.calendar.clicked.connect(self.select_day)
            grid.addWidget(view, index // 4, index % 4)
        self.legend = QLabel()
        self.day_title = QLabel()
        self.day_title.setObjectName("calendarDayTitle")
        self.day_state = QLabel(wordWrap=True)
        self.note = QLineEdit()
        self.day_off_button = QPushButton(clicked=lambda: self.mark(False))
        self.working_button = QPushButton(clicked=lambda: self.mark(True))
        self.reset_button = QPushButton(clicked=lambda: self.mark(None))
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("calendarMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)

        self.day_box = QGroupBox()
        form = QFormLayout(self.day_box)
        form.addRow(self.day_title)
        form.addRow(self.day_state)
        self.note_label = QLabel()
        form.addRow(self.note_label, self.note)
        actions = QHBoxLayout()
        for button in (self.day_off_button, self.working_button, self.reset_button):
            actions.addWidget(button)
        form.addRow(actions)
        form.addRow(self.message)

        top = QHBoxLayout()
        self.year_label = QLabel()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        months = QWidget()
        months.setLayout(grid)
        layout.addWidget(months, 1)
        layout.addWidget(self.day_box)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.show_day(None)
        self.load()

    # -- data -------------------------------------------------------------------------------------
    def load(self) -> None:
        year, locale = self.year.value(), language.qlocale()
        for month, view in enumerate(self.months, start=1):
            view.show_month(year, month, locale)
        run_task(in_session, self.db, production_calendar.year_days, year, i18n.current_language(),
                 on_done=self._loaded, parent=self)

    def _loaded(self, days: dict) -> None:
        self.days = days
        for day, info in days.items():
            fmt = QTextCharFormat()
            if not info.working:
                fmt.setBackground(DAY_OFF)
            elif not info.ordinary:
                fmt.setBackground(TRANSFERRED_WORKING)
            if info.source == "admin":
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setForeground(MARKED_BY_ADMIN)
            self.months[day.month - 1].calendar.setDateTextFormat(_qdate(day), fmt)
        self.show_day(self.selected)

    def select_day(self, qdate: QDate) -> None:
        self.message.clear()
        self.show_day(date(qdate.year(), qdate.month(), qdate.day()))

    def show_day(self, day: date | None) -> None:
        self.selected = day
        for month, view in enumerate(self.months, start=1):
            view.show_selection(day is not None and day.month == month)
        if day is not None:
            self.months[day.month - 1].calendar.setSelectedDate(_qdate(day))
        info = self.days.get(day) if day else None
        for widget in (self.note, self.day_off_button, self.working_button, self.reset_button):
            widget.setEnabled(info is not None)
        if info is None:
            self.day_title.setText(_("Choose a day in the calendar."))
            self.day_state.clear()
            return
        self.day_title.setText(language.format_value(day, "date"))
        state = _("Working day") if info.working else _("Day off")
        reasons = [r for r in (info.holiday, info.note) if r]
        self.day_state.setText(" — ".join([state, *reasons]))
        self.note.setText(info.note)
        self.reset_button.setEnabled(info.source is not None)

    def mark(self, working: bool | None) -> None:
        if self.selected is None:
            return
        run_task(in_session, self.db, production_calendar.set_day, self.selected, working, self.note.text(),
                 on_done=self._marked, parent=self)

    def _marked(self, moved: int) -> None:
        self.message.setText(i18n.ngettext("{count} due date moved.", "{count} due dates moved.", moved)
                             .format(count=moved))
        self.changed.emit(moved)
        self.load()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Production calendar"))
        self.year_label.setText(_("Year:"))
        self.legend.setText(_("Red: day off. Green: working day moved to a weekend. Bold: marked here."))
        self.day_box.setTitle(_("Selected day"))
        self.note_label.setText(_("Note:"))
        self.day_off_button.setText(_("Mark as day off"))
        self.working_button.setText(_("Mark as working day"))
        self.reset_button.setText(_("Back to the ordinary calendar"))
        if self.days:
            self.load()
        else:
            self.show_day(self.selected)
