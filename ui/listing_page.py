"""One tab of the main window: a filter box, a row counter and the table of one list."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import KZ_TIME
from app.domain.settings import COLUMN_WIDTHS
from app.i18n import gettext as _
from app.i18n import ngettext

from . import language
from . import settings
from .table_model import ListingModel

MAX_COLUMN_WIDTH = 340  # px; longer texts are elided (and shown in full as a tooltip)
MIN_ELIDED_WIDTH = 110  # px; a text column is never cut narrower than this to fit the window
ELIDABLE_KINDS = ("text", "label", "region")
ICON_ROOM = 24  # px beside a due date for its overdue or due-today icon


class ListingPage(QWidget):
    """``row_opened(id)``: Enter or a double click on a row (the card of a row comes later)."""

    row_opened = Signal(int)

    def __init__(self, db, listing, parent: QWidget | None = None):
        super().__init__(parent)
        self.listing = listing
        self.model = ListingModel(db, listing, self)
        self._started = False
        self._stale = False  # a table it shows was written since the rows were read
        self._fit_pending = True
        self._fitting = False  # the widths being set are the program's, not the user's
        self._refit = QTimer(self, singleShot=True, interval=100, timeout=self._fit_columns)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.filter_edit.clear,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.overdue_box: QCheckBox | None = None
        if listing.due_column is not None:
            self.overdue_box = QCheckBox(self)
            self.overdue_box.setObjectName("overdueOnly")
            self.overdue_box.toggled.connect(self.model.set_overdue_only)
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
        header.sectionResized.connect(self._column_resized)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._row_activated)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        if self.overdue_box is not None:
            top.addWidget(self.overdue_box)
        top.addStretch(1)
        top.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.model.loading.connect(self._update_counter)
        self.model.loaded.connect(self._rows_loaded)
        self.model.modelReset.connect(self._go_to_first_row)
        language.follow(self, self.retranslate)  # a tab behind another: when it is shown
        self.retranslate()

    def ensure_loaded(self) -> None:
        """Loads the rows the first time the page is needed."""
        if not self._started:
            self._started = True
            self.model.refresh()

    @property
    def started(self) -> bool:
        return self._started

    def read_from(self, db) -> None:
        """The list is read through ``db`` from now on (after a quick start's bare connections, the ORM's)."""
        self.model.db = db

    def mark_stale(self, tables: frozenset[str]) -> None:
        """``tables`` were written: when this list shows one of them, its rows are out of date
        until ``reload_stale`` reads them again."""
        if self._started and self.listing.tables & tables:
            self._stale = True

    def reload_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.model.refresh()

    @property
    def loaded(self) -> bool:
        """Rows asked for and shown, nothing left to fetch."""
        return self._started and not self._stale and self.model.idle

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _row_activated(self, index) -> None:
        if index.isValid():
            self.row_opened.emit(self.model.row_id(index.row()))

    def _go_to_first_row(self) -> None:
        """After a new filter or order the list starts at its first row, which is current."""
        self.table.scrollToTop()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def retranslate(self) -> None:
        self.filter_edit.setPlaceholderText(_("Filter…"))
        self.filter_edit.setToolTip(_("Shows only the rows that contain all the words typed here, in any column "
                                      "(Ctrl+F; Escape clears it)"))
        if self.overdue_box is not None:
            self.overdue_box.setText(_("Overdue only"))
            self.overdue_box.setToolTip(_("Shows only the rows whose due date has passed"))
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit.start()  # resized or maximised: fit again once the size settles

    # -- column widths ------------------------------------------------------------------------------
    def saved_widths(self) -> list[int] | None:
        """Widths the user set by hand on this tab, if any (kept in the preferences)."""
        value = settings.value(COLUMN_WIDTHS, list=self.listing.name)
        if not isinstance(value, list) or len(value) != len(self.listing.columns):
            return None
        try:
            return [int(width) for width in value]
        except ValueError:
            return None

    def _column_resized(self, index: int, _old: int, _new: int) -> None:
        header = self.table.horizontalHeader()
        if self._fitting or (header.stretchLastSection() and index == header.count() - 1):
            return
        widths = [self.table.columnWidth(column) for column in range(header.count())]
        settings.set_value(COLUMN_WIDTHS, widths, list=self.listing.name)

    def forget_widths(self) -> None:
        settings.forget(COLUMN_WIDTHS, list=self.listing.name)
        self._fit_columns()

    def _fit_columns(self) -> None:
        self._fitting = True
        try:
            self._fit_to_window()
        finally:
            self._fitting = False

    def _fit_to_window(self) -> None:
        """Column widths to the header and the visible rows, or as the user left them.  When
        that is wider than the table, the widest text columns give way first (elided, shown
        in full as a tooltip); dates and numbers are never cut.  What still does not fit
        scrolls sideways."""
        if not self.isVisible():
            self._fit_pending = True
            return
        self._fit_pending = self.model.rowCount() == 0  # fit again once there are rows
        saved = self.saved_widths()
        if saved is not None:
            self._set_widths(saved)
            return
        columns = self.listing.columns
        # the rows in view, and the title's longest word (titles wrap onto a second line)
        rows = self._rows_in_view()
        widths = [max(self._text_width(index, rows), self._title_word_width(index), self._date_width(column.kind))
                  for index, column in enumerate(columns)]
        # the vertical scroll bar may not be laid out yet: leave room for it
        available = self.table.viewport().width() - self.table.verticalScrollBar().sizeHint().width()
        elidable = [index for index, column in enumerate(columns) if column.kind in ELIDABLE_KINDS]
        fixed = sum(width for index, width in enumerate(widths) if index not in elidable)
        limit = fitting_width([widths[index] for index in elidable], available - fixed)
        for index in elidable:
            widths[index] = max(min(widths[index], limit), self._title_word_width(index))
        self._set_widths(widths)

    def _set_widths(self, widths: list[int]) -> None:
        # the last column fills the rest of a wide window, but is not squeezed in a narrow one
        available = self.table.viewport().width() - self.table.verticalScrollBar().sizeHint().width()
        self.table.horizontalHeader().setStretchLastSection(sum(widths) <= available)
        for index, width in enumerate(widths):
            self.table.setColumnWidth(index, width)

    def _rows_in_view(self) -> range:
        first = max(self.table.rowAt(0), 0)
        shown = self.table.viewport().height() // max(self.table.verticalHeader().defaultSectionSize(), 1) + 1
        return range(first, min(first + shown, self.model.rowCount()))

    def _text_width(self, column: int, rows: range) -> int:
        """The widest text of ``column`` in ``rows``, with the margins the table draws around a
        cell's text.  Measured on the shown texts themselves: asking the view for each cell's
        size goes through the model's every role for every cell, several times longer."""
        texts = set(self.model.texts(column, rows))
        if not texts:
            return 0
        focus_margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table)
        margins = 2 * (focus_margin + 1) + 1 + 1  # either side of the text, the grid line, a pixel for rounding
        metrics = self.table.fontMetrics()
        return max(metrics.horizontalAdvance(text) for text in texts) + margins

    def _date_width(self, kind: str) -> int:
        """Dates take the room of the longest one, whether or not the rows in view have one;
        due dates also that of their mark."""
        if kind not in ("date", "datetime", "due"):
            return 0
        longest = datetime(2026, 11, 28, 18, 59, tzinfo=KZ_TIME)  # a long month name, two-digit day
        text = language.format_value(longest, "datetime" if kind == "due" else kind)
        return self.table.fontMetrics().horizontalAdvance(text) + 16 + (ICON_ROOM if kind == "due" else 0)

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
