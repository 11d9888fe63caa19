"""The main window on a database with demonstration data."""

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.i18n import gettext
from app.services.listings import LISTINGS, summary
from ui import language
from ui.settings import settings

from .helpers import choose_language, wait_idle, wait_loaded

TAB_TITLES = ["Registry", "Incoming draft acts", "Waiting list", "Appeals", "Statistics"]


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def header_texts(page) -> list[str]:
    model = page.table.model()
    return [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]


def show_tab(qtbot, window, name: str):
    window.select_tab(name)
    page = window.pages[name]
    wait_loaded(qtbot, page)
    return page


def test_the_window_opens_with_four_tabs(open_window, demo_db):
    window = open_window(demo_db)
    assert window.windowTitle() == "Saraptama"
    assert window.welcome is None
    assert tab_titles(window) == TAB_TITLES
    assert list(window.pages) == ["registry", "incoming", "waiting", "appeals", "statistics"]
    page = window.current_page()
    assert page is window.pages["registry"]
    assert page.filter_edit.placeholderText() == "Filter…"
    table = page.table
    assert table.isSortingEnabled() and table.alternatingRowColors()
    assert table.selectionBehavior() == table.SelectionBehavior.SelectRows
    assert table.horizontalHeader().sortIndicatorSection() == -1


