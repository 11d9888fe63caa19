"""A table model over any list of ``app.services.listings`` that stays quick at 100,000 rows.

The model keeps only the ids of the matching rows, in display order, asked for in the
background whenever the filter or the sort changes.  The content of the rows is fetched in
blocks, also in the background, when the view first asks for a row of a block; a few recent
blocks are kept.  Values are formatted by the kind of their column, in the current language.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from functools import cache, cached_property

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.domain.clock import now_kz
from app.i18n import N_, current_language
from app.i18n import gettext as _
from app.services.listings import Due

from . import errors, language
from .tasks import Task, in_session, run_task

BLOCK_SIZE = 200  # rows fetched per query
CACHED_BLOCKS = 30  # blocks kept in memory (6,000 rows)
FILTER_DELAY_MS = 250  # typing pause before the filter is applied

# roles as plain numbers: the model is asked for them some thousand times a repaint
_DISPLAY, _TOOLTIP, _BACKGROUND, _DECORATION, _ALIGN = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole))
_VALUE_ROLES = frozenset({_DISPLAY, _TOOLTIP, _BACKGROUND, _DECORATION})
_ALIGNMENT = {
    "int": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    "bool": Qt.AlignmentFlag.AlignCenter,
}


OVERDUE = "overdue"
DUE_TODAY = "today"
_DUE_BACKGROUND = {OVERDUE: QColor("#f9dede"), DUE_TODAY: QColor("#fdf0cc")}
_DUE_ICON = {OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
             DUE_TODAY: QStyle.StandardPixmap.SP_MessageBoxWarning}
_DUE_TEXT = {OVERDUE: N_("Overdue."), DUE_TODAY: N_("Due today.")}
_ELIDABLE = ("text", "label", "region")  # kinds whose cells may be cut: the tooltip shows them in full


@cache
def _due_icon(state: str) -> QIcon:
    """The style's icon of a due state, made once (asked for at every overdue cell painted)."""
    return QApplication.style().standardIcon(_DUE_ICON[state])


def _load_ids(session, listing, options: dict):
    """Worker side of a (re)load: the ids in order, and the first block so the view is filled."""
    ids = listing.ids(session, **options)
    return ids, listing.rows(session, ids[:BLOCK_SIZE])


def due_state(due: Due | None, now: datetime) -> str | None:
    """``OVERDUE`` once the moment has passed, ``DUE_TODAY`` for later the same day, else None."""
    if due is None:
        return None
    if due.at < now:
        return OVERDUE
    return DUE_TODAY if due.at.date() == now.date() else None


