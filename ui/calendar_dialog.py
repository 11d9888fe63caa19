"""The production calendar page: a year of twelve months, days off in red, transferred working
days in green; an administrator marks a day as a working day or a day off, and every open
deadline moves at once (``app.services.production_calendar``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import gettext as _
from app.domain.clock import today_kz
from app.services import production_calendar

from . import language
from . import access
from .settings import is_administrator
from .tasks import in_session, run_task
from .widgets import qdate

DAY_OFF = QColor("#f6d5d5")
TRANSFERRED_WORKING = QColor("#d3eed8")
MARKED_BY_ADMIN = QColor("#1f4e79")
CHOSEN_DAY = QColor("#cfe1f3")  # the table views' selection colour of the style sheet
WIDE_SCREEN = 1200  # px of available width from which the year is laid out four months a row


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
        # all six week rows of a month and its header: the year scrolls rather than cut a week off
        self.calendar.setMinimumHeight(7 * (self.calendar.fontMetrics().height() + 8))
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
        """A calendar always has a selected day (today, or the month's last or first day); only
        the month of the chosen day shows it."""
        if not visible:
            self.calendar.findChild(QTableView).selectionModel().clear()


class CalendarDialog(QDialog):
    """Shows the production calendar of one year; an administrator's workstation changes it,
    after saying how many open due dates will move."""

    changed = Signal(int)  # open due dates moved

    def __init__(self, db, parent=None, year: int | None = None):
        super().__init__(parent)
        self.db = db
        self.days: dict[date, production_calendar.DayInfo] = {}
        self.selected: date | None = None
        self.year = QSpinBox(minimum=2000, maximum=2100, value=year or today_kz().year)
        self.year.valueChanged.connect(self.load)
        self.months = [MonthView(self) for _month in range(12)]
        grid = QGridLayout()
        per_row = 4 if self._available_width() >= WIDE_SCREEN else 3
        for index, view in enumerate(self.months):
            view.calendar.clicked.connect(self.select_day)
            grid.addWidget(view, index // per_row, index % per_row)
        # with accounts the role decides (calendar.edit); without, the workstation's administrator flag
        self.may_change = access.allows(db, "calendar.edit") if access.protected(db) else is_administrator()
        self.confirmation: QMessageBox | None = None
        self.legend = QLabel(wordWrap=True)
        self.legend.setObjectName("calendarLegend")
        self.day_title = QLabel()
        self.day_title.setObjectName("calendarDayTitle")
        self.day_state = QLabel(wordWrap=True)
        self.note = QLineEdit()
        self.day_off_button = QPushButton(clicked=lambda: self.mark(False))
        self.working_button = QPushButton(clicked=lambda: self.mark(True))
        self.reset_button = QPushButton(clicked=lambda: self.mark(None))
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("calendarMessage")
        self.access = QLabel(wordWrap=True)  # why nothing can be changed here
        self.access.setObjectName("calendarAccess")
        self.access.setVisible(not self.may_change)
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
        form.addRow(self.access)

        top = QHBoxLayout()
        self.year_label = QLabel()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        months = QWidget()
        months.setLayout(grid)
        self.scroll = QScrollArea()  # a small screen scrolls the year rather than cut it
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(months)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.day_box)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.show_day(None)
        self.load()

    def _available_width(self) -> int:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().width()

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
            self.months[day.month - 1].calendar.setDateTextFormat(qdate(day), fmt)
        self.show_day(self.selected)

    def select_day(self, chosen: QDate) -> None:
        self.message.clear()
        self.show_day(date(chosen.year(), chosen.month(), chosen.day()))

    def show_day(self, day: date | None) -> None:
        self.selected = day
        for month, view in enumerate(self.months, start=1):
            view.show_selection(day is not None and day.month == month)
        if day is not None:
            self.months[day.month - 1].calendar.setSelectedDate(qdate(day))
        info = self.days.get(day) if day else None
        for widget in (self.note, self.day_off_button, self.working_button, self.reset_button):
            widget.setEnabled(info is not None and self.may_change)
        if info is None:
            self.day_title.setText(_("Choose a day in the calendar."))
            self.day_state.clear()
            return
        self.day_title.setText(language.format_value(day, "date"))
        state = _("Working day") if info.working else _("Day off")
        reasons = [r for r in (info.holiday, info.note) if r]
        self.day_state.setText(" — ".join([state, *reasons]))
        self.note.setText(info.note)
        self.reset_button.setEnabled(info.source is not None and self.may_change)

    def mark(self, working: bool | None) -> None:
        """Counts the due dates the change would move and asks before moving any."""
        if self.selected is None or not self.may_change:
            return
        day, note = self.selected, self.note.text()
        run_task(in_session, self.db, production_calendar.moves_if_marked, day, working, parent=self,
                 on_done=lambda moves: self._confirm(day, working, note, moves))

    def _confirm(self, day: date, working: bool | None, note: str, moves: int) -> None:
        if moves == 0:
            self._apply(day, working, note)
            return
        self.confirmation = QMessageBox(QMessageBox.Icon.Question, _("Production calendar"), i18n.ngettext(
            "{count} open due date will move.", "{count} open due dates will move.", moves).format(
            count=language.format_number(moves)), QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self)
        self.confirmation.setInformativeText(_("Experts and departments will see the new due dates at once."))
        self.confirmation.button(QMessageBox.StandardButton.Ok).setText(_("Move the due dates"))
        self.confirmation.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmation.accepted.connect(lambda: self._apply(day, working, note))
        self.confirmation.open()

    def _apply(self, day: date, working: bool | None, note: str) -> None:
        self.confirmation = None
        run_task(in_session, self.db, production_calendar.set_day, day, working, note,
                 on_done=self._marked, parent=self)

    def _marked(self, moved: int) -> None:
        self.message.setText(i18n.ngettext("{count} due date moved.", "{count} due dates moved.", moved)
                             .format(count=language.format_number(moved)))
        self.changed.emit(moved)
        self.load()

    # -- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Production calendar"))
        self.year_label.setText(_("Year:"))
        self.legend.setText(self._legend())
        self.day_box.setTitle(_("Selected day"))
        self.note_label.setText(_("Note:"))
        self.day_off_button.setText(_("Mark as day off"))
        self.working_button.setText(_("Mark as working day"))
        self.reset_button.setText(_("Back to the ordinary calendar"))
        self.access.setText(_("Only an administrator's workstation changes the production calendar; "
                              "here it can be looked at."))
        if self.days:
            self.load()
        else:
            self.show_day(self.selected)

    def _legend(self) -> str:
        """What every colour and mark of the months means, each beside a sample day."""
        def sample(style: str) -> str:
            return f'<span style="{style}">&nbsp;12&nbsp;</span>'

        entries = (
            (f"background:{DAY_OFF.name()}", _("day off (weekend or public holiday)")),
            (f"background:{TRANSFERRED_WORKING.name()}", _("working day moved to a weekend")),
            (f"color:{MARKED_BY_ADMIN.name()}; font-weight:bold", _("marked by an administrator")),
            (f"background:{CHOSEN_DAY.name()}", _("the day chosen below")),
        )
        return "&nbsp;&nbsp; ".join(f"{sample(style)} {text}" for style, text in entries)
