"""The list model: ids in the background, rows in blocks, filter, sort, formatting."""

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.services.listings import LISTINGS
from ui import language
from ui.table_model import BLOCK_SIZE, FILTER_DELAY_MS, ListingModel

from .helpers import TIMEOUT_MS, wait_idle


def loaded_model(qtbot, db, name: str) -> ListingModel:
    model = ListingModel(db, LISTINGS[name])
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        model.refresh()
    return model


def column(model: ListingModel, key: str) -> int:
    return [c.key for c in model.listing.columns].index(key)


def texts(model: ListingModel, key: str) -> list[str]:
    return [model.data(model.index(row, column(model, key))) for row in range(model.rowCount())]


def test_the_model_holds_every_row_of_its_list(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "incoming")
    with demo_db.session() as session:
        assert model.rowCount() == LISTINGS["incoming"].count(session) > BLOCK_SIZE
    assert model.columnCount() == len(LISTINGS["incoming"].columns)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(model.index(0, 0))  # the first block comes with the ids
    assert model.idle


def test_later_rows_are_fetched_in_a_block_in_the_background(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "incoming")
    row = BLOCK_SIZE + 5
    assert model.data(model.index(row, 0)) is None  # asked for: not there yet
    assert not model.idle
    with qtbot.waitSignal(model.dataChanged, timeout=TIMEOUT_MS):
        pass
    assert model.data(model.index(row, 0))
    assert model.idle


def test_the_filter_narrows_the_rows_after_a_pause_and_finds_cyrillic_text(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "registry")
    total = model.rowCount()
    name = texts(model, "name")[0]
    term = name.split()[0][1:].upper()  # part of a last name, other case: "ЛИЕВ" finds "Әлиев"
    assert any("\u0400" <= ch <= "\u04ff" for ch in term)
    with demo_db.session() as session:
        expected = len(LISTINGS["registry"].ids(session, term))
    model.set_filter_text(term)
    assert model.busy and model.rowCount() == total  # nothing happens while typing
    with qtbot.waitSignal(model.loaded, timeout=FILTER_DELAY_MS + TIMEOUT_MS) as blocker:
        pass
    assert blocker.args == [expected]
    assert 0 < model.rowCount() == expected < total
    assert all(term.lower() in text.lower() for text in texts(model, "name")[:expected])


def test_typing_quickly_gives_one_query(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "registry")
    queries = []
    model.loading.connect(lambda: queries.append(model.filter_text))
    for text in ("а", "ай", "айг"):
        model.set_filter_text(text)
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        pass
    assert queries == ["айг"]


def test_sorting_reorders_the_rows(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "registry")
    iin = column(model, "iin")
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        model.sort(iin, Qt.SortOrder.AscendingOrder)
    ascending = texts(model, "iin")
    assert ascending[:BLOCK_SIZE] == sorted(ascending[:BLOCK_SIZE])
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        model.sort(iin, Qt.SortOrder.DescendingOrder)
    assert texts(model, "iin")[0] == max(ascending)
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        model.sort(-1)  # no sort indicator: the list's own order again
    wait_idle(qtbot)


def test_headers_and_labels_are_translated_live(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "waiting")
    status = column(model, "status")
    raw = model.listing.rows
    with demo_db.session() as session:
        msgid = raw(session, [model.row_id(0)])[model.row_id(0)][status]
    changes = []
    model.headerDataChanged.connect(lambda *args: changes.append(args))
    for lang in ("kk", "ru"):
        language.set_language(lang)
        assert model.headerData(status, Qt.Orientation.Horizontal) == language.i18n.gettext("Status", lang)
        assert model.data(model.index(0, status)) == language.i18n.gettext(msgid, lang)
    assert len(changes) == 2
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.data(QModelIndex()) is None


@pytest.mark.parametrize("value, kind, english", [
    (None, "text", ""),
    (True, "bool", "Yes"),
    (False, "bool", "No"),
    (12345, "int", "12,345"),
    ("Signed", "label", "Signed"),
    (date(2025, 3, 3), "date", "Mar 3, 2025"),
    (datetime(2025, 3, 3, 10, 15, tzinfo=timezone(timedelta(hours=5))), "datetime", "Mar 3, 2025 10:15"),
    ("Әлиев", "text", "Әлиев"),
])
def test_values_are_formatted_by_kind(value, kind, english):
    assert language.format_value(value, kind, "en") == english


def test_dates_follow_the_language():
    day = date(2025, 3, 3)
    assert language.format_value(day, "date", "ru") == language.format_value(day, "date", "kk") == "03.03.2025"
    assert language.format_value(day, "date", "en") == "Mar 3, 2025"
    assert language.format_value(datetime(2025, 3, 3, 9, 5), "datetime", "kk") == "03.03.2025 09:05"


def test_a_due_date_explains_its_rule(qtbot, demo_db):
    model = loaded_model(qtbot, demo_db, "waiting")
    tip = model.data(model.index(0, column(model, "due")), Qt.ItemDataRole.ToolTipRole)
    assert "§20.3" in tip and "18:00" in tip
    assert model.data(model.index(0, column(model, "diagnosis")), Qt.ItemDataRole.ToolTipRole)  # text: full value
    for never_cut in ("age", "number"):  # numbers and codes are never elided: no tooltip needed
        assert model.data(model.index(0, column(model, never_cut)), Qt.ItemDataRole.ToolTipRole) is None


def test_a_block_that_cannot_be_read_is_shown_once_and_the_list_settles(qtbot, demo_db, monkeypatch):
    from ui import errors

    model = loaded_model(qtbot, demo_db, "incoming")
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc: shown.append((parent, exc)))
    monkeypatch.setattr(model.listing.__class__, "rows", lambda self, session, ids: 1 / 0)
    model.data(model.index(model.rowCount() - 1, 0))  # a row of a block not yet fetched
    qtbot.waitUntil(lambda: model.idle, timeout=TIMEOUT_MS)
    assert len(shown) == 1 and isinstance(shown[0][1], ZeroDivisionError)
    assert model.data(model.index(model.rowCount() - 1, 0)) is None
    assert len(shown) == 1  # not again at every repaint
