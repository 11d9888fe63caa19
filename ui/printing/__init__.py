"""Printing from the window: preview, the standard print dialog, save as PDF, batches.

- ``print_act_documents(parent, db, act_id)``: the act card's "Print…" — choose which of the
  act's result documents to preview or print;
- ``preview_list(parent, db, kind)``: the waiting list, the decisions list, the appeals journal
  or the registry (File → Print the list…);
- ``JournalDialog``: the day's protocol or the month's journal of a department;
- ``check_document(parent, db)``: valid / altered / replaced / unknown for the text of a QR code.

Paper copies of issued documents are recorded when printed or saved (§51 part 2)."""

from __future__ import annotations

from .batch import BatchPrint
from .dialogs import ActDocumentsDialog, JournalDialog, check_document
from .jobs import preview, preview_list, record_copies
from .preview import PreviewDialog

__all__ = ["ActDocumentsDialog", "BatchPrint", "JournalDialog", "PreviewDialog", "check_document", "preview",
           "preview_list", "print_act_documents", "record_copies"]


def print_act_documents(parent, db, act_id: int) -> ActDocumentsDialog:
    """The act card's "Print…": the result documents that fit the act, to preview or print."""
    dialog = ActDocumentsDialog(db, act_id, parent)
    dialog.open()
    return dialog
