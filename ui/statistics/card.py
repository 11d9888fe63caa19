"""One view of the Statistics tab (agreement, reversals, workload, deadlines): a chart chosen
from the view's tables, the numbers behind it a click away (the table in its place), and its
buttons: the picture to PNG or PDF, the table to XLSX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import gettext as _
from app.errors import UserError
from app.services.statistics import export
from app.services.statistics.labels import COLUMNS, columns, formatted

from .. import errors
from ..tasks import in_session, run_task
from .charts import Chart, save_picture

Draw = Callable[[Chart, list[dict]], None]
CHOOSER_LETTERS = 12  # the chart list gives way first on a narrow screen


class Drawing(QObject):
    """Panels waiting to be drawn, one at each turn of the event loop: a chart takes some tens
    of milliseconds to draw (a heat map more), and four at once would hold the window longer
    than a click may (docs/benchmarks.md, "How long a click holds the window").  ``done``:
    nothing is left to draw."""

    done = Signal()

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.waiting: list[ViewPanel] = []
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self._draw_next)

    def add(self, panel: ViewPanel) -> None:
        if panel not in self.waiting:
            self.waiting.append(panel)
        self._timer.start()

    def finish(self, panel: ViewPanel) -> None:
        """Draws ``panel`` now when it waits (its picture is about to be taken)."""
        if panel in self.waiting:
            self.waiting.remove(panel)
            panel.draw()
            self._check_done()

    def _draw_next(self) -> None:
        if self.waiting:
            self.waiting.pop(0).draw()
        if self.waiting:
            self._timer.start()  # the next one at the next turn, after the window has answered
        self._check_done()

    def _check_done(self) -> None:
        if not self.waiting:
            self.done.emit()


class ViewPanel(QFrame):
    """``charts``: (table key, its title, ``draw(chart, rows)``) — what the chooser offers.  The
    chart is drawn through ``drawing`` (one panel at a time), the table of numbers when it is
    shown."""

    def __init__(self, db, title: str, charts: list[tuple[str, str, Draw]], drawing: Drawing,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.title_id, self.charts, self.drawing = db, title, charts, drawing
        self.report: dict = {}
        self._table_rows: list[dict] | None = None  # what the table of numbers shows
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setObjectName("viewTitle")
        self.title.setWordWrap(True)
        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(CHOOSER_LETTERS)
        self.chooser.addItems(["" for _chart in charts])
        self.chooser.currentIndexChanged.connect(self.redraw)
        self.chart = Chart(self)
        # shown once drawn: the tab's first appearance paints no four empty plots at once
        policy = self.chart.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.chart.setSizePolicy(policy)
        self.chart.setVisible(False)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVisible(False)
        self.numbers = QPushButton(self, checkable=True, toggled=self._show_numbers)
        self.picture = QPushButton(self, clicked=self.ask_picture)
        self.workbook = QPushButton(self, clicked=self.ask_workbook)
        buttons = QHBoxLayout()  # the title above: a long one in Kazakh would widen the window
        buttons.addWidget(self.chooser, 1)
        for button in (self.numbers, self.picture, self.workbook):
            button.setFlat(True)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(f"<b>{_(self.title_id)}</b>")
        for index, (_key, title, _draw) in enumerate(self.charts):
            self.chooser.setItemText(index, _(title))
        self.numbers.setText(_("Numbers"))
        self.numbers.setToolTip(_("Shows the table of the numbers behind the chart"))
        self.picture.setText(_("Picture…"))
        self.picture.setToolTip(_("Saves the chart as a PNG picture or a PDF page"))
        self.workbook.setText(_("XLSX…"))
        self.workbook.setToolTip(_("Saves the table of the numbers as an Excel workbook"))
        self.redraw()

    @property
    def rows(self) -> list[dict]:
        """The rows of the chart chosen."""
        key, _title, _draw = self.charts[max(self.chooser.currentIndex(), 0)]
        return self.report.get(key) or []

    def show_report(self, report: dict) -> None:
        self.report = report
        self.redraw()

    def redraw(self) -> None:
        """The chart anew, soon (see ``Drawing``); the table at once when it is shown."""
        self._table_rows = None
        if self.numbers.isChecked():
            self._fill_table()
        self.drawing.add(self)

    def draw(self) -> None:
        """The chart of the figures read; none before the first are (the tab says "Counting…")."""
        if not self.report:
            return
        _key, _title, draw = self.charts[max(self.chooser.currentIndex(), 0)]
        self.chart.setVisible(not self.numbers.isChecked())
        if self.rows:
            draw(self.chart, self.rows)
        else:
            self.chart.empty(_("Nothing to show for the chosen filters"))
        self.chart.keep_drawn()

    def _fill_table(self) -> None:
        """The numbers behind the chart, written out when they are first shown (a few hundred
        numbers formatted in the language take longer than the chart)."""
        rows = self.rows
        if self._table_rows is rows:
            return
        self._table_rows = rows
        lang = i18n.current_language()
        keys = columns(rows)
        self.table.clear()
        self.table.setColumnCount(len(keys))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([_(COLUMNS.get(key, key)) for key in keys])
        for r, row in enumerate(rows):
            for c, key in enumerate(keys):
                item = QTableWidgetItem(formatted(key, row.get(key), lang))
                if not isinstance(row.get(key), str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _show_numbers(self, shown: bool) -> None:
        if shown:
            self._fill_table()
        self.table.setVisible(shown)
        self.chart.setVisible(not shown)

    def ask_picture(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the chart"), str(Path.home() / "chart.png"),
                                                    _("PNG picture (*.png);;PDF page (*.pdf)"))
        if path:
            self.save_picture(Path(path))

    def save_picture(self, path: Path) -> None:
        self.drawing.finish(self)
        try:
            save_picture(self.chart, path)
        except OSError as error:
            errors.show_error(self, UserError("Cannot write {file}: {problem}", file=str(path),
                                              problem=error.strerror or ""))

    def ask_workbook(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the numbers"), str(Path.home() / "statistics.xlsx"),
                                                    _("Excel workbook (*.xlsx)"))
        if path:
            self.save_workbook(Path(path))

    def save_workbook(self, path: Path) -> None:
        run_task(in_session, self.db, export.write_rows, [self.shown_table()], path, i18n.current_language(),
                 parent=self)

    def shown_table(self) -> tuple[str, list[dict]]:
        """The title and rows of the chart shown."""
        return _(self.charts[self.chooser.currentIndex()][1]), self.rows

