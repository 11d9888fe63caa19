"""The review screen (§20.3, §42-45, App 6, App 8): the depersonalised act on the left, the
decision form of docs/interfaces.md §3 on the right, checked live by the MSE Rules: errors block
submission, warnings ask for a confirmation.  Opened by act id (the act's card calls it), for an
expert of the panel, for the head-expert (§47, ``mode="head"``) or for the head concluding in
person (§45, ``mode="in_person"``).  Other experts' decisions stay hidden until the viewer's own
is submitted (§25.5): the screen shows only what ``visible_decisions`` gives it."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import app6, rules
from app.domain.clock import now_kz
from app.domain.rules import labels as rule_labels
from app.domain.rules.checking import MARK_REASONS, OUTCOMES, POTENTIALS, PROGNOSES
from app.errors import UserError
from app.i18n import N_
from app.i18n import gettext as _
from app.services import cards
from app.services.review import messages, screen

from .. import language
from ..errors import ask, show_error
from ..signing import with_signer
from ..tasks import in_session, run_task
from .loading import LoadsInBackground

OUTCOME_TITLES = {"conclusion": N_("Conclusion"), "unjustified": N_("Mark: unjustifiably referred (§43)"),
                  "poor_quality": N_("Mark: poorly completed (§44)"), "mismatch": N_("Mark: mismatch (§45)")}
PROGNOSIS = {"favorable": N_("favourable"), "relatively_favorable": N_("relatively favourable"),
             "doubtful": N_("doubtful"), "unfavorable": N_("unfavourable")}  # §38
POTENTIAL = {"high": N_("high"), "satisfactory": N_("satisfactory"), "low": N_("low"), "none": N_("none")}  # §39
SEX = {"male": N_("male"), "female": N_("female")}


def code_combo(codes, names: dict[str, str], empty: bool = True) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)  # the full names are in the list
    if empty:
        combo.addItem("—", None)
    for code in codes:
        combo.addItem(_(names[code]), code)
    return combo


def retitle(combo: QComboBox, names: dict[str, str]) -> None:
    for index in range(combo.count()):
        code = combo.itemData(index)
        if code is not None:
            combo.setItemText(index, _(names[code]))


def percent_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSpecialValueText("—")  # 0: not established
    box.setSuffix(" %")
    return box


class DecisionForm(QWidget):
    """docs/interfaces.md §3 as widgets; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome = code_combo(OUTCOMES, OUTCOME_TITLES, empty=False)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._conclusion_page())
        self.reasons = QListWidget()
        self.reasons.setObjectName("markReasons")
        self.pages.addWidget(self.reasons)
        self.comment = QLineEdit()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outcome)
        layout.addWidget(self.pages, 1)
        self.comment_label = QLabel()
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.reasons.itemChanged.connect(self.changed)
        self.comment.textEdited.connect(self.changed)
        self._outcome_changed()

    def _conclusion_page(self) -> QWidget:
        page = QWidget()
        self.form = QFormLayout(page)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.group = code_combo(rules.GROUPS, rule_labels.GROUP)
        self.cause = code_combo(rules.CAUSES, rule_labels.CAUSE)
        self.term = code_combo(rules.TERMS, rule_labels.TERM)
        self.uot, self.upt = percent_box(), percent_box()
        self.prognosis = code_combo(PROGNOSES, PROGNOSIS)
        self.potential = code_combo(POTENTIALS, POTENTIAL)
        self.restrictions = QGroupBox()
        grid = QGridLayout(self.restrictions)
        self.degree_boxes: dict[str, QComboBox] = {}
        self.degree_labels: dict[str, QLabel] = {}
        for row, category in enumerate(rules.CATEGORIES):  # App 6 §3-4
            label, box = QLabel(wordWrap=True), QComboBox()
            box.setObjectName(f"degree_{category}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)  # the whole description is in the list and the tooltip
            box.view().setMinimumWidth(560)
            box.addItems(["0", "1", "2", "3"])
            box.currentIndexChanged.connect(self.changed)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            self.degree_boxes[category], self.degree_labels[category] = box, label
        self.recommendations = {key: QLineEdit() for key in ("medical", "social", "professional")}
        self.captions = [QLabel() for _ in range(11)]
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        fields = [self.group, self.cause, self.term, self.uot, self.upt, self.restrictions, self.prognosis,
                  self.potential, *self.recommendations.values()]
        for caption, field in zip(self.captions, fields):
            caption.setWordWrap(True)
            if field is self.restrictions:
                self.form.addRow(field)  # the whole width
            else:
                self.form.addRow(caption, field)
        for combo in (self.group, self.cause, self.term, self.prognosis, self.potential):
            combo.currentIndexChanged.connect(self.changed)
        for box in (self.uot, self.upt):
            box.valueChanged.connect(self.changed)
        for edit in self.recommendations.values():
            edit.textEdited.connect(self.changed)
        return page

    def _outcome_changed(self) -> None:
        outcome = self.outcome.currentData()
        self.pages.setCurrentIndex(0 if outcome == "conclusion" else 1)
        self.reasons.blockSignals(True)
        self.reasons.clear()
        for reason in MARK_REASONS.get(outcome, ()):
            item = QListWidgetItem(_(messages.REASON_LABELS[reason]))
            item.setData(Qt.ItemDataRole.UserRole, reason)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reasons.addItem(item)
        self.reasons.blockSignals(False)
        self.changed.emit()

    def decision(self) -> dict:
        outcome = self.outcome.currentData()
        if outcome != "conclusion":
            reasons = [self.reasons.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reasons.count())
                       if self.reasons.item(i).checkState() == Qt.CheckState.Checked]
            return {"outcome": outcome, "reasons": reasons, "comment": self.comment.text()}
        return {"outcome": outcome, "group": self.group.currentData(), "cause": self.cause.currentData(),
                "term": self.term.currentData(), "uot_percent": self.uot.value() or None,
                "upt_percent": self.upt.value() or None,
                "restrictions": {c: box.currentIndex() for c, box in self.degree_boxes.items()},
                "rehab_prognosis": self.prognosis.currentData(), "rehab_potential": self.potential.currentData(),
                "recommendations": {k: e.text() for k, e in self.recommendations.items()},
                "comment": self.comment.text()}

    def retranslate(self) -> None:
        retitle(self.outcome, OUTCOME_TITLES)
        for combo, names in ((self.group, rule_labels.GROUP), (self.cause, rule_labels.CAUSE),
                             (self.term, rule_labels.TERM), (self.prognosis, PROGNOSIS),
                             (self.potential, POTENTIAL)):
            retitle(combo, names)
        titles = (_("Group or category (§26)"), _("Cause (§27)"), _("Term (§30)"),
                  _("General working capacity lost (§62-64)"), _("Professional working capacity lost (§65-66)"), "",
                  _("Rehabilitation prognosis (§38)"), _("Rehabilitation potential (§39)"),
                  _("Medical recommendations"), _("Social recommendations"), _("Professional recommendations"))
        for caption, title in zip(self.captions, titles):
            caption.setText(title)
        self.restrictions.setTitle(_("Degrees of restriction (App 6)"))
        for category, label in self.degree_labels.items():
            label.setText(_(rule_labels.CATEGORY[category]))
            box = self.degree_boxes[category]
            descriptions = [_("no restriction")] + [_(text) for text in app6.DEGREES[category]]
            for degree, text in enumerate(descriptions):
                box.setItemText(degree, f"{degree}" if degree == 0 else f"{degree} — {text}")
                box.setItemData(degree, text, Qt.ItemDataRole.ToolTipRole)
            box.setToolTip(descriptions[box.currentIndex()])
        for i in range(self.reasons.count()):
            item = self.reasons.item(i)
            item.setText(_(messages.REASON_LABELS[item.data(Qt.ItemDataRole.UserRole)]))
        self.comment_label.setText(_("Comment"))


