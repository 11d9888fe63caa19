"""The head-expert's comparison (§47): the three decisions side by side, each field that differs
highlighted, and "Conclude" opens the review form for the head's own decision."""

from __future__ import annotations

import json

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.domain import review
from app.i18n import N_
from app.i18n import gettext as _
from app.services.review import decisions, queues

from .. import language
from ..errors import show_error
from ..tasks import in_session, run_task
from .review_dialog import ReviewDialog

DIFFERS = QColor("#fde2b8")
FIELD_TITLES = {"outcome": N_("Decision"), "group": N_("Group or category (§26)"), "cause": N_("Cause (§27)"),
                "term": N_("Term (§30)"), "uot_percent": N_("General working capacity lost (§62-64)"),
                "upt_percent": N_("Professional working capacity lost (§65-66)"),
                "reasons": N_("Reasons of the mark"), "restrictions": N_("Degrees of restriction (App 6)"),
                "rehab_prognosis": N_("Rehabilitation prognosis (§38)"),
                "rehab_potential": N_("Rehabilitation potential (§39)"), "recommendations": N_("Recommendations"),
                "comment": N_("Comment")}
assert set(FIELD_TITLES) == set(review.SHOWN_FIELDS)


def _comparison(session, act_id: int, expert_id: int) -> dict:
    act = session.get(decisions.m.DraftAct, act_id)
    return queues.comparison(act, decisions.Viewer(expert_id))


def _shown(value) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class ComparisonDialog(QDialog):
    def __init__(self, db, act_id: int, expert_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonDialog")
        self.db, self.act_id, self.expert_id = db, act_id, expert_id
        self.data: dict | None = None
        self.table = QTableWidget(len(review.SHOWN_FIELDS), 3)
        self.table.setObjectName("comparisonTable")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.conclude)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(960, 560)
        run_task(in_session, db, _comparison, act_id, expert_id, on_done=self._loaded,
                 on_error=lambda exc: show_error(self, exc), parent=self)

    @property
    def loaded(self) -> bool:
        return self.data is not None

    def _loaded(self, data: dict) -> None:
        self.data = data
        for row, key in enumerate(review.SHOWN_FIELDS):
            for column, decision in enumerate(data["decisions"]):
                item = QTableWidgetItem(_shown((decision or {}).get(key)))
                if data["differs"][key]:
                    item.setBackground(DIFFERS)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.retranslate()

    def differing_rows(self) -> list[str]:
        return [key for key in review.SHOWN_FIELDS if self.data and self.data["differs"][key]]

    def conclude(self) -> ReviewDialog:
        dialog = ReviewDialog(self.db, self.act_id, expert_id=self.expert_id, mode="head", parent=self)
        dialog.submitted.connect(lambda _status: self.accept())
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        number = self.data["number"] if self.data else "…"
        self.setWindowTitle(_("Comparison of the expert decisions on draft act {number} (§47)").format(number=number))
        self.table.setVerticalHeaderLabels([_(FIELD_TITLES[key]) for key in review.SHOWN_FIELDS])
        roles = self.data["roles"] if self.data else ["head", "specialist", "specialist"]
        self.table.setHorizontalHeaderLabels([f"{i + 1}. {_(decisions_role(role))}" for i, role in enumerate(roles)])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Conclude…"))


def decisions_role(role: str) -> str:
    return {"head": N_("department head"), "specialist": N_("chief specialist")}[role]
