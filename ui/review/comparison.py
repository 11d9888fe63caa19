"""The head-expert's comparison (§47): the three decisions side by side, each field that differs
highlighted, and "Conclude" opens the review form for the head's own decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from app.domain import review
from app.i18n import N_
from app.i18n import gettext as _
from app.domain.rules import labels as rule_labels
from app.services.review import decisions, messages, queues

from .. import language
from .loading import LoadsInBackground
from .review_dialog import OUTCOME_TITLES, POTENTIAL, PROGNOSIS, ReviewDialog

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
    return queues.comparison(act, decisions.viewer_for(session, act, expert_id))


CODE_NAMES = {"outcome": OUTCOME_TITLES, "group": rule_labels.GROUP, "cause": rule_labels.CAUSE,
              "term": rule_labels.TERM, "rehab_prognosis": PROGNOSIS, "rehab_potential": POTENTIAL}


def shown(key: str, value) -> str:
    """A field of a decision in words of the current language."""
    if value in (None, "", [], {}):
        return "—"
    if key in CODE_NAMES:
        return _(CODE_NAMES[key].get(value, str(value)))
    if key == "reasons":
        return messages.reasons_text(value, None)
    if key == "restrictions":
        return "; ".join(f"{_(rule_labels.CATEGORY[c])}: {d}" for c, d in value.items() if d) or _("no restriction")
    if key == "recommendations":
        return "; ".join(text for text in value.values() if text) or "—"
    return str(value)


class SideBySide(QTableWidget):
    """Decisions side by side (§47, §48): the first column names each field (wrapped, never cut),
    then one column per decision; a field on which the decisions differ is highlighted."""

    TITLE_WIDTH = 230

    def __init__(self, parent: QWidget | None = None):
        super().__init__(len(review.SHOWN_FIELDS), 1, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        header.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 10)

    def show_decisions(self, headings: list[str], decisions: list[dict | None], differs: dict[str, bool]) -> None:
        self.setColumnCount(len(decisions) + 1)
        self.setHorizontalHeaderLabels(["", *headings])
        bold = self.font()
        bold.setBold(True)
        for row, key in enumerate(review.SHOWN_FIELDS):
            title = QTableWidgetItem(_(FIELD_TITLES[key]))
            title.setFont(bold)
            self.setItem(row, 0, title)
            for column, decision in enumerate(decisions, start=1):
                item = QTableWidgetItem(shown(key, (decision or {}).get(key)))
                item.setToolTip(item.text())
                if differs.get(key):
                    item.setBackground(DIFFERS)
                self.setItem(row, column, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(0, self.TITLE_WIDTH)
        for column in range(1, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.resizeRowsToContents()

    def cell(self, key: str, index: int) -> QTableWidgetItem:
        """The field ``key`` of decision ``index`` (0: the first decision)."""
        return self.item(review.SHOWN_FIELDS.index(key), index + 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()  # wrapped texts take the height the new width needs


class ComparisonDialog(LoadsInBackground, QDialog):
    def __init__(self, db, act_id: int, expert_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonDialog")
        self.db, self.act_id, self.expert_id = db, act_id, expert_id
        self.data: dict | None = None
        self.table = SideBySide(self)
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
        self.load(_comparison, act_id, expert_id)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.retranslate()

    def _loaded_texts(self) -> None:
        self.table.show_decisions(self.headings(), self.data["decisions"], self.data["differs"])

    def headings(self) -> list[str]:
        roles = self.data["roles"] if self.data else ["head", "specialist", "specialist"]
        return [f"{i + 1}. {_(decisions_role(role))}" for i, role in enumerate(roles)]

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
        if self.data:
            self._loaded_texts()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Conclude…"))


def decisions_role(role: str) -> str:
    return {"head": N_("department head"), "specialist": N_("chief specialist")}[role]
