"""The Appeals tab: the App 24 journal (with §54-55 complaints and §73 control re-examinations),
filtered by status and kind and by overdue, and the acting role: the signed-in one on a database
with accounts, else chosen for this workstation; the cards show the steps that role may take."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain import appeals as rules
from app.domain.settings import APPEALS_ROLE
from app.domain.labels import APPEAL_STATUS
from app.domain.roles import ROLE_NAMES, Role
from app.i18n import gettext as _

from .. import access
from ..listing_page import ListingPage
from .. import settings
from .card import AppealCard, open_appeal_card
from .filing import FilingDialog



class AppealsTab(ListingPage):
    def __init__(self, db, listing, parent: QWidget | None = None):
        self.status = QComboBox()
        self.status.setObjectName("appealStatus")
        self.kind = QComboBox()
        self.kind.setObjectName("appealKind")
        self.role = QComboBox()
        self.role.setObjectName("actingRole")
        self.role_label = QLabel()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newAppeal")
        super().__init__(db, listing, parent)
        self.db = db
        self.status.addItem("", None)
        for code in APPEAL_STATUS:
            self.status.addItem("", code)
        self.kind.addItem("", None)
        for code in rules.KINDS:
            self.kind.addItem("", code)
        for code in rules.ROLES:
            self.role.addItem("", code)
        saved = settings.value(APPEALS_ROLE)
        self.role.setCurrentIndex(max(self.role.findData(saved), 0))
        top = self.layout().itemAt(0).layout()
        for index, widget in enumerate((self.status, self.kind), start=1):
            top.insertWidget(index, widget)
        acting = QHBoxLayout()  # a row of its own: the page fits a 1024 px window
        for widget in (self.role_label, self.role, self.new_button):
            acting.addWidget(widget)
        acting.addStretch(1)
        self.layout().insertLayout(1, acting)
        self.new_button.clicked.connect(self.file_new)
        for combo in (self.status, self.kind, self.role):  # long names must not widen the window (1024 px)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.role.setMinimumContentsLength(32)  # its own row has the room for the role's whole name
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.kind.currentIndexChanged.connect(self._apply_filters)
        self.role.currentIndexChanged.connect(lambda: settings.set_value(APPEALS_ROLE, self.acting_role))
        self.row_opened.connect(self.open_card)
        self.follow_sign_in()
        self.retranslate()

    @property
    def acting_role(self) -> str:
        return self.role.currentData() or rules.DEPARTMENT

    def follow_sign_in(self) -> None:
        """With accounts the signed-in role acts: the choice shows it and cannot be changed, and a
        card offers only the steps that role may take; without, the workstation chooses."""
        actor = access.actor(self.db)
        if actor.unprotected:
            self.role.setEnabled(True)
            return
        if self.role.findData(actor.role) < 0:
            self.role.addItem(_(ROLE_NAMES[actor.role]), actor.role)
        self.role.setCurrentIndex(self.role.findData(actor.role))
        self.role.setEnabled(False)

    def filters(self) -> dict:
        chosen = {"status": self.status.currentData(), "kind": self.kind.currentData()}
        return {key: value for key, value in chosen.items() if value}

    def _apply_filters(self) -> None:
        self.model.set_filters(self.filters())

    def open_card(self, appeal_id: int) -> AppealCard:
        card = open_appeal_card(self.db, appeal_id, self.acting_role, self)
        card.changed.connect(self.model.refresh)
        return card

    def file_new(self) -> FilingDialog:
        """A new complaint or control re-examination, as the acting role; its card opens once stored."""
        dialog = FilingDialog(self.db, self.acting_role, self)
        dialog.filed.connect(lambda record: (self.model.refresh(), self.open_card(int(record["id"]))))
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "role_label"):
            return
        self.status.setItemText(0, _("All statuses"))
        for index in range(1, self.status.count()):
            self.status.setItemText(index, _(APPEAL_STATUS[self.status.itemData(index)]))
        self.kind.setItemText(0, _("All kinds"))
        for index in range(1, self.kind.count()):
            self.kind.setItemText(index, _(rules.KIND_SHORT[self.kind.itemData(index)]))
        for index in range(self.role.count()):
            code = self.role.itemData(index)
            self.role.setItemText(index, _(rules.ROLES[code] if code in rules.ROLES else ROLE_NAMES[Role(code)]))
        self.role_label.setText(_("Acting as:"))
        self.new_button.setText(_("New…"))
        self.new_button.setToolTip(_("A new complaint (§54-56) or control re-examination (§73)"))
        self.role.setToolTip(_("The role this workstation acts in: an appeal's card offers the steps it may take"))
