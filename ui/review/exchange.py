"""The department's steps that went through the command line only: the depersonalised acts of
an expert written for their laptop (§25.2, §25.5), the decisions made offline read back, and
the outbox of notices and SMS (queued, sent, failed, sent again)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.json_files import read_json_file
from app.domain.clock import now_kz
from app.i18n import N_
from app.i18n import gettext as _
from app.services import access, acts
from app.services.review import exchange, laptop, outbox

from .. import errors, language
from ..tasks import in_session, run_task


def _moment(iso: str | None) -> str:
    return language.format_value(datetime.fromisoformat(iso), "datetime") if iso else ""


# -- acts for an expert's laptop ------------------------------------------------------------------
def export_acts(session, expert_id: int, path: Path) -> dict:
    document = exchange.export_for_expert(session, expert_id)
    laptop.write_json(path, document)
    return {"file": str(path), "acts": len(document["acts"])}


class ExportForExpertDialog(QDialog):
    """Which expert, then where: the expert's open acts without personal data (§25.5), for the
    laptop's File → Receive acts."""

    exported = Signal(dict)

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("Acts for an expert's laptop"))
        self.expert = QComboBox(self)
        self.note = QLabel(_("The file holds the expert's acts under review without the person's name, IIN, "
                             "address or phone (§25.5). Take it to the expert's laptop: File → Receive acts."),
                           self, wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(_("&Save the file…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.ask_file)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Expert:"), self.expert)
        form.addRow(self.note)
        form.addRow(self.buttons)
        run_task(in_session, db, acts.list_experts, status="active", on_done=self._show_experts, parent=self)

    def _show_experts(self, experts: list[dict]) -> None:
        for expert in experts:
            self.expert.addItem(f"{expert['id']} · {expert['name']}", int(expert["id"]))
        self.save_button.setEnabled(bool(experts))

    def ask_file(self) -> None:
        expert_id = self.expert.currentData()
        proposed = Path.home() / f"acts-expert-{expert_id}-{now_kz():%Y-%m-%d}.json"
        path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), str(proposed),
                                                    _("Saraptama exchange files (*.json)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        self.save_button.setEnabled(False)
        run_task(in_session, self.db, export_acts, self.expert.currentData(), path, on_done=self._done,
                 on_error=self._failed, parent=self)

    def _done(self, result: dict) -> None:
        self.exported.emit(result)
        errors.message_box(self.parentWidget(), QMessageBox.Icon.Information, _(
            "{count} acts written to {file}.").format(count=language.format_number(result["acts"]),
                                                     file=result["file"])).open()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        errors.show_error(self, error)


# -- decisions made offline -----------------------------------------------------------------------
def import_decisions_file(session, path: Path) -> dict:
    return exchange.import_decisions(session, read_json_file(path))


def import_decisions(parent: QWidget, db, path: Path | None = None, on_done=None) -> None:
    """Asks for the file an expert's laptop wrote (Review → Export decisions), reads it on the
    worker and says what was recorded, skipped and refused (with each reason)."""
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(parent, _("Import decisions"), str(Path.home()),
                                                    _("Saraptama exchange files (*.json)"))
        if not name:
            return
        path = Path(name)

    def show(result: dict) -> None:
        text = _("Recorded: {recorded}. Already here: {skipped}. Refused: {refused}.").format(
            recorded=language.format_number(result["recorded"]),
            skipped=language.format_number(result["already_recorded"]),
            refused=language.format_number(len(result["refused"])))
        box = errors.message_box(parent, QMessageBox.Icon.Information, text)
        box.setWindowTitle(_("Import decisions"))
        if result["refused"]:
            box.setDetailedText("\n".join(f"{r['act']}: {r['reason']}" for r in result["refused"]))
        box.open()
        if on_done is not None:
            on_done(result)
    run_task(in_session, db, import_decisions_file, path, on_done=show, parent=parent)


# -- the outbox ------------------------------------------------------------------------------------
STATES = {"queued": N_("queued"), "failed": N_("not sent"), "sending": N_("sending — check"), "sent": N_("sent")}
CHANNELS = {"sms": N_("SMS"), "mis": N_("notice (ИС МЗ РК)")}


def outbox_listing(session) -> list[dict]:
    """The outbox as the department sees it: the SMS texts name the person, so only a role that
    may open personal data reads them."""
    access.require(session, "acts.view_personal")
    return outbox.listing(session, limit=1000)


def state_of(message: dict) -> str:
    """queued, failed (the gateway refused it; tried again at the next delivery), sending (a
    process stopped while handing it over: a person checks it), or sent."""
    if message["status"] == "pending":
        return "failed" if message["error"] else "queued"
    return message["status"]


class OutboxDialog(QDialog):
    """Notices to medical organisations and SMS to persons: what waits, what went, what the
    gateway refused and why; Send now delivers what waits, Send again re-queues the chosen
    message (a refused one, or one left "sending")."""

    COLUMNS = (N_("Created"), N_("Channel"), N_("State"), N_("Tries"), N_("Sent"), N_("Why not sent"), N_("Text"))

    def __init__(self, db, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.data_dir = db, data_dir
        self.messages: list[dict] = []
        self.setWindowTitle(_("Outbox: notices and SMS"))
        self.filter = QComboBox(self)
        self.filter.addItem(_("All messages"), "")
        for state, words in STATES.items():
            self.filter.addItem(_(words), state)
        self.filter.currentIndexChanged.connect(self._fill)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.summary = QLabel(self)
        self.send_now = QPushButton(_("Send &now"), self, clicked=self.deliver)
        self.send_again = QPushButton(_("Send &again"), self, clicked=self.requeue, enabled=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self, rejected=self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show:"), self))
        top.addWidget(self.filter)
        top.addStretch()
        top.addWidget(self.send_now)
        top.addWidget(self.send_again)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        run_task(in_session, self.db, outbox_listing, on_done=self._loaded, parent=self)

    def _loaded(self, messages: list[dict]) -> None:
        self.messages = messages
        self._fill()

    def shown(self) -> list[dict]:
        wanted = self.filter.currentData()
        return [m for m in self.messages if not wanted or state_of(m) == wanted]

    def _fill(self) -> None:
        shown = self.shown()
        self.table.setRowCount(len(shown))
        for row, message in enumerate(shown):
            cells = (_moment(message["created_at"]), _(CHANNELS.get(message["channel"], message["channel"])),
                     _(STATES[state_of(message)]), language.format_number(message["attempts"]),
                     _moment(message.get("sent_at")), message["error"] or "", " ".join(message["text"].split()))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, message["id"])
                item.setToolTip(message["text"] if column == len(cells) - 1 else text)
                self.table.setItem(row, column, item)
        counts = {state: sum(1 for m in self.messages if state_of(m) == state) for state in STATES}
        self.summary.setText("  ·  ".join(f"{_(STATES[s])}: {language.format_number(n)}" for s, n in counts.items()))
        self._chosen()

    def chosen(self) -> dict | None:
        row = self.table.currentRow()
        shown = self.shown()
        return shown[row] if 0 <= row < len(shown) and self.table.selectedItems() else None

    def _chosen(self) -> None:
        message = self.chosen()
        self.send_again.setEnabled(message is not None and state_of(message) in ("failed", "sending"))

    def deliver(self) -> None:
        """Hands every queued message to its gateway now (as the automatic steps do)."""
        self.send_now.setEnabled(False)
        run_task(outbox.deliver, self.db, outbox.file_gateways(self.data_dir), now_kz(), on_done=self._delivered,
                 on_error=self._failed, parent=self)

    def _delivered(self, result: dict) -> None:
        self.send_now.setEnabled(True)
        self.summary.setText(_("Sent: {sent}. Refused: {refused}.").format(
            sent=language.format_number(result["sent"]), refused=language.format_number(result["refused"])))
        self.load()

    def _failed(self, error: BaseException) -> None:
        self.send_now.setEnabled(True)
        errors.show_error(self, error)

    def requeue(self) -> None:
        message = self.chosen()
        if message is None:
            return
        if message["status"] == "sending":
            self.confirmation = errors.ask(self, _(
                "This message was being handed over when the program stopped: the addressee may have it. "
                "Send it again?"), lambda: self._requeue(message["id"]))
            return
        self._requeue(message["id"])

    def _requeue(self, message_id: int) -> None:
        run_task(in_session, self.db, outbox.send_again, message_id, on_done=lambda _none: self.deliver(), parent=self)
