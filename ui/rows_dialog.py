"""A dialog of rows a service lists (accounts, the department's staff): a row of buttons over a
read-only table, read in the background, read again after each change; a refusal is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import gettext as _

from . import errors, language
from .tasks import in_session, run_task


class RowsDialog(QDialog):
    """Subclasses give ``columns`` (message ids), ``listing_of`` (the service listing the rows,
    ``listing_of(session)``) and ``values(row)`` (the row's texts, column by column)."""

    columns: tuple[str, ...] = ()
    listing_of: Callable

    def __init__(self, db, actions: list[Callable], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.rows: list[dict] = []
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_buttons = [QPushButton(self, clicked=action) for action in actions]
        buttons = QHBoxLayout()
        for button in self.action_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.form: QDialog | None = None

    def start(self) -> None:
        """Once the subclass is built: its texts, and its rows."""
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_(c) for c in self.columns])
        self._fill()

    def values(self, row: dict) -> tuple[str, ...]:
        raise NotImplementedError

    def load(self) -> None:
        run_task(in_session, self.db, type(self).listing_of, on_done=self._loaded, on_error=self._failed, parent=self)

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            for column, value in enumerate(self.values(row)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # a long value is cut in its column
                self.table.setItem(number, column, item)

    def chosen_row(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def change(self, function, *args, on_done: Callable | None = None) -> None:
        """``function(session, *args)`` in the background, then the rows again."""
        run_task(in_session, self.db, function, *args, on_done=on_done or (lambda _r: self.load()),
                 on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.last_error = exc
        errors.show_error(self, exc)


def form_dialog(dialog: QDialog, rows: list[tuple[str, QWidget]], title: str) -> None:
    """Lays out ``dialog`` as a form of (label, field) rows with OK and Cancel."""
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                               accepted=dialog.accept, rejected=dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.setWindowTitle(title)
