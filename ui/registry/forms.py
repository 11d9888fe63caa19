"""Small dialogs of the registry: a new application (App 2), a refusal with App 4 reasons, a
test result, an exclusion (p. 13) and an absence.  Each gives back plain values; the card
runs the step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import labels
from app.domain import registry as rules
from app.domain.clock import today_kz
from app.domain.regions import REGIONS
from app.i18n import current_language
from app.i18n import gettext as _

from ..errors import show_error
from ..widgets import today_qdate


class _Form(QDialog):
    """A dialog with a form and OK / Cancel; ``values()`` is what was entered."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)

    def finish(self) -> None:
        self.layout_.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.complete())

    def complete(self) -> bool:
        return True


def date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent, calendarPopup=True)
    edit.setDisplayFormat("dd.MM.yyyy")  # the four-digit year, as the lists show dates
    return edit


def region_combo(parent: QWidget, with_all: bool = False) -> QComboBox:
    combo = QComboBox(parent)
    lang = current_language()
    if with_all:
        combo.addItem(_("All regions"), None)
    for region in sorted(REGIONS, key=lambda r: r.name(lang)):
        combo.addItem(region.name(lang), region.code)
    return combo


class ApplicationDialog(_Form):
    """App 2: who applies, for which nosologies, with which documents (p. 5) and the consent
    to personal data processing (p. 6) without which nothing is sent."""

    TEXTS = ("last_name", "first_name", "middle_name", "address", "email", "phone", "specialty_profile")

    def __init__(self, parent: QWidget | None = None, submit: Callable | None = None):
        """``submit(values, on_done, on_error)`` records the application; the form stays open, with
        everything typed, until it is recorded (a refusal is shown over it)."""
        super().__init__(parent, _("New application to the registry"))
        self.submit = submit
        self.iin = QLineEdit(self)
        self.iin.setMaxLength(12)
        self.fields = {key: QLineEdit(self) for key in self.TEXTS}
        self.region = region_combo(self)
        self.nosologies = QLineEdit(self)
        self.nosologies.setPlaceholderText("C00-C97, D00-D09")
        captions = {"last_name": _("Surname"), "first_name": _("Name"), "middle_name": _("Patronymic"),
                    "address": _("Address"), "email": _("E-mail"), "phone": _("Phone"),
                    "specialty_profile": _("Specialty profile")}
        self.form.addRow(_("IIN"), self.iin)
        for key in self.TEXTS:
            self.form.addRow(captions[key], self.fields[key])
        self.form.addRow(_("Region of residence"), self.region)
        self.form.addRow(_("Nosologies (ICD-10)"), self.nosologies)
        self.diploma = QCheckBox(_("Diploma of higher medical education"), self)
        self.experience = QSpinBox(self, maximum=80)
        self.mse_experience = QSpinBox(self, maximum=80)
        self.training = QSpinBox(self, maximum=10_000)
        self.certificate = date_edit(self)
        self.certificate.setDate(today_qdate().addYears(1))
        self.bmg = QCheckBox(_("Phone registered in the mobile citizens' base (BMG)"), self)
        documents = QGroupBox(_("Documents (p. 5)"), self)
        box = QFormLayout(documents)
        box.addRow(self.diploma)
        box.addRow(_("Years of experience in the specialty"), self.experience)
        box.addRow(_("Years in MSE departments"), self.mse_experience)
        box.addRow(_("Hours of MSE training in 5 years"), self.training)
        box.addRow(_("Clinical practice certificate valid until"), self.certificate)
        box.addRow(self.bmg)
        self.layout_.addWidget(documents)
        self.consent = QCheckBox(_("The applicant consents to the collection and processing of personal data "
                                   "(App 2)"), self)
        self.consent.toggled.connect(self._update_ok)
        self.nosologies.textChanged.connect(self._update_ok)
        self.layout_.addWidget(self.consent)
        self.finish()

    def complete(self) -> bool:
        """The consent (App 2) and at least one ICD-10 range (Registry Rules p. 5)."""
        return self.consent.isChecked() and bool(self.values()["nosologies"])

    def accept(self) -> None:
        if self.submit is None:
            super().accept()
            return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.submit(self.values(), self._recorded, self._refused)

    def _recorded(self, _result) -> None:
        QDialog.accept(self)

    def _refused(self, error: BaseException) -> None:
        self._update_ok()
        show_error(self, error)

    def values(self) -> dict:
        return {"iin": self.iin.text().strip(), **{key: edit.text() for key, edit in self.fields.items()},
                "region": self.region.currentData(),
                "nosologies": [part.strip() for part in self.nosologies.text().split(",") if part.strip()],
                "consent": self.consent.isChecked(),
                "documents": {"diploma": self.diploma.isChecked(), "experience_years": self.experience.value(),
                              "mse_experience_years": self.mse_experience.value(),
                              "training_hours": self.training.value(), "bmg_registered": self.bmg.isChecked(),
                              "clinical_certificate_valid_until": self.certificate.date().toPython().isoformat()}}


