"""``saraptama print KIND … --printer NAME``: a real ``saraptama`` process (no display, no
QT_QPA_PLATFORM) sends a certificate to a CUPS queue through the code the window's Print button
runs; the job's PDF holds the certificate's page and its QR code; the copy is recorded
(§51 part 2); an unknown printer is refused in one line and records nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import func, select

from app import models as m
from app.services import documents
from tests.cups_printer import pdf_page_count
from tests.documents_data import act_number
from tests.unit.test_document_checks import read_qr

SCRIPT = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"


def saraptama(data_dir, *argv) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONWARNINGS"] = "ignore:DSA is deprecated"  # pyHanko's import under cryptography 51, not ours
    return subprocess.run([sys.executable, "-c", SCRIPT, "--data-dir", str(data_dir), *map(str, argv)],
                          capture_output=True, text=True, env=env, timeout=120)


def _printed_copies(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(m.DocumentPrint))


def test_a_certificate_printed_from_the_command_line_reaches_the_cups_queue(demo_data_dir, demo_db,
                                                                            cups_pdf_printer):
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))
    jobs_before = len(cups_pdf_printer.completed_jobs())
    done = saraptama(demo_data_dir, "print", "disability-certificate", "--act", number,
                     "--printer", cups_pdf_printer.name)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["printer"] == cups_pdf_printer.name and answer["pages"] == 1 and answer["copy"] == 1
    printed = cups_pdf_printer.wait_for_output(jobs_before)
    assert pdf_page_count(printed) == 1
    with demo_db.session() as session:
        assert documents.verify(session, read_qr(printed))["result"] == "valid"
    assert _printed_copies(demo_db) == 1


def test_an_unknown_printer_is_refused_in_one_line(demo_data_dir, demo_db):
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))
    done = saraptama(demo_data_dir, "--lang", "ru", "print", "disability-certificate", "--act", number,
                     "--printer", "NoSuchPrinter")
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1), done.stderr
    assert "NoSuchPrinter" in done.stderr and "Traceback" not in done.stderr
    assert _printed_copies(demo_db) == 0
    neither = saraptama(demo_data_dir, "print", "waiting-list")
    assert (neither.returncode, neither.stderr.count("\n")) == (2, 1) and "--printer" in neither.stderr
