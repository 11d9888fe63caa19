"""Lists of the review in a window of their own, on the shared list page: an expert's My acts
(Enter opens the review screen) and the list of expert decisions (App 16), blind for an expert."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.i18n import gettext as _
from app.services.review import lists

from .. import language
from ..listing_page import ListingPage
from .review_dialog import ReviewDialog


class ListDialog(QDialog):
    def __init__(self, db, listing, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.listing = db, listing
        self.page = ListingPage(db, listing, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.page)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(1000, 640)
        self.page.ensure_loaded()

    def retranslate(self) -> None:
        self.setWindowTitle(_(self.listing.title))


class MyActsDialog(ListDialog):
    """An expert's acts; Enter opens the review screen for that expert."""

    def __init__(self, db, expert_id: int, parent: QWidget | None = None):
        super().__init__(db, lists.my_acts_listing(expert_id), parent)
        self.expert_id = expert_id
        self.review: ReviewDialog | None = None
        self.page.row_opened.connect(self.open_review)

    def open_review(self, act_id: int) -> ReviewDialog:
        self.review = ReviewDialog(self.db, act_id, expert_id=self.expert_id, parent=self)
        self.review.submitted.connect(lambda _status: self.page.model.refresh())
        self.review.open()
        return self.review


def decisions_list(db, expert_id: int | None, parent: QWidget | None = None, *,
                   whole_department: bool = False) -> ListDialog:
    return ListDialog(db, lists.decisions_listing(expert_id, whole_department=whole_department), parent)
