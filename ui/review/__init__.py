"""Screens of the review: the review screen, the head-expert's comparison, the
signature queue, My acts and the list of expert decisions (App 16).  ``open_review(db, act_id,
expert_id)`` is what the act's card calls."""

from .comparison import ComparisonDialog
from .lists import ListDialog, MyActsDialog, decisions_list
from .review_dialog import ReviewDialog
from .signature_queue import SignatureQueueDialog


def open_review(db, act_id: int, expert_id: int | None, mode: str = "expert", parent=None) -> ReviewDialog:
    dialog = ReviewDialog(db, act_id, expert_id=expert_id, mode=mode, parent=parent)
    dialog.open()
    return dialog


__all__ = ["ComparisonDialog", "ListDialog", "MyActsDialog", "ReviewDialog", "SignatureQueueDialog",
           "decisions_list", "open_review"]
