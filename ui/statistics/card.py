"""One view of the Statistics tab (agreement, reversals, workload, deadlines): a chart chosen
from the view's tables, the numbers behind it a click away (the table in its place), and its
buttons: the picture to PNG or PDF, the table to XLSX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
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


class ViewPanel(QFrame):
    """``charts``: (table key, its title, ``draw(chart, rows)``) — what the chooser offers."""

    def __init__(self, db, title: str, charts: list[tuple[str, str, Draw]], parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.title_id, self.charts = db, title, charts
        self.report: dict = {}
        self.rows: list[dict] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setObjectName("viewTitle")
        self.title.setWordWrap(True)
        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(CHOOSER_LETTERS)
        self.chooser.addItems(["" for _chart in charts])
        self.chooser.currentIndexChanged.connect(self._draw)
        self.chart = Chart(self)
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
        self._draw()

    def show_report(self, report: dict) -> None:
        self.report = report
        self._draw()

    def _draw(self) -> None:
        key, _title, draw = self.charts[max(self.chooser.currentIndex(), 0)]
        self.rows = self.report.get(key) or []
        if self.rows:
            draw(self.chart, self.rows)
        else:
            self.chart.empty(_("Nothing to show for the chosen filters"))
        self._fill_table()

    def _fill_table(self) -> None:
        lang = i18n.current_language()
        keys = columns(self.rows)
        self.table.clear()
        self.table.setColumnCount(len(keys))
        self.table.setRowCount(len(self.rows))
        self.table.setHorizontalHeaderLabels([_(COLUMNS.get(key, key)) for key in keys])
        for r, row in enumerate(self.rows):
            for c, key in enumerate(keys):
                item = QTableWidgetItem(formatted(key, row.get(key), lang))
                if not isinstance(row.get(key), str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _show_numbers(self, shown: bool) -> None:
        self.table.setVisible(shown)
        self.chart.setVisible(not shown)

    def ask_picture(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the chart"), str(Path.home() / "chart.png"),
                                                    _("PNG picture (*.png);;PDF page (*.pdf)"))
        if path:
            self.save_picture(Path(path))

    def save_picture(self, path: Path) -> None:
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

