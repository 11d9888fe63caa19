"""What the review dialogs share: their data read in the background, ``loaded`` once it came."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from .. import language
from ..errors import show_error
from ..tasks import in_session, run_task


class LoadsInBackground:
    """For a QDialog with ``db``: ``load(fn, *args)`` runs ``fn(session, *args)`` off the GUI thread
    and hands the result to ``_loaded``."""

    data: dict | None = None

    @property
    def loaded(self) -> bool:
        return self.data is not None

    def load(self, fn, *args) -> None:
        run_task(in_session, self.db, fn, *args, on_done=self._loaded, on_error=lambda exc: show_error(self, exc),
                 parent=self)

    def _loaded(self, data: dict) -> None:
        raise NotImplementedError

    def lay_out_table(self, on_accept) -> None:
        """``caption`` above ``table`` above ``buttons`` (accepted: ``on_accept``), in the reader's
        language from now on."""
        self.buttons.accepted.connect(on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