class ReviewDialog(LoadsInBackground, QDialog):
    """``submitted(status)`` once the decision is recorded; ``loaded`` is True when the act is shown."""

    submitted = Signal(str)

    def __init__(self, db, act_id: int, *, expert_id: int | None, mode: str = "expert",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.db, self.act_id, self.expert_id, self.mode = db, act_id, expert_id, mode
        self.data: dict | None = None
        self.findings: list = []
        self.act_view = QTextBrowser()
        self.act_view.setObjectName("actSections")
        self.others = QLabel(wordWrap=True)
        self.others.setObjectName("otherDecisions")
        self.form = DecisionForm()
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("findings")
        self.findings_list.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.submit)
        self.submit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setEnabled(False)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 4)
        self.findings_title = QLabel()
        right_layout.addWidget(self.findings_title)
        right_layout.addWidget(self.findings_list, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.act_view, 1)
        left_layout.addWidget(self.others)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.form.changed.connect(self.recheck)
        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self.resize(1000, 700)
        self._start_loading()

    def _start_loading(self) -> None:
        """Reads what the screen shows (the appeals' decision screen reads its own)."""
        self.load(screen.load, self.act_id, self.expert_id)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self.retranslate()
        self.recheck()

    # -- rules, live ------------------------------------------------------------------------
    def recheck(self) -> None:
        if self.data is None:
            return
        context = {**self.data["context"], "birth_date": date.fromisoformat(self.data["context"]["birth_date"]),
                   "exam_date": date.fromisoformat(self.data["context"]["exam_date"])}
        try:
            self.findings = list(rules.check(self.form.decision(), **context).findings)
            problem = None
        except UserError as error:  # an incomplete form: not yet a decision
            self.findings, problem = [], error.text()
        self.findings_list.clear()
        if problem:
            self.findings_list.addItem(problem)
        for finding in self.findings:
            item = QListWidgetItem(f"{finding.rule}: {finding.text()}")
            item.setData(Qt.ItemDataRole.UserRole, finding.severity)
            item.setForeground(Qt.GlobalColor.darkRed if finding.severity == "error" else Qt.GlobalColor.darkYellow)
            self.findings_list.addItem(item)
        if not self.findings and not problem:
            self.findings_list.addItem(_("The MSE Rules find nothing to object to."))
        errors = problem or any(f.severity == "error" for f in self.findings)
        self.submit_button.setEnabled(not errors and self.may_decide())

    def may_decide(self) -> bool:
        data = self.data
        if self.mode == "head":
            return data["status"] == "head_decides"
        if self.mode == "in_person":
            return data["status"] == "in_person"
        return data["status"] == "under_review" and data["role"] is not None

    def submit(self) -> None:
        """Asks once more before the decision is signed and sent, with the rules' warnings when
        there are any (they are then confirmed with it); nothing is sent on No."""
        warnings = [f for f in self.findings if f.severity == "warning"]
        text = _("Sign and submit this decision on draft act {number}? Afterwards it can only be replaced by a "
                 "correction.").format(number=self.data["number"] if self.data else "")
        if warnings:
            text = (_("The MSE Rules warn:") + "\n\n" + "\n".join(f"{f.rule}: {f.text()}" for f in warnings)
                    + "\n\n" + _("Submit anyway?"))
        decision = self.form.decision()
        self.confirmation = ask(self, text, lambda: self._confirmed(decision, bool(warnings)),
                                title=_("Confirm the warnings") if warnings else _("Sign and submit"),
                                icon=QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Question)

    def _confirmed(self, decision: dict, warned: bool) -> None:
        self.submit_button.setEnabled(False)
        self._send(decision, warned)

    def _send(self, decision: dict, confirm: bool) -> None:
        """Records the decision in the background, signed as this workstation signs (the key's
        password asked first when it needs one); ``_submitted(status)`` when done."""
        with_signer(self, self.db, lambda signer: run_task(
            in_session, self.db, screen.submit, self.act_id, self.expert_id, decision, now_kz(), confirm,
            self.mode, signer, on_done=self._submitted, on_error=self._failed, parent=self), self.recheck)

    def _submitted(self, status: str) -> None:
        self.submitted.emit(status)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.recheck()
        show_error(self, error)

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        number = self.data["number"] if self.data else "…"
        self.setWindowTitle(_("Review of draft act {number}").format(number=number))
        self.submit_button.setText(_("Sign and submit"))
        self.findings_title.setText(_("Findings of the MSE Rules"))
        self.form.retranslate()
        if self.data:
            self.act_view.setHtml(act_html(self.data["case"]))
            self.others.setText(others_text(self.data["places"]))
            self.recheck()


