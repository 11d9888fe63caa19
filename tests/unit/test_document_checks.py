"""Checkable paper: the QR code read back from the rendered page (zxing-cpp), verified against
what the database issued; series and numbers never repeat, also when two processes issue at
the same moment; the ``print`` and ``documents verify`` commands."""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
from datetime import date, datetime
from pathlib import Path

import pypdfium2
import zxingcpp
from sqlalchemy import func, select

from app import models as m
from app.cli import main
from app.domain.clock import KZ_TIME, now_kz
from app.services import documents, printing
from app.storage import Database
from tests.documents_data import act_number, pdf_text, with_capacity


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


def _edit_conclusion(session, number: str, **changes) -> None:
    conclusion = session.scalar(select(m.Conclusion).join(m.DraftAct).where(m.DraftAct.number == number))
    conclusion.decision = {**conclusion.decision, **changes}


def _edit_person(session, number: str, **changes) -> None:
    person = session.scalar(select(m.Person).join(m.DraftAct).where(m.DraftAct.number == number))
    for key, value in changes.items():
        setattr(person, key, value)


def _edit_act(session, number: str, **changes) -> None:
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
    for key, value in changes.items():
        setattr(act, key, value)


EDITS = (  # what someone with the database file could change behind an issued certificate
    ("the group", lambda s, n: _edit_conclusion(s, n, group="I")),
    ("the surname", lambda s, n: _edit_person(s, n, last_name="Подменова")),
    ("the date of establishing", lambda s, n: _edit_act(s, n, registered_at=datetime(2020, 1, 9, 9, 0,
                                                                                      tzinfo=KZ_TIME))),
    ("the birth date", lambda s, n: _edit_person(s, n, birth_date=date(1950, 5, 5))),
    ("the percentage and the term", lambda s, n: _edit_conclusion(s, n, uot_percent=90, term="no_term")),
)


def test_an_issued_document_stays_what_it_was_when_the_database_is_edited(demo_db, tmp_path):
    """A document's content and hash are fixed when it is first issued: a reprint is a copy of
    exactly that (the same bytes), and the first paper stays ``valid`` through every edit of the
    database behind it; a new content would need a new document number."""
    number = with_capacity(demo_db, uot_percent=45)
    first = printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "first.pdf", user="t")
    paper = read_qr(tmp_path / "first.pdf")
    assert _verify(demo_db, paper) == "valid"
    for index, (what, edit) in enumerate(EDITS):
        with demo_db.session() as session:
            edit(session, number)
        assert _verify(demo_db, paper) == "valid", what  # before any reprint
        reprint = tmp_path / f"reprint-{index}.pdf"
        again = printing.print_act_document(demo_db, "uot-certificate", number, reprint, user="t")
        assert (again["series"], again["number"]) == (first["series"], first["number"]), what
        assert reprint.read_bytes() == (tmp_path / "first.pdf").read_bytes(), what
        assert _verify(demo_db, paper) == "valid", what  # and after it
    assert "Подменова" not in pdf_text(tmp_path / "reprint-4.pdf") and "90" not in read_qr(tmp_path / "reprint-4.pdf")


def _issue_many(args) -> list[tuple[str, str]]:
    url, numbers = args
    db = Database.open(db_url=url, user="worker")
    try:
        return [(c.issued.series, c.issued.number)
                for c in (documents.issue(db, n, "uot-certificate", _moment()) for n in numbers)]
    finally:
        db.close()


def _moment():
    return now_kz()


def department_acts(db, count: int) -> list[str]:
    """``count`` signed acts of one department (one series), each conclusion establishing a degree
    of loss of general working capacity (App 20, §51.4)."""
    with db.session() as session:
        department = session.scalar(select(m.DraftAct.department_id).where(m.DraftAct.status == m.ActStatus.SIGNED)
                                    .group_by(m.DraftAct.department_id).order_by(func.count().desc()))
        acts = list(session.scalars(select(m.DraftAct).join(m.Conclusion).where(
            m.DraftAct.department_id == department, m.DraftAct.status == m.ActStatus.SIGNED,
            m.Conclusion.decision.is_not(None), ~m.DraftAct.id.in_(select(m.Appeal.act_id)))  # the act's own conclusion
            .order_by(m.DraftAct.number).limit(count)))
        for act in acts:
            act.conclusion.decision = {**act.conclusion.decision, "uot_percent": 40}
        numbers = [act.number for act in acts]
    assert len(numbers) == count
    return numbers


def issue_in_two_processes(url: str, numbers: list[str]) -> list[tuple[str, str]]:
    halves = [(url, numbers[0::2]), (url, numbers[1::2])]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        return [pair for part in pool.map(_issue_many, halves) for pair in part]


def test_numbers_never_repeat_under_concurrent_issuing(demo_data_dir, demo_db):
    numbers = department_acts(demo_db, 20)
    issued = issue_in_two_processes(f"sqlite:///{demo_data_dir / 'saraptama.db'}", numbers)
    assert len(issued) == len(set(issued)) == 20
    assert sorted(int(n) for _s, n in issued) == list(range(1, 21))  # one after another, none lost
    again = documents.issue(demo_db, numbers[0], "uot-certificate", _moment()).issued
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


def test_the_kept_content_names_the_person_but_the_audit_log_does_not(demo_db, tmp_path):
    number = with_capacity(demo_db, uot_percent=45)
    printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "a.pdf", user="t")
    with demo_db.session() as session:
        person = session.scalar(select(m.Person).join(m.DraftAct).where(m.DraftAct.number == number))
        document = session.scalar(select(m.IssuedDocument).join(m.DraftAct).where(
            m.DraftAct.number == number, m.IssuedDocument.kind == "uot-certificate"))
        assert document.content["full_name"] == person.full_name  # what the paper says is kept
        logged = [json.dumps([e.changes, e.before], ensure_ascii=False) for e in session.scalars(
            select(m.AuditEntry).where(m.AuditEntry.table_name == "issued_document",
                                       m.AuditEntry.row_id == str(document.id)))]
    assert logged and all(person.last_name not in entry and person.iin not in entry for entry in logged)
