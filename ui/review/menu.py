"""The window's Review menu, added by one call from the main window: My acts "as expert N" (a
department database opened for trials, §25.5 still applies), the signature queue (§48), the list
of expert decisions (App 16); and the automatic steps (``tick``, §45) in the background every
few minutes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services.review import outbox, tick

from .. import access, errors, language
from ..tasks import run_task
from .exchange import ExportForExpertDialog, OutboxDialog, import_decisions
from .in_person import InPersonDialog
from .lists import MyActsDialog, decisions_list
from .signature_queue import SignatureQueueDialog
from .to_sign import ToSignDialog

TICK_INTERVAL_MS = 5 * 60 * 1000


class ReviewMenu(QObject):
    """Owned by the window: the language notifier lets go of it with the window."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.menu = QMenu(window.menuBar())
        window.menuBar().insertMenu(window.settings_menu.menuAction(), self.menu)
        self.my_acts = QAction(window, triggered=self.show_my_acts)
        self.queue = QAction(window, triggered=self.show_signature_queue)
        self.decisions = QAction(window, triggered=self.show_decisions)
        self.in_person = QAction(window, triggered=self.show_in_person)
        self.export_acts = QAction(window, triggered=self.show_export_for_expert)
        self.import_decisions = QAction(window, triggered=lambda: import_decisions(window, window.db,
                                                                                  on_done=lambda _r: window.refresh()))
        self.outbox = QAction(window, triggered=self.show_outbox)
        for action in (self.my_acts, self.queue, self.in_person, self.decisions):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.export_acts, self.import_decisions, self.outbox):
            self.menu.addAction(action)
        self.timer = QTimer(window, interval=TICK_INTERVAL_MS, timeout=self.run_tick)
        self.timer.start()
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()

    def for_expert(self) -> None:
        """An expert's workstation has none of the department's review steps (§25.2)."""
        self.menu.menuAction().setVisible(False)
        self.timer.stop()

    def run_tick(self) -> None:
        run_task(tick.tick, self.window.db, now_kz(), outbox.file_gateways(self.window.data_dir),
                 on_error=lambda _exc: None, parent=self.window)

    def show_my_acts(self, _checked=False, expert_id: int | None = None) -> MyActsDialog | None:
        """The signed-in expert's own acts (§25.4-25.5: no one opens another expert's); on a
        database without accounts, a one-person trial, the expert's number is asked."""
        if access.protected(self.window.db):
            expert_id = self.window.db.actor.expert_id
            if expert_id is None:
                errors.message_box(self.window, QMessageBox.Icon.Information, _(
                    "Your account is not linked to an expert record: ask the administrator to link it "
                    "(Settings → Accounts).")).open()
                return None
        elif expert_id is None:
            expert_id, ok = QInputDialog.getInt(self.window, _("My acts"), _(
                "A database without accounts is a one-person trial.\nOpen as expert No.:"), 1, 1, 2**31 - 1)
            if not ok:
                return None
        dialog = MyActsDialog(self.window.db, expert_id, self.window)
        dialog.show()
        return dialog

    def show_signature_queue(self) -> SignatureQueueDialog:
        dialog = SignatureQueueDialog(self.window.db, self.window)
        dialog.show()
        return dialog

    def show_to_sign(self, number: str) -> ToSignDialog:
        """One act of the signature queue: its decisions beside the conclusion (§48)."""
        dialog = ToSignDialog(self.window.db, number, self.window)
        dialog.signed.connect(lambda _number: self.window.refresh())
        dialog.show()
        return dialog

    def show_in_person(self) -> InPersonDialog:
        dialog = InPersonDialog(self.window.db, self.window)
        dialog.show()
        return dialog

    def show_decisions(self):
        """App 16; blind (§25.5) for a signed-in expert: the acts they sit on show the others'
        decisions only after their own, and an independent expert sees only their own acts."""
        actor = access.actor(self.window.db)
        whole = actor.unprotected or access.allows(self.window.db, "acts.view_personal")
        dialog = decisions_list(self.window.db, actor.expert_id, self.window, whole_department=whole)
        dialog.show()
        return dialog

    def show_export_for_expert(self) -> ExportForExpertDialog:
        dialog = ExportForExpertDialog(self.window.db, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_outbox(self) -> OutboxDialog:
        dialog = OutboxDialog(self.window.db, self.window.data_dir, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(960, 560)
        dialog.show()
        return dialog

    def retranslate(self) -> None:
        self.menu.setTitle(_("Re&view"))
        self.my_acts.setText(_("My acts as an expert…"))
        self.queue.setText(_("Conclusions waiting for &signature…"))
        self.in_person.setText(_("&In-person examinations (§45)…"))
        self.decisions.setText(_("List of expert &decisions (App 16)…"))
        self.export_acts.setText(_("&Acts for an expert's laptop…"))
        self.import_decisions.setText(_("I&mport decisions from a file…"))
        self.outbox.setText(_("&Outbox: notices and SMS…"))
