"""The Statistics tab: the quality of expertise at a glance, in four views (agreement,
reversals, workload, deadlines), over the acts received in a period, of one department, region
or App 15 chapter.  On a department's workstation it follows the window's scope switch (own
department or all); on the hub's database "all" is the country.  The figures come from
``app.services.statistics``, the same as ``saraptama stats``.

It answers the few questions the main window asks of a tab (``model``, ``listing``, ``loaded``…)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain.clock import today_kz
from app.domain.regions import REGIONS
from app.i18n import N_
from app.i18n import gettext as _
from app.services import statistics
from app.services.statistics import choices, export
from app.services.statistics.sql import CHAPTERS

from .. import language
from ..tasks import in_session, run_task
from .card import Drawing, ViewPanel
from .views import VIEWS

LISTING = SimpleNamespace(name="statistics", title=N_("Statistics"))
DEFAULT_DAYS = 90  # the period first shown: the last three months
DATE_FORMAT = "dd.MM.yyyy"
COMBO_LETTERS = 9
READ_TABLES = frozenset({"draft_act", "assignment", "expert_decision", "conclusion", "appeal", "referral_package",
                         "department", "staff_member", "calendar_day"})  # what the figures count


def load_reports(session, filters: statistics.Filters) -> dict:
    """The three reports the four views read, in one unit of work."""
    return {view: statistics.report(session, view, filters) for view in statistics.VIEWS}


class StatisticsTab(QWidget):
    """``settled``: the figures asked for are shown (the main window's screenshot waits for it)."""

    settled = Signal()
    row_opened = Signal(int)  # a tab of the main window may open rows; this one has none

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.listing = LISTING
        self.model = self  # the main window sets the scope and refreshes through ``model``
        self._started = self._loaded = self._stale = False
        self._department_id: int | None = None
        self._departments: list[dict] = []
        today = today_kz()
        self.date_from = self._date_edit(today - timedelta(days=DEFAULT_DAYS))
        self.date_to = self._date_edit(today)
        self.department, self.region, self.chapter = QComboBox(self), QComboBox(self), QComboBox(self)
        self.show_button = QPushButton(self, clicked=self.refresh)
        self.captions = [QLabel(self) for _ in range(5)]
        self.status = QLabel(self)
        self.drawing = Drawing(self)
        self.drawing.done.connect(self._drawn)
        self.panels = {name: ViewPanel(db, title, charts, self.drawing, self)
                       for name, (title, _report, charts) in VIEWS.items()}
        self._lay_out()
        for combo in (self.department, self.region, self.chapter):  # narrow: the tab fits a 1024 px screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_LETTERS)
        language.follow(self, self.retranslate)  # a tab behind another: when it is shown
        self.retranslate()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self, calendarPopup=True)
        edit.setDisplayFormat(DATE_FORMAT)
        return edit

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        places = QHBoxLayout()  # where from: a second row, so that the tab fits a 1024 px screen
        fields = (self.date_from, self.date_to, self.department, self.region, self.chapter)
        for index, (caption, field) in enumerate(zip(self.captions, fields)):
            caption.setBuddy(field)
            row = bar if index < 2 else places
            row.addWidget(caption)
            row.addWidget(field)
        bar.addWidget(self.show_button)
        bar.addWidget(self.status, 1)
        places.addStretch(1)
        grid = QGridLayout()
        for index, panel in enumerate(self.panels.values()):
            grid.addWidget(panel, index // 2, index % 2)
        content = QWidget(self)  # scrolls in a window narrower than the figures, never widens it
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addLayout(places)
        layout.addLayout(grid, 1)
        scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        for caption, text in zip(self.captions, (_("&From"), _("&To"), _("&Department"), _("&Region"),
                                                 _("App 15 &chapter"))):
            caption.setText(text)
        self.show_button.setText(_("Show"))
        self._fill(self.department, _("All departments"), [(d["code"], d["id"]) for d in self._departments])
        self._fill(self.region, _("All regions"), [(r.name(lang), r.code) for r in REGIONS])
        self._fill(self.chapter, _("All chapters"), [(_("Chapter {chapter}").format(chapter=c), c) for c in CHAPTERS])
        for panel in self.panels.values():
            panel.retranslate()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        """The combo's items anew, keeping the choice."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    # -- what the main window asks of a tab -------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._started

    @property
    def loaded(self) -> bool:
        return self._loaded and not self._stale and not self.drawing.waiting

    def mark_stale(self, tables: frozenset[str]) -> None:
        """``tables`` were written: the figures that count them are out of date."""
        if self._started and READ_TABLES & tables:
            self._stale = True

    def reload_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    @property
    def idle(self) -> bool:
        return self._loaded and not self.drawing.waiting

    def ensure_loaded(self) -> None:
        if not self._started:
            self._started = True
            run_task(in_session, self.db, choices.departments, on_done=self._departments_known, parent=self)

    def set_department(self, department_id: int | None) -> None:
        """The window's scope: its own department, or None for all."""
        self._department_id = department_id
        self._select_department()
        if self._started:
            self.refresh()

    def focus_filter(self) -> None:
        self.date_from.setFocus()

    def forget_widths(self) -> None:
        """Columns fit themselves here."""

    def export_to(self, path) -> None:
        """File → Export: the tables of the four charts shown, one sheet each."""
        run_task(in_session, self.db, export.write_rows, [panel.shown_table() for panel in self.panels.values()],
                 path, i18n.current_language(), parent=self)

    # -- figures --------------------------------------------------------------------------------
    def _departments_known(self, departments: list[dict]) -> None:
        self._departments = departments
        self.retranslate()
        self._select_department()
        self.refresh()

    def _select_department(self) -> None:
        self.department.setCurrentIndex(max(self.department.findData(self._department_id), 0))

    def filters(self) -> statistics.Filters:
        department = self.department.currentData()
        code = next((d["code"] for d in self._departments if d["id"] == department), None)
        return statistics.Filters(self.date_from.date().toPython(), self.date_to.date().toPython(),
                                  department=code, region=self.region.currentData(),
                                  chapter=self.chapter.currentData())

    def refresh(self) -> None:
        self.status.setText(_("Counting…"))
        run_task(in_session, self.db, load_reports, self.filters(), on_done=self._show, on_error=self._failed,
                 parent=self)

    def _show(self, reports: dict) -> None:
        for name, (_title, report, _charts) in VIEWS.items():
            self.panels[name].show_report(reports[report])
        self.status.setText("")
        self._loaded = True

    def _drawn(self) -> None:
        if self._loaded:
            self.settled.emit()

    def _failed(self, error: BaseException) -> None:
        from .. import errors
        self.status.setText("")
        errors.show_error(self, error)
        self._loaded = True
        self.settled.emit()
