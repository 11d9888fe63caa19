"""Printing from the window: the preview shows the pages, prints them through a QPrinter into
a PDF file; the act card's entry prints the chosen documents as one batch and records each
paper copy (§51 part 2); a batch can be cancelled; a document is checked by its QR text."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from app import models as m
from app.documents.build import build
from app.services import documents, printing
from tests.documents_data import pdf_pages
from tests.unit.test_document_checks import read_qr
from ui import printing as ui_printing

from tests.cups_printer import pdf_page_count
from ui.printing.preview import PRINTER_KEY
from ui.settings import settings

from .helpers import TIMEOUT_MS, wait_idle


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _certified_act(db) -> int:
    with db.session() as session:
        return session.scalar(select(m.IssuedDocument.act_id).where(m.IssuedDocument.kind == "disability-certificate")
                              .order_by(m.IssuedDocument.id))


def test_preview_shows_the_pages_and_prints_them_to_a_pdf(qtbot, demo_db, tmp_path):
    shown = []
    ui_printing.preview_list(None, demo_db, "waiting-list", on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert len(dialog.views) == len(dialog.pages) >= 1
    dialog.grab()  # painting renders the visible page
    assert dialog.views[0].rendered
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    qtbot.waitUntil(lambda: dialog.printed is not None, timeout=TIMEOUT_MS)
    assert dialog.printed and pdf_pages(out) == len(dialog.views)
    assert dialog.save_to(tmp_path / "saved.pdf") and (tmp_path / "saved.pdf").read_bytes() == dialog.pdf
    link = tmp_path / "link.pdf"
    link.symlink_to(demo_db.file)  # Save as PDF over the database, through a link: refused, nothing written
    before = demo_db.file.read_bytes()
    assert not dialog.save_to(link) and demo_db.file.read_bytes() == before
    assert dialog.file_name == "waiting-list.pdf"  # what Save as PDF proposes
    dialog.close()


def test_the_preview_zooms_and_fits_the_page_to_its_width(qtbot, demo_db):
    shown = []
    ui_printing.preview_list(None, demo_db, "registry", on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    dialog = shown[0]
    qtbot.addWidget(dialog)
    width = dialog.views[0].width()
    dialog.zoom_in_button.click()
    assert dialog.views[0].width() > width and dialog.zoom_label.text() == "125 %"
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert dialog.views[0].width() < width
    dialog.fit_button.click()
    room = dialog.scroll.viewport().width()
    assert room - 40 <= dialog.views[0].width() <= room
    dialog.grab()
    assert dialog.views[0].rendered and dialog.views[0].image.width() == dialog.views[0].width()
    dialog.close()


def test_act_card_prints_the_chosen_documents_and_records_copies(qtbot, demo_db, tmp_path):
    dialog = ui_printing.print_act_documents(None, demo_db, _certified_act(demo_db))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.boxes), timeout=TIMEOUT_MS)
    assert {"act", "disability-certificate"} <= set(dialog.boxes)
    assert dialog.selected() == ["disability-certificate"]  # issued documents are chosen first
    out = tmp_path / "batch.pdf"
    batch = dialog.print_to(pdf_printer(out))
    qtbot.waitUntil(lambda: len(batch.printed) == 1, timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert pdf_pages(out) == 1
    qr = read_qr(out)  # printed as an image, still readable
    with demo_db.session() as session:
        prints = session.execute(select(m.DocumentPrint.copy, m.DocumentPrint.user)).all()
        assert documents.verify(session, qr)["result"] == "valid"
    assert [tuple(p) for p in prints] == [(1, "tester")]


def test_a_cancelled_batch_records_nothing(qtbot, demo_db, tmp_path):
    dialog = ui_printing.print_act_documents(None, demo_db, _certified_act(demo_db))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.boxes), timeout=TIMEOUT_MS)
    for box in dialog.boxes.values():
        box.setChecked(True)
    finished = []
    batch = ui_printing.BatchPrint(dialog, pdf_printer(tmp_path / "x.pdf"), dialog.jobs(), finished.append)
    batch.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel
    qtbot.waitUntil(lambda: bool(finished), timeout=TIMEOUT_MS)
    wait_idle(qtbot)
    assert finished == [[]]
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.DocumentPrint)) == 0


def test_check_a_document(qtbot, demo_db):
    answers = []
    dialog = ui_printing.check_document(None, demo_db, on_answer=answers.append)
    qtbot.addWidget(dialog)
    dialog.textValueSelected.emit("SRPT1|disability-certificate|75-01/25|0000001|2025-01-01|20250101000001|00")
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    assert answers[0]["result"] in ("unknown", "altered")


def test_file_menu_prints_the_current_list_and_opens_the_journal(qtbot, open_window, demo_db):
    window = open_window(demo_db, tab="registry")
    assert window.printing.print_list.isEnabled()
    assert window.printing.current_list() == "registry"
    window.printing.print_list.trigger()
    qtbot.waitUntil(lambda: bool(previews()), timeout=TIMEOUT_MS)
    assert "Реестр независимых экспертов" in previews()[0].windowTitle()
    window.printing.print_journal.trigger()
    qtbot.waitUntil(lambda: hasattr(window.printing, "journal_dialog"), timeout=TIMEOUT_MS)
    journal = window.printing.journal_dialog
    assert journal.department.text() == "75-01"  # this workstation's department
    journal.month_choice.setChecked(True)
    rendered = build(journal.job()())
    assert rendered.pages >= 2  # at least the title page and the binding page
    for dialog in previews():
        dialog.close()
    journal.close()


def previews() -> list[ui_printing.PreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ui_printing.PreviewDialog) and w.isVisible()]


def test_a_certificate_goes_from_the_preview_print_button_to_a_cups_printer(qtbot, demo_db, cups_pdf_printer):
    """The act's documents → Preview → Print… → the print dialog (the printer chosen last offered
    first) → OK: the job reaches the CUPS queue, its PDF holds the certificate's page with its QR
    code, and the paper copy is recorded (§51 part 2)."""
    settings().setValue(PRINTER_KEY, cups_pdf_printer.name)
    documents_dialog = ui_printing.print_act_documents(None, demo_db, _certified_act(demo_db))
    qtbot.addWidget(documents_dialog)
    qtbot.waitUntil(lambda: bool(documents_dialog.boxes), timeout=TIMEOUT_MS)
    documents_dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(previews()), timeout=TIMEOUT_MS)
    preview = previews()[0]
    assert preview.file_name.endswith("-disability-certificate.pdf")
    preview.print_button.click()
    print_dialog = preview.print_dialog
    assert print_dialog.isVisible() and print_dialog.printer().printerName() == cups_pdf_printer.name
    jobs_before = len(cups_pdf_printer.completed_jobs())
    print_dialog.accept()
    qtbot.waitUntil(lambda: preview.printed is not None, timeout=TIMEOUT_MS)
    assert preview.printed
    printed = cups_pdf_printer.wait_for_output(jobs_before)
    assert pdf_page_count(printed) == len(preview.pages) == 1
    with demo_db.session() as session:
        assert documents.verify(session, read_qr(printed))["result"] == "valid"
    wait_idle(qtbot)
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.DocumentPrint)) == 1
    preview.close()


def test_a_pdf_is_built_on_the_input_output_pool_while_the_database_worker_stays_free(qtbot, demo_db, monkeypatch):
    """The preview's PDF is described on the database's worker and built on the input-output
    pool: while the build is held, a query given to the database's worker still runs."""
    from PySide6.QtCore import QThread

    from app.documents import build as building
    from ui.tasks import run_task

    threads: dict[str, object] = {}
    release, building_started = threading.Event(), threading.Event()
    real_build, real_describe = building.build, printing.describe_list

    def held_build(description):
        threads["build"] = QThread.currentThread()
        building_started.set()
        assert release.wait(TIMEOUT_MS / 1000)
        return real_build(description)

    def describe(*args, **kwargs):
        threads["describe"] = QThread.currentThread()
        return real_describe(*args, **kwargs)
    monkeypatch.setattr(building, "build", held_build)
    monkeypatch.setattr(printing, "describe_list", describe)
    shown, answered = [], []
    ui_printing.preview_list(None, demo_db, "registry", on_shown=shown.append)
    qtbot.waitUntil(building_started.is_set, timeout=TIMEOUT_MS)

    def query() -> int:
        threads["query"] = QThread.currentThread()
        with demo_db.session() as session:
            return session.scalar(select(func.count()).select_from(m.StaffMember))
    run_task(query, on_done=answered.append)
    qtbot.waitUntil(lambda: bool(answered), timeout=TIMEOUT_MS)  # while the PDF is still being built
    assert not shown and answered[0] > 0
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    assert threads["describe"] is threads["query"]  # the database's one worker
    assert threads["build"] is not threads["query"] and threads["build"] is not QThread.currentThread()
    qtbot.addWidget(shown[0])
    assert len(shown[0].pages) >= 1
    shown[0].close()
