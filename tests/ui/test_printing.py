"""Printing from the window: the preview shows the pages, prints them through a QPrinter into
a PDF file; the act card's entry prints the chosen documents as one batch and records each
paper copy (§51 part 2); a batch can be cancelled; a document is checked by its QR text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from app import models as m
from app.services import documents
from tests.documents_data import pdf_pages
from tests.unit.test_document_checks import read_qr
from ui import printing as ui_printing

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
    assert dialog.print_to(pdf_printer(out))
    assert pdf_pages(out) == len(dialog.views)
    assert dialog.save_to(tmp_path / "saved.pdf") and (tmp_path / "saved.pdf").read_bytes() == dialog.pdf
    link = tmp_path / "link.pdf"
    link.symlink_to(demo_db.file)  # Save as PDF over the database, through a link: refused, nothing written
    before = demo_db.file.read_bytes()
    assert not dialog.save_to(link) and demo_db.file.read_bytes() == before
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
    rendered = journal.render()
    assert rendered.pages >= 2  # at least the title page and the binding page
    for dialog in previews():
        dialog.close()
    journal.close()


def previews() -> list[ui_printing.PreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ui_printing.PreviewDialog) and w.isVisible()]