def _row(title: str, value) -> str:
    return f"<tr><th align='left' valign='top'>{html.escape(title)}</th><td>{html.escape(str(value))}</td></tr>"


def act_html(case: dict) -> str:
    """The App 8 sections an expert needs: age, sex, working, diagnoses, clinical data, the
    referral's conclusion and the list of attachments (depersonalised, §25.2)."""
    clinical = case.get("clinical") or {}
    rows = [_row(_("Draft act No."), case["number"]), _row(_("Age"), case["age_years"]),
            _row(_("Sex"), _(SEX.get(case["sex"], case["sex"]))),
            _row(_("Working"), _("Yes") if case["working"] else _("No")),
            _row(_("Main diagnosis"), f"{case['diagnosis_main']['icd10']} {case['diagnosis_main']['text']}"),
            _row(_("Concomitant diagnosis"), "; ".join(f"{d['icd10']} {d.get('text', '')}"
                                                       for d in case.get("diagnoses_concomitant") or []))]
    for key, title in (("complaints", _("Complaints")), ("anamnesis", _("Anamnesis")),
                       ("objective_status", _("Objective status")), ("rehab_plan", _("Rehabilitation plan")),
                       ("temporary_disability_days", _("Days of temporary disability"))):
        if clinical.get(key) not in (None, ""):
            rows.append(_row(title, clinical[key]))
    impairments = clinical.get("function_impairments") or {}
    if impairments:
        rows.append(_row(_("Impairment of functions (0-4)"), impairments_text(impairments)))
    attachments = clinical.get("attachments") or []
    rows.append(_row(_("Attachments"), "; ".join(f"{a.get('kind')}: {a.get('title')}" for a in attachments) or "—"))
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"


def impairments_text(impairments: dict) -> str:
    """App 8 item 16 in words: "Statodynamic functions: pronounced (3)" (App 6 §2 degrees)."""
    titles = {key: title for key, _item, title in cards.FUNCTIONS}
    def degree(value) -> str:
        named = isinstance(value, int) and 0 <= value < len(cards.DEGREES)
        return f"{_(cards.DEGREES[value])} ({value})" if named else str(value)
    return "; ".join(f"{_(titles.get(key, key))}: {degree(value)}" for key, value in impairments.items())


def others_text(places: list[dict]) -> str:
    """§25.5: the other experts' decisions, or that they are hidden."""
    others = [p for p in places if not p["own"]]
    if any(p["hidden"] for p in others):
        return _("Other experts' decisions are hidden until yours is submitted (§25.5).")
    shown = [messages.summary(p["decision"]["content"], None) if p["decision"] else _("not yet decided")
             for p in others]
    return _("Other experts' decisions: {decisions}").format(decisions="; ".join(shown) or "—")
