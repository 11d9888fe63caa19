"""The Statistics tab on the demonstration: four views drawn from the same service as
``saraptama stats``, the numbers behind each chart a click away, charts to PNG and PDF and tables
to XLSX, and the window's scope switch followed."""

from __future__ import annotations

import json

import pypdfium2
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from app.services import statistics
from ui.statistics.views import VIEWS

from .helpers import choose_language, wait_idle, wait_loaded


def _shown(qtbot, open_window, db):
    window = open_window(db, tab="statistics")
    tab = window.pages["statistics"]
    assert window.current_page() is tab
    wait_loaded(qtbot, tab)
    wait_idle(qtbot)
    return window, tab


def test_the_four_views_show_the_service_figures(qtbot, open_window, demo_db):
    _window, tab = _shown(qtbot, open_window, demo_db)
    with demo_db.session() as session:
        expected = {view: statistics.report(session, view, tab.filters()) for view in statistics.VIEWS}
    assert list(tab.panels) == ["agreement", "reversals", "workload", "deadlines"]
    for name, panel in tab.panels.items():
        report = VIEWS[name][1]
        assert panel.table.rowCount() == 0  # the numbers are written out when first shown
        panel.numbers.click()
        for index, (key, _title, _draw) in enumerate(panel.charts):
            panel.chooser.setCurrentIndex(index)
            assert json.dumps(panel.rows, default=str) == json.dumps(expected[report][key], default=str)
            assert panel.table.rowCount() == len(expected[report][key])
    agreement = tab.panels["agreement"]
    agreement.chooser.setCurrentIndex(0)
    assert agreement.rows, "the demonstration has panels to compare"


def test_every_view_has_something_to_show_on_the_demonstration(qtbot, open_window, demo_db):
    window, tab = _shown(qtbot, open_window, demo_db)
    window.show_all_departments(True)
    wait_loaded(qtbot, tab)
    wait_idle(qtbot)
    agreement, reversals = tab.panels["agreement"].report, tab.panels["reversals"].report
    workload = tab.panels["workload"].report
    assert [row["majority"] > 0 for row in agreement["by_field"]] == [True] * 4
    assert any(row["flagged"] for row in agreement["by_expert"])  # the dissenting expert
    assert reversals["total"]["changed"] > 0 and reversals["durations"]
    assert any(row["overdue"] or row["late"] for row in workload["by_week"])
    assert workload["in_person"] and workload["rejections"][0]["rejected_share"] > 0


def test_the_numbers_are_a_click_away(qtbot, open_window, demo_db):
    _window, tab = _shown(qtbot, open_window, demo_db)
    panel = tab.panels["deadlines"]
    assert panel.chart.isVisible() and not panel.table.isVisible()
    panel.numbers.click()
    assert panel.table.isVisible() and not panel.chart.isVisible()
    headers = [panel.table.horizontalHeaderItem(i).text() for i in range(panel.table.columnCount())]
    assert "Met share" in headers
    assert panel.table.item(0, headers.index("Met share")).text().endswith("%")


def test_a_chart_is_saved_as_png_and_pdf_and_its_table_as_xlsx(qtbot, open_window, demo_db, tmp_path):
    _window, tab = _shown(qtbot, open_window, demo_db)
    panel = tab.panels["agreement"]
    panel.save_picture(tmp_path / "heat.png")
    panel.save_picture(tmp_path / "heat.pdf")
    image = QImage(str(tmp_path / "heat.png"))
    assert image.width() == panel.chart.width() and image.height() == panel.chart.height()
    assert len(pypdfium2.PdfDocument(str(tmp_path / "heat.pdf"))) == 1
    panel.save_workbook(tmp_path / "heat.xlsx")
    wait_idle(qtbot)
    sheet = load_workbook(tmp_path / "heat.xlsx").active
    assert sheet.title.startswith("Agreement by App 15 chapter"[:20])
    assert sheet.max_row == len(panel.rows) + 1


def test_the_tab_follows_the_scope_switch(qtbot, open_window, demo_db):
    window, tab = _shown(qtbot, open_window, demo_db)
    own = tab.filters().department
    assert own is not None  # a department's workstation shows its own department first
    window.show_all_departments(True)
    wait_loaded(qtbot, tab)
    wait_idle(qtbot)
    assert tab.filters().department is None
    whole = tab.panels["agreement"].report["by_field"][0]["acts"]
    with demo_db.session() as session:
        assert whole == statistics.report(session, "agreement", tab.filters())["by_field"][0]["acts"]


def test_file_export_writes_the_four_charts_tables(qtbot, open_window, demo_db, tmp_path):
    window, tab = _shown(qtbot, open_window, demo_db)
    window.export_list(tmp_path / "statistics.xlsx")
    wait_idle(qtbot)
    book = load_workbook(tmp_path / "statistics.xlsx")
    assert len(book.sheetnames) == 4
    assert [book[name].max_row - 1 for name in book.sheetnames] == [len(p.rows) for p in tab.panels.values()]


def test_a_switch_of_language_redraws_the_charts_in_it_one_at_a_time(qtbot, open_window, demo_db):
    """The charts are drawn again in the new language, each at its own turn of the event loop;
    the heat map's note is the catalog's Kazakh (i18n/kk/LC_MESSAGES/saraptama.po)."""
    window, tab = _shown(qtbot, open_window, demo_db)
    drawn, turns = [], []  # turns: a zero timer started at each draw, fired once the event loop turns

    def draw_and_mark(draw) -> None:
        drawn.append(len(turns))
        draw()
        QTimer.singleShot(0, lambda: turns.append(1))
    for panel in tab.panels.values():
        panel.chart.plotItem.titleLabel.setText("")
        panel.draw = lambda draw=panel.draw: draw_and_mark(draw)
    choose_language(qtbot, window, "kk")
    assert len(tab.drawing.waiting) == 4 and not drawn  # asked for, none drawn yet
    wait_loaded(qtbot, tab)
    assert drawn == [0, 1, 2, 3]  # the window's events ran between two panels drawn
    heat = tab.panels["agreement"].chart.plotItem.titleLabel.text
    assert "Үш сарапшы да келіскен панельдер, % (3/3)" in heat
