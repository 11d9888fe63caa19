"""Checkable paper: the QR code read back from the rendered page (zxing-cpp), verified against
what the database issued; series and numbers never repeat, also when two processes issue at
the same moment; the ``print`` and ``documents verify`` commands."""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
from pathlib import Path

import pypdfium2
import zxingcpp
from sqlalchemy import func, select

from app import models as m
from app.cli import main
from app.domain.clock import now_kz
from app.services import documents, printing
from app.storage import Database
from tests.documents_data import act_number, with_capacity


def read_qr(path: Path) -> str:
    """The text of the one QR code on the first page, read from a 216 dpi rendering."""
    page = pypdfium2.PdfDocument(str(path))[0]
    codes = zxingcpp.read_barcodes(page.render(scale=3).to_pil())
    assert [c.format for c in codes] == [zxingcpp.BarcodeFormat.QRCode]
    return codes[0].text


def _verify(db, text: str) -> str:
    with db.session() as session:
        return documents.verify(session, text)["result"]


def test_qr_round_trip_and_altered_fields(demo_db, tmp_path):
    number = with_capacity(demo_db, uot_percent=45)
    out = tmp_path / "uot.pdf"
    result = printing.print_act_document(demo_db, "uot-certificate", number, out, user="t")
    text = read_qr(out)
    kind, series, doc_number, issued_on, act, digest = text.split("|")[1:]
    assert (kind, series, doc_number, act) == ("uot-certificate", result["series"], result["number"], number)
    assert _verify(demo_db, text) == "valid"
    assert _verify(demo_db, text.replace(digest, "0" * len(digest))) == "altered"  # a changed percentage, say
    assert _verify(demo_db, text.replace(issued_on, "2000-01-01")) == "altered"
    assert _verify(demo_db, text.replace(f"|{doc_number}|", "|9999999|")) == "unknown"
    assert _verify(demo_db, "hello") == "unknown"


def test_changed_content_reprinted_makes_the_old_paper_altered(demo_db, tmp_path):
    number = with_capacity(demo_db, uot_percent=45)
    printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "a.pdf", user="t")
    old = read_qr(tmp_path / "a.pdf")
    with demo_db.session() as session:
        conclusion = session.scalar(select(m.Conclusion).join(m.DraftAct).where(m.DraftAct.number == number))
        conclusion.decision = {**conclusion.decision, "uot_percent": 60}
    printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "b.pdf", user="t")
    assert _verify(demo_db, old) == "altered"
    assert _verify(demo_db, read_qr(tmp_path / "b.pdf")) == "valid"


def _issue_many(args) -> list[tuple[str, str]]:
    url, numbers = args
    db = Database.open(db_url=url, user="worker")
    try:
        return [(i.series, i.number) for i in (documents.issue(db, n, "uot-certificate", _moment()) for n in numbers)]
    finally:
        db.close()


def _moment():
    return now_kz()


def department_acts(db, count: int) -> list[str]:
    """``count`` acts of one department (one series)."""
    with db.session() as session:
        department = session.scalar(select(m.DraftAct.department_id).group_by(m.DraftAct.department_id)
                                    .order_by(func.count().desc()))
        numbers = list(session.scalars(select(m.DraftAct.number).where(m.DraftAct.department_id == department)
                                       .order_by(m.DraftAct.number).limit(count)))
    assert len(numbers) == count
    return numbers


def issue_in_two_processes(url: str, numbers: list[str]) -> list[tuple[str, str]]:
    halves = [(url, numbers[0::2]), (url, numbers[1::2])]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        return [pair for part in pool.map(_issue_many, halves) for pair in part]


def test_numbers_never_repeat_under_concurrent_issuing(demo_data_dir, demo_db):
    numbers = department_acts(demo_db, 24)
    issued = issue_in_two_processes(f"sqlite:///{demo_data_dir / 'saraptama.db'}", numbers)
    assert len(issued) == len(set(issued)) == 24
    assert sorted(int(n) for _s, n in issued) == list(range(1, 25))  # one after another, none lost
    again = documents.issue(demo_db, numbers[0], "uot-certificate", _moment())
    assert (again.series, again.number) in issued  # an act keeps its document


def _cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_print_and_verify_commands(demo_data_dir, demo_db, tmp_path):
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))
    out = tmp_path / "c.pdf"
    code, stdout, _ = _cli("--data-dir", str(demo_data_dir), "print", "disability-certificate", "--act", number,
                           "--out", str(out))
    assert code == 0 and {"file": str(out)}.items() <= json.loads(stdout).items()
    code, stdout, _ = _cli("--data-dir", str(demo_data_dir), "documents", "verify", read_qr(out))
    assert code == 0 and json.loads(stdout)["result"] == "valid"
    code, stdout, stderr = _cli("--data-dir", str(demo_data_dir), "--lang", "ru", "print", "upt-certificate",
                                "--act", number, "--out", str(tmp_path / "u.pdf"))
    assert (code, stdout, stderr.count("\n")) == (2, "", 1) and "Приложение 21" in stderr
    code, stdout, _ = _cli("--data-dir", str(demo_data_dir), "print", "waiting-list", "--out", str(tmp_path / "w.pdf"))
    assert code == 0 and json.loads(stdout) == {"file": str(tmp_path / "w.pdf"), "pages": json.loads(stdout)["pages"]}


def test_a_journal_of_an_impossible_day_is_refused_in_one_line(demo_data_dir, tmp_path):
    for when in (["--date", "9999-12-31"], ["--month", "9999-12"], ["--month", "2025-13"]):
        code, stdout, stderr = _cli("--data-dir", str(demo_data_dir), "print", "journal", "--department", "75-01",
                                    *when, "--out", str(tmp_path / "j.pdf"))
        assert (code, stdout, stderr.count("\n")) == (2, "", 1), when
    assert not (tmp_path / "j.pdf").exists()
