"""A draft act's card: its App 8 sections as far as they are known, status, due date with its
rule, the assigned experts and, for any expert picked, why not chosen; the history of the
act.  The department sees the person's personal part; a toggle shows the depersonalised view,
exactly the copy an expert gets (``acts.show_act(..., as_expert=True)``).

Everything is read on the background worker (``app.services.cards``); the card reads itself
again after a language switch or a change of the panel."""

from __future__ import annotations

import html
import importlib
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.domain import labels, panel, review
from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services import assignment, cards, printing

from .. import access, language
from ..review.comparison import SideBySide
from ..tasks import in_session, run_task

CARD_SIZE = QSize(980, 700)


def print_function():
    """``ui.printing.print_act_documents`` once the printing part is there, else None."""
    try:
        printing = importlib.import_module("ui.printing")  # built in parallel; the card works without it
    except ImportError:
        return None
    return getattr(printing, "print_act_documents", None)


def moment_text(iso: str | None) -> str:
    return language.format_value(datetime.fromisoformat(iso), "datetime") if iso else ""


def table(columns: int) -> QTableWidget:
    """A read-only table whose rows grow with their wrapped text."""
    widget = QTableWidget(0, columns)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setWordWrap(True)
    widget.verticalHeader().hide()
    widget.horizontalHeader().setStretchLastSection(True)
    widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]]) -> None:
    widget.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            widget.setItem(row, column, item)
    widget.resizeColumnsToContents()
    for column in range(widget.columnCount() - 1):
        widget.setColumnWidth(column, min(widget.columnWidth(column), 260))


def fit_height(widget: QTableWidget) -> None:
    """A table of one-line rows exactly as tall as its header and rows: never squeezed."""
    widget.setWordWrap(False)
    widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows = widget.verticalHeader().defaultSectionSize() * widget.rowCount()
    widget.setFixedHeight(widget.horizontalHeader().sizeHint().height() + rows + 2 * widget.frameWidth())


def sections_html(view: dict) -> str:
    """App 8's sections of a ``show_act`` view as a simple HTML table per section."""
    lang = i18n.current_language()
    parts = []
    for title, rows in cards.sections(view, lang):
        parts.append(f"<h3>{html.escape(title)}</h3><table cellspacing='0' cellpadding='3' width='100%'>")
        parts += [f"<tr><td width='48' style='color:#5b6773'>{html.escape(item)}</td>"
                  f"<td width='34%'>{html.escape(caption)}</td><td>{html.escape(value)}</td></tr>"
                  for item, caption, value in rows]
        parts.append("</table>")
    return "".join(parts)