def test_every_tab_shows_the_demonstration_rows(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.show_all_departments(True)
    for name, listing in LISTINGS.items():
        page = show_tab(qtbot, window, name)
        with demo_db.session() as session:
            count = listing.count(session)
        assert count > 0, name
        assert page.model.rowCount() == count
        assert page.counter.text() == i18n.ngettext("{count} row", "{count} rows", count).format(
            count=language.format_number(count))
        assert page.model.data(page.model.index(0, 0))
        assert page.table.columnWidth(0) > 40


def test_the_window_can_open_on_another_tab(open_window, demo_db):
    window = open_window(demo_db, tab="waiting")
    assert window.current_page() is window.pages["waiting"]
    assert window.pages["waiting"].loaded
    appeals = window.pages["appeals"]
    assert not appeals.started and not appeals.model.busy  # a tab is read when first shown
    assert appeals.model.rowCount() == 0


def test_typing_in_the_filter_narrows_the_rows(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = show_tab(qtbot, window, "incoming")
    total = page.model.rowCount()
    person = [c.key for c in page.listing.columns].index("person")
    last_name = page.model.data(page.model.index(0, person)).split()[0]
    with qtbot.waitSignal(page.model.loading):
        page.filter_edit.insert(last_name.lower())  # QTest cannot type Cyrillic keys
    assert page.counter.text() == "Loading…"
    wait_loaded(qtbot, page)
    assert 0 < page.model.rowCount() < total
    assert page.counter.text().endswith(("row", "rows"))
    page.filter_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=5000)


def test_clicking_a_column_header_sorts_the_rows(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = show_tab(qtbot, window, "registry")
    iin = [c.key for c in page.listing.columns].index("iin")
    first = page.model.data(page.model.index(0, iin))
    with qtbot.waitSignal(page.model.loaded):
        page.table.sortByColumn(iin, Qt.SortOrder.DescendingOrder)
    descending_first = page.model.data(page.model.index(0, iin))
    with qtbot.waitSignal(page.model.loaded):
        page.table.sortByColumn(iin, Qt.SortOrder.AscendingOrder)
    ascending_first = page.model.data(page.model.index(0, iin))
    assert descending_first > ascending_first
    assert first in (descending_first, ascending_first) or ascending_first < first < descending_first


def test_language_switches_live(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = window.pages["registry"]
    english_headers = header_texts(page)
    for lang in ("kk", "ru"):
        choose_language(qtbot, window, lang)
        assert window.language_actions[lang].isChecked()
        assert tab_titles(window) == [gettext(title, lang) for title in TAB_TITLES]
        listing = LISTINGS["registry"]
        assert header_texts(page) == [gettext(column.title, lang) for column in listing.columns]
        assert page.filter_edit.placeholderText() == gettext("Filter…", lang)
        assert window.file_menu.title() == gettext("&File", lang)
        assert settings().value("language") == lang
        if i18n.catalog_path(lang).is_file():  # once the translators' catalogs exist
            assert tab_titles(window) != TAB_TITLES
            assert header_texts(page) != english_headers
    choose_language(qtbot, window, "en")
    assert tab_titles(window) == TAB_TITLES
    assert header_texts(page) == english_headers


# What each hidden tab says once shown, read in the catalogs (i18n/*/LC_MESSAGES/saraptama.po).
SHOWN_TEXTS = {
    "kk": {"filter": "Сүзгі…", "overdue": "Тек мерзімі өткендер", "apply": "Жаңа өтініш…", "show": "Көрсету"},
    "ru": {"filter": "Фильтр…", "overdue": "Только просроченные", "apply": "Новое заявление…", "show": "Показать"},
    "en": {"filter": "Filter…", "overdue": "Overdue only", "apply": "New application…", "show": "Show"},
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_tab_behind_another_speaks_the_new_language_when_shown(qtbot, open_window, demo_db, lang):
    """A switch retranslates what is shown; every other tab is in the new language once brought
    forward, whether or not it was ever shown before."""
    language.set_language("ru" if lang == "en" else "en")  # the window opens in another language
    window = open_window(demo_db, tab="incoming")
    show_tab(qtbot, window, "waiting")
    show_tab(qtbot, window, "incoming")  # the waiting list: shown once, now behind
    choose_language(qtbot, window, lang)
    expected = SHOWN_TEXTS[lang]
    waiting = show_tab(qtbot, window, "waiting")
    assert waiting.filter_edit.placeholderText() == expected["filter"]
    assert waiting.overdue_box.text() == expected["overdue"]
    assert waiting.counter.text() == i18n.ngettext("{count} row", "{count} rows", waiting.model.rowCount(),
                                                   lang).format(count=language.format_number(waiting.model.rowCount()))
    registry = show_tab(qtbot, window, "registry")  # never shown before the switch
    assert registry.new_application.text() == expected["apply"]
    assert registry.filter_edit.placeholderText() == expected["filter"]
    window.select_tab("statistics")
    assert window.pages["statistics"].show_button.text() == expected["show"]


def test_a_first_switch_reads_the_catalog_off_the_window_thread(qtbot, open_window, demo_db, monkeypatch):
    """The click returns before the Kazakh catalog is read; the window switches once it is."""
    window = open_window(demo_db)
    monkeypatch.setattr(i18n, "_catalogs", {"en": i18n.load("en")})  # Kazakh not read yet
    window.language_actions["kk"].trigger()
    assert i18n.current_language() == "en" and not i18n.loaded("kk")
    qtbot.waitUntil(lambda: i18n.current_language() == "kk", timeout=20_000)
    assert window.file_menu.title() == "&Файл"
    assert settings().value("language") == "kk"


def test_the_status_bar_shows_the_department_user_and_counts(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    with demo_db.session() as session:
        counts = summary(session, window.own_department_id)
    status = window.status
    assert status.text("department") == "Department: " + counts["department"] + " · " + counts["user"]
    assert status.text("view") == "Acts of own department"
    assert status.text("waiting") == f"Waiting: {counts['waiting']}"
    assert status.text("overdue") == gettext("Overdue:") + " " + str(counts["overdue"])
    assert window.statusBar().findChildren(type(status.label("view")))  # no sync field until sync exists
    assert all("Sync" not in status.text(key) for key in status.KEYS)


def test_refresh_reads_the_lists_again(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    page = window.pages["registry"]
    with qtbot.waitSignal(page.model.loaded):
        window.refresh_action.trigger()
    wait_idle(qtbot)
    assert not window.pages["appeals"].started


def test_about_shows_the_version(open_window, demo_db):
    from importlib.metadata import version
    window = open_window(demo_db)
    box = window.show_about()
    assert version("saraptama") in box.text()
    box.close()


def test_quit_closes_the_window(qtbot, open_window, demo_db):
    window = open_window(demo_db)
    window.quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_fitted_columns_show_dates_and_numbers_whole(qtbot, open_window, demo_db, lang):
    """Widths come from the texts of the rows in view; by Qt's own measure of those cells
    (``sizeHintForColumn``), no date, number or yes/no is cut, in either language."""
    language.set_language(lang)
    window = open_window(demo_db, tab="waiting")
    for name in ("waiting", "incoming", "appeals"):
        page = show_tab(qtbot, window, name)
        assert page.model.rowCount() > 0, name
        page.forget_widths()
        for index, column in enumerate(page.listing.columns):
            if column.kind not in ("text", "label", "region") and index < len(page.listing.columns) - 1:
                assert page.table.columnWidth(index) >= page.table.sizeHintForColumn(index), (name, column.key)
