"""Importing referral packages (form 031/у) in the window: the lookups folder chosen once per
workstation, a dialog that shows the progress with Cancel and then the accepted and the
rejected packages side by side, each code explained in the user's language.

The packages are imported on the background worker (``ui.tasks``), each in its own
transaction (``app.services.intake``); Cancel stops after the current package, and what was
imported stays (selection of experts still runs for it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.adapters.lookups import load_registers
from app.domain.settings import LOOKUPS_FOLDER
from app.i18n import gettext as _
from app.i18n import ngettext
from app.services.intake import REASONS, Intake, Outcome

from .. import errors, language
from .. import settings
from ..lazy import lazy_module
from ..printing.jobs import preview
from ..tasks import run_task

printing = lazy_module("app.services.printing")  # reportlab when a notice is printed
IMPORT_SIZE = QSize(960, 640)


# -- the lookups folder ---------------------------------------------------------------------------
def lookups_folder() -> Path | None:
    """The lookups folder this workstation uses, if it was chosen and still exists."""
    value = settings.value(LOOKUPS_FOLDER)
    return Path(value) if value and Path(value).is_dir() else None


def set_lookups_folder(folder: Path) -> None:
    settings.set_value(LOOKUPS_FOLDER, str(folder))


def lookups_explained() -> str:
    return _("Each package is checked against the registers ГБД ФЛ, БМГ, РПН, ХЭД and ТСР (App 5). Until the "
             "program is connected to them, their answers are read from a lookups folder holding gbdfl.json, "
             "bmg.json, rpn.json, hed.json and tsr.json; a missing file is an empty register. The folder is "
             "chosen once and remembered on this workstation.")


def ask_lookups_folder(parent: QWidget | None, then: Callable[[Path], None] | None = None) -> QMessageBox:
    """Says what the lookups folder is, then lets the user choose it; it is remembered and
    handed to ``then``.  Neither dialog blocks: each goes on when it is answered."""
    box = errors.message_box(parent, QMessageBox.Icon.Information, _("Choose the lookups folder first."))
    box.setInformativeText(lookups_explained())
    box.accepted.connect(lambda: pick_lookups_folder(parent, then))
    box.open()
    return box


def pick_lookups_folder(parent: QWidget | None, then: Callable[[Path], None] | None = None) -> QFileDialog:
    dialog = QFileDialog(parent, _("Lookups folder"), str(lookups_folder() or Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(folder: str) -> None:
        set_lookups_folder(Path(folder))
        if then is not None:
            then(Path(folder))

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


# -- the work on the worker -------------------------------------------------------------------------
def import_packages(db, lookups: Path, paths: list[Path], stop, progress=None) -> list[Outcome]:
    """Reads the registers, then imports the files (``stop()`` ends it after the current one)."""
    return Intake(db, load_registers(lookups)).import_files(paths, progress=progress, stop=stop)


def finding_lines(outcome: Outcome) -> list[tuple[str, str]]:
    """(code, explanation in the current language) for each reason a package was not accepted:
    the reason as App 5 words it, then the field and what is wrong with it."""
    if outcome.error:
        return [("", _("Not stored: the database failed on this package, and nothing of it was kept."))]
    return [(finding.code, f"{_(REASONS[finding.code])}\n{finding.text()}") for finding in outcome.findings]


class ImportDialog(QDialog):
    """The progress of one import with Cancel, then its accepted and rejected packages side by
    side.  ``imported`` is emitted when the work has ended (also after Cancel); ``act_opened``
    with an act's number on a double click on an accepted package."""

    imported = Signal(list)
    act_opened = Signal(str)

    def __init__(self, db, lookups: Path, paths: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.outcomes: list[Outcome] | None = None
        self.done_count = self.total = 0
        self.failed = False
        self._stop = threading.Event()
        self.state = QLabel(wordWrap=True)
        self.state.setObjectName("importState")
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(clicked=self.cancel)
        self.accepted_group, self.accepted_list = QGroupBox(), self._tree(2)
        self.rejected_group, self.rejected_list = QGroupBox(), self._tree(2)
        self.accepted_list.itemActivated.connect(self._open_act)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)
        self.notice_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.notice_button.clicked.connect(self.print_notice)
        self.notice_button.setEnabled(False)
        self.rejected_list.itemSelectionChanged.connect(self._chosen_rejected)
        self.db = db
        self._lay_out()
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        run_task(import_packages, db, lookups, paths, self._stop.is_set, on_progress=self._progressed,
                 on_done=self._finished, on_error=self._failed, parent=self)

    @staticmethod
    def _tree(columns: int) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(columns)
        tree.setRootIsDecorated(True)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.header().setStretchLastSection(True)
        tree.header().sectionResized.connect(lambda *_args: tree.doItemsLayout())  # wrapped rows grow
        return tree

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        sides = QHBoxLayout()
        for group, tree in ((self.accepted_group, self.accepted_list), (self.rejected_group, self.rejected_list)):
            inner = QVBoxLayout(group)
            inner.addWidget(tree)
            sides.addWidget(group, 1 if group is self.accepted_group else 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(top)
        layout.addLayout(sides, 1)
        layout.addWidget(self.buttons)

    # -- the run ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.outcomes is None and not self.failed

    def cancel(self) -> None:
        """Stops after the current package; what was imported stays."""
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.retranslate()

    def _progressed(self, done: int, total: int) -> None:
        self.done_count, self.total = done, total
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.retranslate()

    def _finished(self, outcomes: list[Outcome]) -> None:
        self.outcomes = outcomes
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, max(len(outcomes), 1))
        self.progress.setValue(len(outcomes))
        self.retranslate()
        self.imported.emit(outcomes)
        if self.isHidden():  # closed while it ran
            self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        self.failed = True
        self.cancel_button.setEnabled(False)
        self.retranslate()
        errors.show_error(self, exc)

    def _open_act(self, item: QTreeWidgetItem) -> None:
        number = item.data(0, Qt.ItemDataRole.UserRole)
        if number:
            self.act_opened.emit(number)

    def reject(self) -> None:
        """Close, Escape and the window's close button: the import stops after the current
        package; while that runs the dialog only hides, so that the lists are still read again
        when it ends."""
        self._stop.set()
        if self.running:
            self.hide()
        else:
            super().reject()

    def _chosen_rejected(self) -> None:
        self.notice_button.setEnabled(self.rejected_list.currentItem() is not None)

    def print_notice(self) -> None:
        """The §16 information message of the rejected package chosen, in the preview."""
        item = self.rejected_list.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        package_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if package_id:
            preview(self, self.db, partial(printing.describe_rejection_notice, self.db, package_id),
                    _("Information message (§16)"), file_name=f"rejection-{package_id}.pdf")

    # -- what it shows ------------------------------------------------------------------------------
    def accepted_outcomes(self) -> list[Outcome]:
        return [o for o in self.outcomes or () if o.accepted]

    def rejected_outcomes(self) -> list[Outcome]:
        return [o for o in self.outcomes or () if not o.accepted]

    def state_text(self) -> str:
        if self.failed:
            return _("The import did not run; nothing was imported.")
        if self.outcomes is None:
            if self._stop.is_set():
                return _("Stopping after the current package…")
            if not self.total:
                return _("Reading the registers and the files…")
            return _("Importing package {done} of {total}…").format(done=language.format_number(self.done_count),
                                                                    total=language.format_number(self.total))
        text = ngettext("{count} package imported: {accepted} accepted, {rejected} rejected.",
                        "{count} packages imported: {accepted} accepted, {rejected} rejected.",
                        len(self.outcomes)).format(count=language.format_number(len(self.outcomes)),
                                                   accepted=language.format_number(len(self.accepted_outcomes())),
                                                   rejected=language.format_number(len(self.rejected_outcomes())))
        if self._stop.is_set() and self.total > len(self.outcomes):
            text += " " + _("Stopped on request: {left} packages were not imported.").format(
                left=language.format_number(self.total - len(self.outcomes)))
        return text

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import of referrals"))
        self.state.setText(self.state_text())
        self.cancel_button.setText(_("Cancel"))
        self.notice_button.setText(_("Print the &notice (§16)…"))
        self.cancel_button.setVisible(self.running)
        self.progress.setVisible(self.running)
        self.accepted_group.setTitle(_("Accepted: {count}").format(count=len(self.accepted_outcomes())))
        self.rejected_group.setTitle(_("Rejected: {count}").format(count=len(self.rejected_outcomes())))
        self.accepted_list.setHeaderLabels([_("File"), _("Draft act No.")])
        self.rejected_list.setHeaderLabels([_("File and codes"), _("Why (App 5)")])
        self._fill()

    def _fill(self) -> None:
        self.accepted_list.clear()
        self.rejected_list.clear()
        for outcome in self.accepted_outcomes():
            item = QTreeWidgetItem(self.accepted_list, [Path(outcome.file).name, outcome.act_number])
            item.setData(0, Qt.ItemDataRole.UserRole, outcome.act_number)
            item.setToolTip(0, outcome.file)
        for outcome in self.rejected_outcomes():
            item = QTreeWidgetItem(self.rejected_list, [Path(outcome.file).name, " ".join(outcome.codes)])
            item.setData(0, Qt.ItemDataRole.UserRole, outcome.package_id)
            item.setToolTip(0, outcome.file)
            for code, text in finding_lines(outcome):
                child = QTreeWidgetItem(item, [code, text])
                child.setToolTip(1, text)
            item.setExpanded(True)
        for tree in (self.accepted_list, self.rejected_list):
            tree.resizeColumnToContents(0)

    def shown_text(self) -> str:
        """Everything the two lists show (for tests and support)."""
        lines = []
        for tree in (self.accepted_list, self.rejected_list):
            for index in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(index)
                lines.append(" | ".join(item.text(c) for c in range(tree.columnCount())))
                lines += ["  " + " | ".join(item.child(n).text(c) for c in range(tree.columnCount()))
                          for n in range(item.childCount())]
        return "\n".join(lines)
