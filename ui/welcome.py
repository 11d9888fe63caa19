"""The first start: set up this workstation's department, or open a demonstration database."""

from __future__ import annotations

from functools import cmp_to_key
from pathlib import Path

from PySide6.QtCore import QCollator, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import current_language
from app.i18n import gettext as _
from app.services import accounts, demo, workstation
from app.storage import Database

from . import errors, language
from .tasks import in_session, run_task

DEMO_ACTS = 2000
DEMO_EXPERTS = 150
_NAME_COLUMN = {"kk": 1, "ru": 2, "en": 3}  # in the rows of ``workstation.regions``


def sorted_regions(regions: list[tuple[str, str, str, str]], lang: str) -> list[tuple[str, str]]:
    """``(code, name)`` in ``lang``, in that language's alphabetical order (Kazakh: ә after а)."""
    collator = QCollator(language.qlocale(lang))
    named = [(row[0], row[_NAME_COLUMN[lang]]) for row in regions]
    return sorted(named, key=cmp_to_key(lambda a, b: collator.compare(a[1], b[1])))


def open_demo_database(folder: Path, user: str, progress) -> Database:
    """Worker side of "Open demonstration database": fills it on first use only."""
    db = Database.open(data_dir=folder, user=user)
    try:
        with db.session() as session:
            empty = workstation.needs_setup(session)
        if empty:
            demo.generate(db, acts=DEMO_ACTS, experts=DEMO_EXPERTS, progress=progress)
    except BaseException:
        db.close()
        raise
    return db


