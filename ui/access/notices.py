"""What the heads see of the administrator's work (separation of duties, docs/admin-guide.md):
in the status bar, the accounts added or changed by someone else and the backups of the last
weeks, each named in the tooltip (who, when, which account)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QMainWindow

from app.domain.clock import now_kz
from app.i18n import N_
from app.i18n import gettext as _
from app.services import accounts

from .. import language
from ..tasks import in_session, run_task
from . import allows, protected

SHOWN_FOR = timedelta(days=30)
WHAT = {"added": N_("account {account} added by {by} ({at}): {fields}"),
        "changed": N_("account {account} changed by {by} ({at}): {fields}"),
        "backup": N_("backup made by {by} ({at})")}


class NoticesLabel(QLabel):
    """Hidden but for a signed-in head or deputy head with something to see."""

    def __init__(self, window: QMainWindow):
        super().__init__(window, objectName="accountNotices")
        self.window_ = window
        self.notices: list[dict] = []
        window.statusBar().addPermanentWidget(self)
        self.hide()
        language.notifier().changed.connect(self.retranslate)

    def refresh(self) -> None:
        db = self.window_.db
        if not (protected(db) and allows(db, "users.notices")):
            self._shown([])
            return
        run_task(in_session, db, accounts.notices, now_kz() - SHOWN_FOR, on_done=self._shown,
                 on_error=lambda _e: None, parent=self)

    def _shown(self, notices: list[dict]) -> None:
        self.notices = notices
        self.retranslate()
        self.setVisible(bool(notices))

    def retranslate(self) -> None:
        self.setText(_("Accounts and backups: {count} changes").format(count=len(self.notices)))
        self.setToolTip("\n".join(_(WHAT[n["what"]]).format(account=n["account"], by=n["by"], at=n["at"],
                                                            fields=", ".join(n["fields"])) for n in self.notices))