class ListingModel(QAbstractTableModel):
    """Rows of one ``Listing``: ``refresh()``, ``set_filter_text()`` and ``sort()`` re-query the
    ids; ``loading`` is emitted when a query starts, ``loaded(count)`` when its ids and first rows
    are in, ``settled`` whenever all rows the view asked for have arrived."""

    loading = Signal()
    loaded = Signal(int)
    settled = Signal()  # nothing left to query or fetch (see ``idle``)

    def __init__(self, db, listing, parent=None):
        super().__init__(parent)
        self.db = db
        self.listing = listing
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, tuple]] = OrderedDict()
        self._requested: set[int] = set()
        self._text = ""
        self._sort: int | None = None
        self._descending = False
        self._overdue = False
        self._department_id: int | None = None
        self._filters: dict = {}  # column key -> stored value (``Listing.ids``)
        self._now = now_kz()  # what is overdue is judged against the time of the last query
        self._generation = 0  # results of an older query are dropped
        self._active = False  # refresh() was called: changes of filter and sort query again
        self._query: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_query)
        language.notifier().changed.connect(self.retranslate)

    # -- state --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A query for ids is scheduled or running."""
        return self._timer.isActive() or self._query is not None

    @property
    def idle(self) -> bool:
        """Nothing scheduled, nothing being fetched: what the view shows is complete."""
        return not self.busy and not self._requested

    @property
    def filter_text(self) -> str:
        return self._text

    def row_id(self, row: int) -> int:
        return self._ids[row]

    # -- querying -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Queries the ids (again) soon: several calls in a row give one query.  Until the
        first call the model stays empty and changes of filter or sort only set them."""
        self._active = True
        self._timer.start(0)

    def set_filter_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            if self._active:
                self._timer.start(FILTER_DELAY_MS)

    def set_overdue_only(self, overdue: bool) -> None:
        self._change("_overdue", overdue)

    def set_department(self, department_id: int | None) -> None:
        """Only the rows of one department (None: all of them)."""
        self._change("_department_id", department_id)

    def set_filters(self, filters: dict) -> None:
        """Only the rows whose columns hold these stored values (column key -> value)."""
        self._change("_filters", dict(filters))

    def query_options(self) -> dict:
        """What the rows shown were chosen by: for ``Listing.ids`` and the export."""
        return {"text": self._text, "sort": self._sort, "descending": self._descending, "overdue": self._overdue,
                "department_id": self._department_id, "lang": current_language(), "now": now_kz(),
                "filters": self._filters}

    def _change(self, attribute: str, value) -> None:
        if getattr(self, attribute) != value:
            setattr(self, attribute, value)
            if self._active:
                self.refresh()

    @property
    def overdue_only(self) -> bool:
        return self._overdue

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = column if 0 <= column < len(self.listing.columns) else None
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._active:
            self.refresh()

    def _start_query(self) -> None:
        self._timer.stop()
        if self._query is not None:
            self._query.cancel()
        self._generation += 1
        generation = self._generation
        options = self.query_options()
        self._query = run_task(in_session, self.db, _load_ids, self.listing, options,
                               on_done=lambda result: self._ids_loaded(generation, *result),
                               on_error=self._query_failed, parent=self)
        self.loading.emit()

    def _ids_loaded(self, generation: int, ids: list[int], first_block: dict[int, tuple]) -> None:
        if generation != self._generation:
            return
        self._query = None
        self.beginResetModel()
        self._now = now_kz()
        self._ids = ids
        self._blocks.clear()
        self._requested.clear()
        self._blocks[0] = first_block
        self.endResetModel()
        self.loaded.emit(len(ids))
        self._emit_if_settled()

    def _query_failed(self, exc: BaseException) -> None:
        self._query = None
        self.loaded.emit(len(self._ids))
        self._emit_if_settled()
        errors.show_error(None, exc)

    def _fetch_block(self, block: int) -> None:
        self._requested.add(block)
        generation = self._generation
        ids = self._ids[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE]
        run_task(in_session, self.db, self.listing.rows, ids, parent=self,
                 on_done=lambda rows: self._block_loaded(generation, block, rows),
                 on_error=lambda exc: self._block_failed(generation, block, exc))

    def _block_failed(self, generation: int, block: int, exc: BaseException) -> None:
        """The block stays empty until the next refresh (the error is shown once, not at every
        repaint), and the list counts as complete so nothing waits for it."""
        if generation == self._generation:
            self._blocks[block] = {}
            self._requested.discard(block)
            self._emit_if_settled()
        errors.show_error(None, exc)

    def _block_loaded(self, generation: int, block: int, rows: dict[int, tuple]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(block)
        self._blocks[block] = rows
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK_SIZE
        last = min(first + BLOCK_SIZE, len(self._ids)) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        self._emit_if_settled()

    def _emit_if_settled(self) -> None:
        if self.idle:
            self.settled.emit()

    def _values(self, row: int) -> tuple | None:
        block = row // BLOCK_SIZE
        rows = self._blocks.get(block)
        if rows is None:
            if block not in self._requested:
                self._fetch_block(block)
            return None
        self._blocks.move_to_end(block)
        return rows.get(self._ids[row])  # None: the row was deleted since the ids were read

    # -- Qt model interface ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.listing.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        """Asked for some seven roles of every cell painted: those this model has no answer for
        return at once."""
        if role == _ALIGN:
            return _ALIGNMENT.get(self.listing.columns[index.column()].kind)
        if role not in _VALUE_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        values = self._values(row)
        if values is None:
            return None
        if role == _DISPLAY:
            return self._shown(values[column], self.listing.columns[column].kind)
        if role == _TOOLTIP:
            return self._tooltip(values[column], self.listing.columns[column].kind)
        state = self.due_state(row, values)
        if state is None:
            return None
        if role == _BACKGROUND:
            return _DUE_BACKGROUND[state]
        if column == self._due_index:  # the decoration: the due date's own cell
            return _due_icon(state)
        return None

    @staticmethod
    def _shown(value, kind: str) -> str:
        """A cell's text: its value formatted by its column's kind (a due date as a moment)."""
        return language.format_value(value.at, "datetime") if isinstance(value, Due) else language.format_value(
            value, kind)

    def texts(self, column: int, rows: range) -> list[str]:
        """What the cells of ``column`` show in ``rows``, those loaded (to measure a column by)."""
        kind = self.listing.columns[column].kind
        shown = []
        for row in rows:
            values = self._values(row)
            if values is not None:
                shown.append(self._shown(values[column], kind))
        return shown

    def _tooltip(self, value, kind: str) -> str | None:
        """Cells that may be cut show their whole text; a due date says what it is for."""
        if isinstance(value, Due):
            text = language.format_deadline(value.at, value.rule) if value.rule else language.format_value(
                value.at, "datetime")
            state = due_state(value, self._now)
            return f"{_(_DUE_TEXT[state])} {text}" if state else text
        if kind in _ELIDABLE and value not in (None, ""):
            return language.format_value(value, kind)
        return None

    def due_state(self, row: int, values: tuple | None = None) -> str | None:
        """Whether the row is overdue or due today (None: neither, no due date or not loaded)."""
        due_column = self._due_index
        if due_column is None:
            return None
        values = values if values is not None else self._values(row)
        return due_state(values[due_column], self._now) if values is not None else None

    @cached_property
    def _due_index(self) -> int | None:
        due = self.listing.due_column  # asked for every cell painted: found once
        return self.listing.columns.index(due) if due is not None else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.listing.columns):
            column = self.listing.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return _(column.title)
            if role == Qt.ItemDataRole.ToolTipRole:
                note = language.profile_note() if column.key == "profile" else ""
                return f"{_(column.title)}\n\n{note}" if note else _(column.title)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