class WelcomePage(QWidget):
    """Shown instead of the tabs while the database has no department."""

    department_created = Signal()
    demo_opened = Signal(object)  # the open demonstration ``Database``
    ready = Signal()  # the form is filled in (regions loaded)

    def __init__(self, db: Database, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.data_dir = Path(data_dir)
        self._regions: list[tuple[str, str, str, str]] = []
        self._error: UserError | None = None
        self.progress: QProgressDialog | None = None

        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setFixedWidth(660)  # wrapped texts then need a known height
        self.title = QLabel(card)
        self.title.setObjectName("welcomeTitle")
        self.title.setWordWrap(True)  # «Сараптама» keeps its closing quote on a narrow card
        self.intro = QLabel(card)
        self.intro.setWordWrap(True)

        self.setup_box = QGroupBox(card)
        self.region = QComboBox(self.setup_box)
        self.number = QSpinBox(self.setup_box)
        self.number.setRange(1, 99)
        self.address = QLineEdit(self.setup_box)
        self.head_name = QLineEdit(self.setup_box)
        self.user_name = QLineEdit(self.setup_box)
        self.admin_name = QLineEdit(self.setup_box, objectName="adminName")
        self.admin_password = QLineEdit(self.setup_box, objectName="adminPassword",
                                        echoMode=QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels = []
        for field in (self.region, self.number, self.address, self.head_name, self.user_name, self.admin_name,
                      self.admin_password):
            label = QLabel(self.setup_box)
            label.setBuddy(field)
            self.form.addRow(label, field)
            self.form_labels.append(label)
        self.number.setMaximumWidth(100)
        if db.actor is not None:  # signed in: the database has its administrator already
            for field in (self.admin_name, self.admin_password):
                self.form.setRowVisible(field, False)
        self.error_label = QLabel(self.setup_box)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.create_button = QPushButton(self.setup_box)
        self.create_button.setObjectName("primaryButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_department)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter in any field submits the form
            QShortcut(QKeySequence(key), self.setup_box, self._submit,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        box_layout = QVBoxLayout(self.setup_box)
        box_layout.setContentsMargins(16, 20, 16, 14)
        box_layout.setSpacing(10)
        box_layout.addLayout(self.form)
        box_layout.addWidget(self.error_label)
        box_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        self.demo_text = QLabel(card)
        self.demo_text.setWordWrap(True)
        self.demo_button = QPushButton(card)
        self.demo_button.clicked.connect(self.open_demo)
        demo_row = QHBoxLayout()
        demo_row.setSpacing(16)
        demo_row.addWidget(self.demo_text, 1)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignTop)

        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        card_layout.setSpacing(14)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.intro)
        card_layout.addWidget(self.setup_box)
        card_layout.addLayout(demo_row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        run_task(in_session, db, workstation.regions, on_done=self._regions_loaded, parent=self)

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Saraptama"))
        self.intro.setText(_("This workstation has no department yet. Describe the MSE department it serves; "
                             "you can change this later."))
        self.setup_box.setTitle(_("Your department"))
        texts = (_("&Region:"), _("Department &number:"), _("&Address:"), _("&Head of department:"), _("&Your name:"),
                 _("Administrator a&ccount:"), _("Administrator &password:"))
        for label, text in zip(self.form_labels, texts):
            label.setText(text)
        self.address.setPlaceholderText(_("City, street, building"))
        self.head_name.setPlaceholderText(_("Last name, first name, middle name"))
        self.user_name.setPlaceholderText(_("Last name, first name, middle name"))
        self.admin_name.setPlaceholderText(_("Empty: no sign-in, the database stays unprotected"))
        self.admin_password.setPlaceholderText(_("At least 8 characters"))
        self.create_button.setText(_("Create department"))
        self.demo_text.setText(_("Just looking around? Open a demonstration database with invented people and "
                                 "cases; your own database stays empty."))
        self.demo_button.setText(_("Open demonstration database"))
        self._fill_regions()
        self._show_error(self._error)
        self._retranslate_progress()

    # -- regions ----------------------------------------------------------------------------------
    def _regions_loaded(self, regions) -> None:
        self._regions = regions
        self._fill_regions()
        self.ready.emit()

    def _fill_regions(self) -> None:
        current = self.region.currentData()
        self.region.clear()
        for code, name in sorted_regions(self._regions, current_language()):
            self.region.addItem(name, code)
        if current is not None:
            self.region.setCurrentIndex(self.region.findData(current))

    # -- set up the department ---------------------------------------------------------------------
    def _submit(self) -> None:
        if self.create_button.isEnabled():
            self.create_department()

    def create_department(self) -> None:
        self._show_error(None)
        self.create_button.setEnabled(False)
        run_task(accounts.set_up_workstation, self.db, parent=self, admin_name=self.admin_name.text(),
                 admin_password=self.admin_password.text(),
                 region_code=self.region.currentData() or "", number=self.number.value(),
                 address=self.address.text(), head_name=self.head_name.text(), user_name=self.user_name.text(),
                 on_done=self._department_created, on_error=self._setup_failed)

    def _department_created(self, _department) -> None:
        self.create_button.setEnabled(True)
        self.admin_password.clear()
        self.department_created.emit()

    def _setup_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(exc, UserError):
            self._show_error(exc)
        else:
            errors.show_error(self, exc)

    def _show_error(self, error: UserError | None) -> None:
        self._error = error
        self.error_label.setText(error.text() if error else "")
        self.error_label.setVisible(error is not None)

    # -- demonstration database ---------------------------------------------------------------------
    def open_demo(self) -> None:
        self.setEnabled(False)
        self.progress = QProgressDialog(self)
        self.progress.setCancelButton(None)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.setRange(0, 0)
        self._retranslate_progress()
        self.progress.show()
        run_task(open_demo_database, self.data_dir / "demo", self.db.user, parent=self,
                 on_progress=self._demo_progress, on_done=self._demo_ready, on_error=self._demo_failed)

    def _retranslate_progress(self) -> None:
        if self.progress is not None:
            self.progress.setWindowTitle(_("Demonstration database"))
            self.progress.setLabelText(_("Preparing the demonstration database…"))

    def _demo_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _demo_finished(self) -> None:
        self.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _demo_ready(self, db: Database) -> None:
        self._demo_finished()
        self.demo_opened.emit(db)

    def _demo_failed(self, exc: BaseException) -> None:
        self._demo_finished()
        errors.show_error(self, exc)
