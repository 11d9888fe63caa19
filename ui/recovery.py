"""A damaged database, met by the window: it offers to restore the latest backup.

At start the database is checked in the background (``backups.startup_check``, which also
makes the daily backup); a damage found then, or met later by any query (``DatabaseDamaged``),
brings up one question: restore the backup of <date>?  Yes closes the database, puts the backup
in place (the damaged file is kept) and starts the program again."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QProcess
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.i18n import gettext as _
from app.services import backups
from app.storage import Database, DatabaseDamaged

from . import errors, language, tasks

log = logging.getLogger(__name__)


def restart_program() -> None:
    """Starts the program again with the same arguments and ends this one."""
    arguments = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    QProcess.startDetached(sys.executable, list(arguments))
    QApplication.exit(0)


def ask_to_restore(parent: QWidget | None, backup: Path) -> bool:
    made = datetime.fromtimestamp(backup.stat().st_mtime)
    box = errors.message_box(parent, QMessageBox.Icon.Critical, _("The database is damaged."))
    box.setInformativeText(_("Restore the latest backup, made {when}? Work entered after it will have to be "
                             "entered again; the damaged file is kept.").format(
        when=language.format_value(made, "datetime")))
    box.setDetailedText(str(backup))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_("Restore"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


class Recovery(QObject):
    """Watches one window's database; ``database()`` gives the one in use now."""

    def __init__(self, window: QWidget, database: Callable[[], Database],
                 restart: Callable[[], None] = restart_program, ask: Callable[[QWidget, Path], bool] = ask_to_restore):
        super().__init__(window)
        self.window, self.database, self.restart, self.ask = window, database, restart, ask
        self._asked = False
        errors.set_damage_handler(self.offer)
        self.destroyed.connect(lambda: errors.set_damage_handler(None))

    def check_in_background(self) -> None:
        tasks.run_task(backups.startup_check, self.database(), on_done=self._checked, parent=self)

    def _checked(self, result: dict) -> None:
        if result["ok"]:
            return
        log.error("the database failed its check at start: %s", "; ".join(result["problems"][:5]))
        self.offer(None)

    def offer(self, _error: DatabaseDamaged | None) -> None:
        """Asks once; restores and restarts on yes."""
        if self._asked:
            return
        self._asked = True
        db = self.database()
        backup = db.latest_backup()
        if backup is None:
            errors.message_box(self.window, QMessageBox.Icon.Critical, _(
                "The database is damaged and no backup of it was found. Nothing more was changed; ask your "
                "administrator.")).open()
            return
        if self.ask(self.window, backup):
            tasks.wait_for_worker()
            backups.restore(db, backup)
            log.info("database restored from %s", backup.name)
            self.restart()
