"""One tab of the main window: a filter box, a row counter and the table of one list."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.domain.clock import KZ_TIME
from app.i18n import gettext as _
from app.i18n import ngettext

from . import language
from .table_model import ListingModel

MAX_COLUMN_WIDTH = 340  # px; longer texts are elided (and shown in full as a tooltip)
MIN_ELIDED_WIDTH = 150  # px; a text column is never cut narrower than this to fit the window
ELIDABLE_KINDS = ("text", "label")


class ListingPage(QWidget):
    def __init__(self, db, listing, parent: QWidget | None = None):
        super().__init__(parent)
        self.listing = listing
        self.model = ListingModel(db, listing, self)
        self._started = False
        self._fit_pending = True

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.counter = QLabel(self)
        self.counter.setObjectName("rowCounter")

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setResizeContentsPrecision(0)  # fit columns to the visible rows only
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # long titles ("№ проекта акта МСЭ") wrap onto a second line instead of being cut
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(2 * self.fontMetrics().height() + 12)
        header.setResizeContentsPrecision(0)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, header.sortIndicatorOrder())  # the list's own order until a click
        self.table.setSortingEnabled(True)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addStretch(1)
        top.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.model.loading.connect(self._update_counter)
        self.model.loaded.connect(self._rows_loaded)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def ensure_loaded(self) -> None:
        """Loads the rows the first time the page is needed."""
        if not self._started:
            self._started = True
            self.model.refresh()

    @property
    def started(self) -> bool:
        return self._started

    @property
    def loaded(self) -> bool:
        """Rows asked for and shown, nothing left to fetch."""
        return self._started and self.model.idle

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(_("Filter…"))
        self.filter_edit.setToolTip(_("Shows only the rows that contain all the words typed here"))
        self._update_counter()
        self._fit_columns()

    def _update_counter(self) -> None:
        if self.model.busy:
            self.counter.setText(_("Loading…"))
        else:
            count = self.model.rowCount()
            self.counter.setText(ngettext("{count} row", "{count} rows", count).format(
                count=language.format_number(count)))

    def _rows_loaded(self) -> None:
        self._update_counter()
        if self._fit_pending:
            self._fit_columns()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Column widths to the header and the visible rows.  When that is wider than the
        table, the widest text columns give way first (elided, shown in full as a tooltip);
        dates and numbers are never cut.  What still does not fit scrolls sideways."""
        if not self.isVisible():
            self._fit_pending = True
            return
        self._fit_pending = self.model.rowCount() == 0  # fit again once there are rows
        self.table.resizeColumnsToContents()
        columns = self.listing.columns
        widths = [max(self.table.columnWidth(index), self._date_width(column.kind))
                  for index, column in enumerate(columns)]
        # the vertical scroll bar may not be laid out yet: leave room for it
        available = self.table.viewport().width() - self.table.verticalScrollBar().sizeHint().width()
        elidable = [index for index, column in enumerate(columns) if column.kind in ELIDABLE_KINDS]
        fixed = sum(width for index, width in enumerate(widths) if index not in elidable)
        limit = fitting_width([widths[index] for index in elidable], available - fixed)
        for index in elidable:
            widths[index] = max(min(widths[index], limit), self._title_word_width(index))
        for index, width in enumerate(widths):
            self.table.setColumnWidth(index, width)
        # the last column fills the rest of a wide window, but is not squeezed in a narrow one
        self.table.horizontalHeader().setStretchLastSection(sum(widths) <= available)


    def _date_width(self, kind: str) -> int:
        """Dates take the room of the longest one, whether or not the rows in view have one."""
        if kind not in ("date", "datetime"):
            return 0
        longest = datetime(2026, 11, 28, 18, 59, tzinfo=KZ_TIME)  # a long month name, two-digit day
        return self.table.fontMetrics().horizontalAdvance(language.format_value(longest, kind)) + 16

    def _title_word_width(self, index: int) -> int:
        """Room for the longest word of a column's title, which cannot wrap."""
        title = str(self.model.headerData(index, Qt.Orientation.Horizontal))
        metrics = self.table.horizontalHeader().fontMetrics()
        widest_word = max(metrics.horizontalAdvance(word) for word in title.split() or [""])
        return widest_word + 4 * metrics.averageCharWidth() + 8


def fitting_width(widths: list[int], available: int) -> int:
    """The largest limit such that ``widths``, each cut to at most that limit, fit into
    ``available``; never above ``MAX_COLUMN_WIDTH`` nor below ``MIN_ELIDED_WIDTH``."""
    limit = MAX_COLUMN_WIDTH
    while limit > MIN_ELIDED_WIDTH and sum(min(width, limit) for width in widths) > available:
        limit -= 10
    return max(limit, MIN_ELIDED_WIDTH)