class ActCard(QDialog):
    """``key``: the act's row id (int) or number (str).  ``expert_opened(id)``: the user asked
    for the card of one of the act's experts (to enter an absence, say)."""

    expert_opened = Signal(int)

    def __init__(self, db, key: int | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actCard")
        self.db, self.key = db, key
        self.card: dict | None = None
        self.why_answer: dict | None = None
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.status = QLabel(wordWrap=True)
        self.due = QLabel(wordWrap=True)
        self.due.setObjectName("cardDue")
        self.depersonalised = QCheckBox(toggled=self.show_sections)
        self.depersonalised.setObjectName("depersonalisedToggle")
        self.sections = QTextBrowser()
        self.sections.setObjectName("cardSections")
        self.experts_group = QGroupBox()
        self.panel_table = table(4)
        self.panel_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_table.itemDoubleClicked.connect(self.open_expert)
        self.panel_reason = QLabel(wordWrap=True)
        self.expert_button = QPushButton(clicked=self.open_expert)
        self.why_caption = QLabel()
        self.why_choice = QComboBox()
        self.why_choice.setMinimumContentsLength(28)
        self.why_choice.activated.connect(self.ask_why)
        self.why_text = QLabel(wordWrap=True)
        self.why_text.setObjectName("whyNotChosen")
        self.why_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_table = table(5)
        self.outcome_page = QWidget()
        self.outcome_caption = QLabel(wordWrap=True)
        self.outcome_table = SideBySide(self)
        self.documents_label = QLabel(wordWrap=True)
        self.documents_label.setObjectName("cardDocuments")
        outcome_layout = QVBoxLayout(self.outcome_page)
        for widget in (self.outcome_caption, self.outcome_table, self.documents_label):
            outcome_layout.addWidget(widget)
        self.print_button = self._print_button()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)
        if self.print_button is not None:
            self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.tabs = QTabWidget()
        self._lay_out()
        language.notifier().changed.connect(self._language_changed)
        self.retranslate()
        self.load()

    def _print_button(self) -> QPushButton | None:
        """The place of "Print…" (``ui.printing``); no button while printing is not there."""
        print_act = print_function()
        if print_act is None:
            return None
        button = QPushButton()
        button.setObjectName("printButton")
        if not access.allows(self.db, "documents.print"):
            button.hide()
        button.clicked.connect(lambda: self.card and print_act(self, self.db, self.card["id"]))
        return button

    def _lay_out(self) -> None:
        why = QHBoxLayout()
        why.addWidget(self.expert_button)
        why.addSpacing(12)
        why.addWidget(self.why_caption)
        why.addWidget(self.why_choice, 1)
        experts = QVBoxLayout(self.experts_group)
        experts.addWidget(self.panel_table)
        experts.addWidget(self.panel_reason)
        experts.addLayout(why)
        experts.addWidget(self.why_text)
        for page in (self.sections, self.history_table, self.outcome_page):
            self.tabs.addTab(page, "")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.depersonalised)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.due)
        layout.addWidget(self.experts_group)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    # -- reading ------------------------------------------------------------------------------------
    def load(self) -> None:
        run_task(in_session, self.db, cards.act_card, self.key, on_done=self.show_card, parent=self)

    def _language_changed(self) -> None:
        self.retranslate()
        self.load()  # reasons and history are worded by the services in the language

    def show_history(self) -> None:
        self.tabs.setCurrentWidget(self.history_table)

    def show_card(self, card: dict) -> None:
        self.card, self.key = card, card["id"]
        if card["department_view"] is None:  # the role may not open the person's data: the expert's copy only
            self.depersonalised.setChecked(True)
            self.depersonalised.setEnabled(False)
        chosen = self.why_choice.currentData()
        self.why_choice.clear()
        for expert in card["experts"]:
            self.why_choice.addItem(f"{expert['name']} — {_(labels.STAFF_ROLE[expert['role']])}", expert["id"])
        self.why_choice.setCurrentIndex(max(self.why_choice.findData(chosen), 0) if chosen else -1)
        self.retranslate()
        if chosen:
            self.ask_why()

    def ask_why(self) -> None:
        expert_id = self.why_choice.currentData()
        if self.card is None or expert_id is None:
            return
        run_task(in_session, self.db, assignment.why, self.card["number"], expert_id, now_kz(),
                 on_done=self._show_why, parent=self)

    def _show_why(self, answer: dict) -> None:
        self.why_answer = answer
        self.retranslate()

    def open_expert(self) -> None:
        row = self.panel_table.currentRow()
        if self.card is not None and 0 <= row < len(self.card["panel"]["experts"]):
            self.expert_opened.emit(int(self.card["panel"]["experts"][row]["id"]))

    # -- showing ------------------------------------------------------------------------------------
    def show_sections(self) -> None:
        if self.card is None:
            self.sections.setPlainText(_("Reading the act…"))
            return
        view = self.card["expert_view" if self.depersonalised.isChecked() else "department_view"]
        position = self.sections.verticalScrollBar().value()
        self.sections.setHtml(sections_html(view))
        self.sections.verticalScrollBar().setValue(position)

    def retranslate(self) -> None:
        card = self.card
        number = card["number"] if card else str(self.key)
        self.setWindowTitle(_("Draft act No. {number}").format(number=number))
        self.title.setText(_("Draft act No. {number}").format(number=number))
        self.depersonalised.setText(_("Depersonalised: what an expert gets"))
        self.depersonalised.setToolTip(_("The copy of the act an expert receives (§25.2): no IIN, name, birth "
                                         "date, address or phone"))
        for index, title in enumerate((_("Act (App 8)"), _("History"), _("Decisions and conclusion"))):
            self.tabs.setTabText(index, title)
        self.experts_group.setTitle(_("Experts (§25.4)"))
        self.expert_button.setText(_("Expert's card: absences…"))
        self.why_caption.setText(_("Why not chosen:"))
        self.why_choice.setPlaceholderText(_("pick any expert"))
        if self.print_button is not None:
            self.print_button.setText(_("Print…"))
        self.panel_table.setHorizontalHeaderLabels([_("Place"), _("Expert"), _("Due"), _("Decision")])
        self.history_table.setHorizontalHeaderLabels([_("When"), _("What"), _("Expert"), _("Who"), _("Why")])
        self._show_state()
        self.show_sections()

    def _show_state(self) -> None:
        card = self.card
        if card is None:
            return
        self.status.setText(_("Status: {status}").format(status=_(labels.ACT_STATUS[card["status"]])))
        self.due.setText(language.format_deadline(datetime.fromisoformat(card["due"]), card["rule"])
                         if card["due"] else _("No due date: the act is closed."))
        fill(self.panel_table, [[_(panel.PLACE_LABELS[e["role"]]), e["name"], moment_text(e["due"]),
                                 _("decided") if e["decided"] else _("not yet")] for e in card["panel"]["experts"]])
        fit_height(self.panel_table)
        self.panel_reason.setText(card["panel"]["reason"] or "")
        self.panel_reason.setVisible(bool(card["panel"]["reason"]))
        self.expert_button.setEnabled(bool(card["panel"]["experts"]))
        fill(self.history_table, [[moment_text(e["at"]), cards.event_text(e, i18n.current_language()),
                                   (e.get("expert") or {}).get("name", ""), e["user"], e["reason"] or ""]
                                  for e in card["history"]])
        self.why_text.setText(self._why_text())
        self.why_text.setVisible(bool(self.why_text.text()))
        self._show_outcome(card["outcome"])

    def _show_outcome(self, outcome: dict | None) -> None:
        """The three decisions beside the conclusion, who signed when, the documents issued (§48, §51)."""
        self.tabs.setTabEnabled(self.tabs.indexOf(self.outcome_page), outcome is not None)
        if outcome is None:
            return
        roles = [f"{i + 1}. {_(panel.PLACE_LABELS[role])}" for i, role in enumerate(outcome["roles"])]
        self.outcome_table.show_decisions([*roles, _("Conclusion")], [*outcome["decisions"], outcome["conclusion"]],
                                          review.differences(outcome["decisions"]))
        self.outcome_caption.setText(_("Signed {when} (§48).").format(when=moment_text(outcome["signed_at"]))
                                     if outcome["signed_at"] else _("Not signed yet (§48)."))
        documents = [_("{title}: series {series} No. {number}, issued {when}").format(
            title=_(printing.ACT_DOCUMENTS[d["kind"]].title) if d["kind"] in printing.ACT_DOCUMENTS else d["kind"],
            series=d["series"], number=d["number"], when=moment_text(d["issued_at"])) for d in outcome["documents"]]
        self.documents_label.setText(_("Documents (§51):") + "\n" + "\n".join(documents) if documents
                                     else _("No result document issued yet (§51)."))

    def _why_text(self) -> str:
        answer = self.why_answer
        if answer is None or self.why_choice.currentData() != answer["expert"]["id"]:
            return ""
        if answer["chosen"]:
            return _("Chosen: sits on this act's panel as {place}, due {due}.").format(
                place=_(panel.PLACE_LABELS[answer["place"]]), due=moment_text(answer["due"]))
        return "\n".join(f"• {reason}" for reason in answer["reasons"])

    def shown_text(self) -> str:
        """Every text the card shows now (for tests): labels, the sections, both tables."""
        tables = [t.item(r, c).text() for t in (self.panel_table, self.history_table, self.outcome_table)
                  for r in range(t.rowCount()) for c in range(t.columnCount()) if t.item(r, c)]
        labels_ = [self.title.text(), self.status.text(), self.due.text(), self.panel_reason.text(),
                   self.why_text.text(), self.windowTitle(), self.outcome_caption.text(), self.documents_label.text()]
        return "\n".join(labels_ + [self.sections.toPlainText()] + tables)
