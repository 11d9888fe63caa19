"""The window's quick start: the rows of the list it opens on are read on a bare connection (the
lists are SQLAlchemy core, ``app.services.listings``) and painted before the ORM, the models and
the window's other parts are loaded (``MainWindow(first_rows=...)``, then ``complete()``).

Only where the window would show that list at once, the same way, to whoever sits at it: a
database nobody signs in to (unprotected: every role's tabs are shown), a department's workstation
that is set up (not a first start's welcome page, not an expert's own workstation, whose window
shows only the expert's depersonalised acts, §25.2), a tab whose lists need no model: a plain list,
or the registry's tab (its first list, the registry itself, and the others on a click; its cards
and steps wait for the models, ``RegistryTab.hold_steps``), on which a plain ``saraptama-gui``
opens.  Not the appeals' tab (it loads the appeals' services, and the models with them), nor
statistics.  Anywhere else the window starts as it always did.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from app.domain.settings import DEPARTMENT_CODE, EXPERT_ID, SIGN_IN
from app.services import listings
from app.services.stored_settings import read_setting
from app.storage import Database

QUICK_TABS = ("registry", "incoming", "waiting")


class CoreReads:
    """``db`` for a list's model during a quick start: each unit of work is a bare connection
    (reads only; the lists need no more)."""

    def __init__(self, db: Database):
        self.db = db

    @contextmanager
    def session(self):
        with self.db.engine.connect() as connection:
            yield connection


@dataclass(frozen=True)
class FirstRows:
    tab: str
    department_id: int | None  # the workstation's own department, whose rows are shown first

    @staticmethod
    def reader(db: Database) -> CoreReads:
        return CoreReads(db)


def plan(db: Database, tab: str) -> FirstRows | None:
    """The quick start of the window on ``tab``, or None where the window must start in full."""
    if tab not in QUICK_TABS:
        return None
    try:
        with db.engine.connect() as connection:
            if read_setting(connection, SIGN_IN) or read_setting(connection, EXPERT_ID) is not None:
                return None
            if not read_setting(connection, DEPARTMENT_CODE):  # a first start (the welcome page), or no department
                return None
            department_id = listings.own_department_id(connection)
    except DBAPIError:  # whatever the matter, the full start says it as it always did
        return None
    return FirstRows(tab, department_id)
