"""What the review dialogs share: their data read in the background, ``loaded`` once it came."""

from __future__ import annotations

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
