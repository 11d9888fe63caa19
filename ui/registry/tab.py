"""The Registry tab: the registry of independent experts itself (App 1), the applicants with
their state and due date, and the department staff, each a list of its own with search and
filters; Enter on a row opens its card.

To the main window the tab looks like one list page (``listing``, ``model``, ``table``, the
filter…): those of the list shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QStackedWidget, QTabBar, QVBoxLayout, QWidget

from app.domain import labels
from app.domain.clock import now_kz
from app.i18n import N_
from app.i18n import gettext as _
from app.services.listings import REGISTRY_LISTINGS

from .. import language
from ..listing_page import ListingPage
from ..tasks import in_session, run_task
from . import forms

if TYPE_CHECKING:
    from .card import RegistryCard

STATUS_CHOICES = {  # the states each list can be narrowed to (stored codes of its status column)
    "registry": ("included", "excluded"),
    "applicants": ("submitted", "awaiting_test", "retest_allowed", "passed", "contract_sent", "signed", "included",
                   "refused"),
}
LIST_TITLES = {"registry": N_("Experts in the registry (App 1)"), "applicants": N_("Applicants"),
               "staff": N_("Staff of the departments")}
CARD_KINDS = {"registry": "expert", "applicants": "application", "staff": "expert"}


class RegistryTab(QWidget):
    """``row_opened(id)`` for rows of the registry itself (as a list page says it); every row
    opens its card here."""

    row_opened = Signal(int)
    card_opened = Signal(object)  # the RegistryCard shown

    def __init__(self, db, _listing=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.lists = QTabBar(self)  # the lists' tabs, then the filters, then the list shown
        self.lists.setObjectName("registryLists")
        self.lists.setDocumentMode(True)
        self.lists.setExpanding(False)
        self.stack = QStackedWidget(self)
        self.pages = {name: ListingPage(db, listing, self.stack) for name, listing in REGISTRY_LISTINGS.items()}
        for name, page in self.pages.items():
            self.lists.addTab("")
            self.stack.addWidget(page)
            page.row_opened.connect(lambda row_id, name=name: self._row_opened(name, row_id))
        self.pages["registry"].row_opened.connect(self.row_opened)
        self.region = forms.region_combo(self, with_all=True)
        self.region.setObjectName("regionFilter")
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.profile = QComboBox(self)
        self.profile.setObjectName("profileFilter")
        for combo, letters in ((self.region, 6), (self.status, 6), (self.profile, 6)):
            # as wide as a few letters at least, wider when there is room: the window can be narrow
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        self.new_application = QPushButton(self)
        self.new_application.setObjectName("newApplication")
        self.new_application.clicked.connect(self.apply)
        self.tick = QPushButton(self)
        self.tick.setObjectName("tickButton")
        self.tick.clicked.connect(self.run_tick)
        bar = QHBoxLayout()
        for widget, stretch in ((self.region, 3), (self.status, 3), (self.profile, 4)):
            bar.addWidget(widget, stretch)
            widget.currentIndexChanged.connect(self._apply_filters)
        bar.addStretch(1)
        bar.addWidget(self.new_application)
        bar.addWidget(self.tick)
        bar.setContentsMargins(8, 4, 8, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.lists)
        layout.addLayout(bar)
        layout.addWidget(self.stack)
        self.lists.currentChanged.connect(self._list_changed)
        self.cards: list[RegistryCard] = []
        self._steps_held = False
        language.follow(self, self.retranslate)  # a tab behind another: when it is shown
        self.retranslate()

    # -- what the main window asks of a page ----------------------------------------------------
    @property
    def current(self) -> ListingPage:
        return self.stack.currentWidget()

    def __getattr__(self, name: str):
        """``listing``, ``model``, ``table``, ``filter_edit``, ``counter``, ``saved_widths``…:
        those of the list shown."""
        if name.startswith("_") or "stack" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.stack.currentWidget(), name)

    @property
    def started(self) -> bool:
        return self.current.started

    @property
    def loaded(self) -> bool:
        return self.current.loaded

    def ensure_loaded(self) -> None:
        self.current.ensure_loaded()
        self._load_profiles()

    def focus_filter(self) -> None:
        self.current.focus_filter()

    def forget_widths(self) -> None:
        self.current.forget_widths()

    def hold_steps(self) -> None:
        """A quick start (``ui.first_rows``): the lists are read on bare connections; the cards and
        the steps, which need the models, wait until ``read_from`` gives the tab the window's database."""
        self._steps_held = True
        for button in (self.new_application, self.tick):
            button.setEnabled(False)

    def read_from(self, db) -> None:
        """The tab's lists, cards and steps use ``db`` (the ORM's units of work) from now on."""
        self.db = db
        for page in self.pages.values():
            page.read_from(db)
        self._steps_held = False
        for button in (self.new_application, self.tick):
            button.setEnabled(True)

    def show_list(self, name: str) -> ListingPage:
        self.lists.setCurrentIndex(list(self.pages).index(name))
        return self.pages[name]

    # -- filters ------------------------------------------------------------------------------
    def _list_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        name = self.current.listing.name
        self._fill_statuses(name)
        self._apply_filters()
        self.current.ensure_loaded()
        self._load_profiles()

    def _fill_statuses(self, name: str) -> None:
        self.status.blockSignals(True)
        chosen = self.status.currentData()
        self.status.clear()
        self.status.addItem(_("All states"), None)
        for code in STATUS_CHOICES.get(name, ()):
            self.status.addItem(_(labels.REGISTRY_STATUS[code]), code)
        self.status.setCurrentIndex(max(self.status.findData(chosen), 0))
        self.status.setVisible(name in STATUS_CHOICES)
        self.status.blockSignals(False)

    def _load_profiles(self) -> None:
        listing = self.current.listing
        run_task(in_session, self.db, _profiles, listing, on_done=self._show_profiles, parent=self)

    def _show_profiles(self, profiles: list[str]) -> None:
        self.profile.blockSignals(True)
        chosen = self.profile.currentData()
        self.profile.clear()
        self.profile.addItem(_("All profiles"), None)
        for profile in profiles:
            self.profile.addItem(profile, profile)
        self.profile.setCurrentIndex(max(self.profile.findData(chosen), 0))
        self.profile.blockSignals(False)

    def filters(self) -> dict:
        chosen = {"region": self.region.currentData(), "profile": self.profile.currentData(),
                  "status": self.status.currentData() if self.status.isVisible() else None}
        return {key: value for key, value in chosen.items() if value is not None}

    def _apply_filters(self) -> None:
        self.current.model.set_filters(self.filters())

    # -- steps --------------------------------------------------------------------------------
    def _row_opened(self, name: str, row_id: int) -> None:
        if not self._steps_held:
            self.open_card(name, row_id)

    def open_card(self, name: str, row_id: int) -> RegistryCard:
        from .card import RegistryCard

        card = RegistryCard(self.db, CARD_KINDS[name], row_id, self)
        card.changed.connect(self.refresh)
        card.finished.connect(lambda _result: self.cards.remove(card) if card in self.cards else None)
        self.cards.append(card)
        card.open()
        self.card_opened.emit(card)
        return card

    def apply(self) -> forms.ApplicationDialog:
        """A new application (App 2); its card opens once it is recorded."""
        from app.services import registry

        def submit(values: dict, on_done, on_error) -> None:
            run_task(in_session, self.db, registry.apply, values, now_kz(), on_done=lambda result: (
                on_done(result), self._applied(result)), on_error=on_error, parent=self)
        dialog = forms.ApplicationDialog(self, submit)
        dialog.open()
        return dialog

    def _applied(self, result: dict) -> None:
        self.refresh()
        self.show_list("applicants")
        self.open_card("applicants", int(result["id"]))

    def run_tick(self) -> None:
        """Refuses every application whose test or signing window has run out (p. 9-10)."""
        from app.services import registry

        run_task(in_session, self.db, registry.tick, now_kz(), on_done=lambda _changed: self.refresh(), parent=self)

    def refresh(self) -> None:
        for page in self.pages.values():
            if page.started:
                page.model.refresh()

    def mark_stale(self, tables: frozenset[str]) -> None:
        for page in self.pages.values():
            page.mark_stale(tables)

    def reload_stale(self) -> None:
        for page in self.pages.values():
            page.reload_stale()

    def retranslate(self) -> None:
        for index, name in enumerate(self.pages):
            self.lists.setTabText(index, _(LIST_TITLES[name]))
        self.region.setItemText(0, _("All regions"))
        self._fill_statuses(self.current.listing.name)
        if self.profile.count():
            self.profile.setItemText(0, _("All profiles"))
        self.profile.setToolTip(language.profile_note())
        self.new_application.setText(_("New application…"))
        self.tick.setText(_("Apply expired windows"))
        self.tick.setToolTip(_("Refuses every application whose test or signing window has run out "
                               "(Registry Rules p. 9-10)"))


def _profiles(session, listing) -> list[str]:
    """The specialty profiles the list holds, for its filter."""
    column = listing.column("profile").expr
    query = listing.source.with_only_columns(column).distinct().order_by(column)
    return [profile for profile in session.scalars(query) if profile]
