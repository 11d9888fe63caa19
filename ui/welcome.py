"""The first start: set up this workstation's department, or the one expert it serves (an
expert's own computer: depersonalised acts only, §25.2), or open a demonstration database."""

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
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.i18n import current_language
from app.i18n import gettext as _
from app.services import accounts, workstation
from app.storage import Database
from app.sync import connection

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
    from app.services import demo   # the demo's generator only when it is asked for (a quick start)

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
    expert_created = Signal(int)  # the expert's id: this workstation serves that expert
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
        card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # that height, whole: the page scrolls
        self.title = QLabel(card)
        self.title.setObjectName("welcomeTitle")
        self.title.setWordWrap(True)  # «Сараптама» keeps its closing quote on a narrow card
        self.intro = QLabel(card)
        self.intro.setWordWrap(True)

        self.for_department = QRadioButton(card, checked=True)
        self.for_expert = QRadioButton(card)
        self.for_expert.toggled.connect(self._show_mode)
        modes = QHBoxLayout()
        modes.setSpacing(24)
        modes.addWidget(self.for_department)
        modes.addWidget(self.for_expert)
        modes.addStretch(1)
        self.expert_box = self._expert_form(card)
        self.hub_box = self._hub_form(card)

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
        self.admin_again = QLineEdit(self.setup_box, objectName="adminAgain",  # typed twice: no typo locks anyone out
                                     echoMode=QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels = []
        for field in (self.region, self.number, self.address, self.head_name, self.user_name, self.admin_name,
                      self.admin_password, self.admin_again):
            label = QLabel(self.setup_box)
            label.setBuddy(field)
            self.form.addRow(label, field)
            self.form_labels.append(label)
        self.number.setMaximumWidth(100)
        if db.actor is not None:  # signed in: the database has its administrator already
            for field in (self.admin_name, self.admin_password, self.admin_again):
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
        card_layout.addLayout(modes)
        card_layout.addWidget(self.hub_box)  # filled in before the form's button is pressed
        card_layout.addWidget(self.setup_box)
        card_layout.addWidget(self.expert_box)
        card_layout.addLayout(demo_row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        content = QWidget(self)
        outer = QVBoxLayout(content)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        # A short screen scrolls the card rather than squashing its fields or growing the window
        # past the screen (the expert's form is the taller one).
        self.scroll = QScrollArea(self, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll)

        language.notifier().changed.connect(self.retranslate)
        self.retranslate()
        self._show_mode()
        run_task(in_session, db, workstation.regions, on_done=self._regions_loaded, parent=self)

    def _expert_form(self, card: QWidget) -> QGroupBox:
        """One expert's workstation: who (registry or staff, number, name) and their region."""
        box = QGroupBox(card)
        self.expert_kind = QComboBox(box)
        self.expert_kind.addItems(["", ""])
        self.expert_number = QSpinBox(box)
        self.expert_number.setRange(1, 2**31 - 1)
        self.expert_number.setMaximumWidth(140)
        self.expert_name = QLineEdit(box)
        self.expert_region = QComboBox(box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.expert_labels = []
        for field in (self.expert_kind, self.expert_number, self.expert_name, self.expert_region):
            label = QLabel(box)
            label.setBuddy(field)
            form.addRow(label, field)
            self.expert_labels.append(label)
        self.expert_note = QLabel(box)
        self.expert_note.setWordWrap(True)
        self.expert_error = QLabel(box)
        self.expert_error.setObjectName("errorLabel")
        self.expert_error.setWordWrap(True)
        self.expert_error.hide()
        self.expert_button = QPushButton(box)
        self.expert_button.setObjectName("primaryButton")
        self.expert_button.clicked.connect(self.create_expert)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), box, lambda: self.expert_button.isEnabled() and self.create_expert(),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(16, 20, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.expert_note)
        layout.addWidget(self.expert_error)
        layout.addWidget(self.expert_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def _hub_form(self, card: QWidget) -> QGroupBox:
        """The region's hub this workstation syncs with, when there is one."""
        box = QGroupBox(card)
        box.setCheckable(True)
        box.setChecked(False)
        self.hub_url = QLineEdit(box)
        self.hub_url.setPlaceholderText("https://hub.example.kz:8765")
        self.hub_token = QLineEdit(box)
        self.hub_token.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hub_labels = [QLabel(box), QLabel(box)]
        for label, field in zip(self.hub_labels, (self.hub_url, self.hub_token)):
            label.setBuddy(field)
            form.addRow(label, field)
        return box

    def _save_hub(self) -> bool:
        """Keeps the hub's address and token when given; a wrong one is shown and stops the set-up."""
        if not self.hub_box.isChecked():
            return True
        try:
            connection.save(self.data_dir, self.hub_url.text(), self.hub_token.text())
        except UserError as error:
            self._show_error(error)
            return False
        return True

    def _retranslate_intro(self) -> None:
        if self.for_expert.isChecked():
            self.intro.setText(_("This workstation is not set up yet. Set it up for the one expert who works on it, "
                                 "for example on a laptop that is often offline."))
        else:
            self.intro.setText(_("This workstation has no department yet. Describe the MSE department it serves; "
                                 "you can change this later."))

    def _show_mode(self) -> None:
        self._retranslate_intro()
        expert = self.for_expert.isChecked()
        self.expert_box.setVisible(expert)
        self.setup_box.setVisible(not expert)
        (self.expert_button if expert else self.create_button).setDefault(True)

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Saraptama"))
        self._retranslate_intro()
        self.for_department.setText(_("For an MSE &department"))
        self.for_expert.setText(_("For one e&xpert"))
        self.expert_box.setTitle(_("The expert this workstation serves"))
        for label, text in zip(self.expert_labels, (_("&Expert:"), _("Expert &No.:"), _("&Your name:"),
                                                     _("Re&gion:"))):
            label.setText(text)
        self.expert_kind.setItemText(0, _("an expert of the registry"))
        self.expert_kind.setItemText(1, _("a staff expert of a department"))
        self.expert_name.setPlaceholderText(_("Last name, first name, middle name"))
        self.expert_note.setText(_("The number is the one the department or the registry gave you. This workstation "
                                   "receives only the depersonalised acts assigned to you (no name, IIN, birth date, "
                                   "address or phone of anyone examined) and sends back your decisions."))
        self.expert_button.setText(_("Set up for this expert"))
        self.hub_box.setTitle(_("Sync with the region's hub"))
        self.hub_labels[0].setText(_("Hub &address:"))
        self.hub_labels[1].setText(_("&Token:"))
        self.hub_box.setToolTip(_("The administrator of the hub gives each workstation and each expert's laptop its "
                                  "own token. Leave this off to work without a hub."))
        self.setup_box.setTitle(_("Your department"))
        texts = (_("&Region:"), _("Department &number:"), _("&Address:"), _("&Head of department:"), _("&Your name:"),
                 _("Administrator a&ccount:"), _("Administrator &password:"), _("Password &again:"))
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
        for combo in (self.region, self.expert_region):
            current = combo.currentData()
            combo.clear()
            for code, name in sorted_regions(self._regions, current_language()):
                combo.addItem(name, code)
            if current is not None:
                combo.setCurrentIndex(combo.findData(current))

    # -- set up the department ---------------------------------------------------------------------
    def _submit(self) -> None:
        if self.create_button.isEnabled():
            self.create_department()

    # -- set up for one expert ------------------------------------------------------------------------
    def create_expert(self) -> None:
        self._show_error(None)
        if not self._save_hub():
            return
        self.expert_button.setEnabled(False)
        run_task(in_session, self.db, lambda session, **given: workstation.setup_expert(session, **given).id,
                 parent=self,
                 expert_id=self.expert_number.value(), name=self.expert_name.text(),
                 region_code=self.expert_region.currentData() or "",
                 kind=("registry", "staff")[self.expert_kind.currentIndex()],
                 on_done=self._expert_created, on_error=self._setup_failed)

    def _expert_created(self, expert_id: int) -> None:
        self.expert_button.setEnabled(True)
        self.expert_created.emit(expert_id)

    def create_department(self) -> None:
        self._show_error(None)
        if self.admin_name.text().strip() and self.admin_password.text() != self.admin_again.text():
            self._show_error(UserError("The two passwords differ."))
            return
        if not self._save_hub():
            return
        self.create_button.setEnabled(False)
        run_task(accounts.set_up_workstation, self.db, parent=self, admin_name=self.admin_name.text(),
                 admin_password=self.admin_password.text(),
                 region_code=self.region.currentData() or "", number=self.number.value(),
                 address=self.address.text(), head_name=self.head_name.text(), user_name=self.user_name.text(),
                 on_done=self._department_created, on_error=self._setup_failed)

    def _department_created(self, _department) -> None:
        self.create_button.setEnabled(True)
        self.admin_password.clear()
        self.admin_again.clear()
        self.department_created.emit()

    def _setup_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.expert_button.setEnabled(True)
        if isinstance(exc, UserError):
            self._show_error(exc)
        else:
            errors.show_error(self, exc)

    def _show_error(self, error: UserError | None) -> None:
        self._error = error
        for label in (self.error_label, self.expert_error):
            label.setText(error.text() if error else "")
            label.setVisible(error is not None)

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