class RefuseDialog(_Form):
    """p. 7(3), App 4: one or more reasons; those the declared documents show are ticked."""

    def __init__(self, parent: QWidget | None, found: list[str]):
        super().__init__(parent, _("Refuse the application"))
        self.boxes = {}
        for code, message in rules.CHECK_REFUSALS.items():
            box = QCheckBox(_(message), self)
            box.setChecked(code in found)
            box.toggled.connect(self._update_ok)
            self.form.addRow(box)
            self.boxes[code] = box
        self.finish()

    def complete(self) -> bool:
        return any(box.isChecked() for box in self.boxes.values())

    def values(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class TestDialog(_Form):
    """p. 8-9: right answers of 90, the proctoring result, a technical failure."""

    __test__ = False  # not a test class for pytest

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, _("Test result"))
        self.score = QSpinBox(self, maximum=rules.QUESTIONS)
        self.score.setSuffix(f" / {rules.QUESTIONS}")
        self.proctoring_passed = QRadioButton(_("Proctoring passed"), self)
        self.proctoring_passed.setChecked(True)
        self.proctoring_failed = QRadioButton(_("Proctoring negative"), self)
        self.technical_failure = QCheckBox(_("Technical failure confirmed by an act"), self)
        self.form.addRow(_("Right answers"), self.score)
        self.form.addRow(self.proctoring_passed)
        self.form.addRow(self.proctoring_failed)
        self.form.addRow(self.technical_failure)
        self.form.addRow(QLabel(_("Passed at {score} of {questions} and more with proctoring passed (p. 9)").format(
            score=next(s for s in range(rules.QUESTIONS + 1) if rules.score_passes(s)), questions=rules.QUESTIONS),
            self))
        self.finish()

    def values(self) -> dict:
        return {"score": self.score.value(), "proctoring_passed": self.proctoring_passed.isChecked(),
                "technical_failure": self.technical_failure.isChecked()}


class ExcludeDialog(_Form):
    """p. 13: the reason; the undecided acts that will move (p. 14) are said beforehand."""

    def __init__(self, parent: QWidget | None, open_count: str):
        super().__init__(parent, _("Exclude from the registry"))
        self.reason = QComboBox(self)
        for number, message in rules.EXCLUSION_REASONS.items():
            self.reason.addItem(f"{number}) {_(message)}", number)
        self.reason.setMinimumContentsLength(30)
        self.reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.form.addRow(_("Reason (p. 13)"), self.reason)
        note = QLabel(_("{acts} will go to other experts, due in 3 working days (p. 14).").format(acts=open_count),
                      self)
        note.setWordWrap(True)
        self.form.addRow(note)
        self.finish()

    def values(self) -> int:
        return self.reason.currentData()


class AbsenceDialog(_Form):
    """§25.4: leave, sick leave or a field session, first and last day."""

    def __init__(self, parent: QWidget | None, absence: dict | None = None):
        super().__init__(parent, _("Absence"))
        self.kind = QComboBox(self)
        for code, message in labels.ABSENCE_KIND.items():
            self.kind.addItem(_(message), code)
        self.start = date_edit(self)
        self.end = date_edit(self)
        today = today_kz()
        self.start.setDate(date.fromisoformat(absence["from"]) if absence else today)
        self.end.setDate(date.fromisoformat(absence["to"]) if absence else today)
        if absence:
            self.kind.setCurrentIndex(self.kind.findData(absence["kind"]))
        self.form.addRow(_("Kind of absence"), self.kind)
        self.form.addRow(_("From"), self.start)
        self.form.addRow(_("To"), self.end)
        self.finish()

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "start": self.start.date().toPython(),
                "end": self.end.date().toPython()}
