"""Renders every printed form from demonstration data into docs/forms/ (PDF pages as PNG at
60 dpi, ``pdftoppm``), to compare with the appendices of the seed line by line.

    .venv/bin/python docs/make_forms.py [folder]

The demo conclusions have no УОТ, УПТ or need for care yet (the consolidation issue brings
them); the acts printed for App 20-22 are given them here, as the tests do.  The act (App 8)
is one whose certificate a control department's §56 conclusion replaced: its appendix names the
control department's certificate, ``app19-replacement-certificate`` is that certificate."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.documents_data

from app import models as m
from app.documents.words import local_date
from app.services import demo, printing
from app.storage import Database
from tests.documents_data import act_number, appealed_act, protocol_act, replacement_act, with_capacity

ACCIDENT = {"date": "12.02.2024", "number": "17", "employer": "ТОО «Каражыра»"}


def acts(db) -> dict[str, str]:
    issued = lambda kind: m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(m.IssuedDocument.kind == kind))  # noqa: E731
    appealed_act(db)  # the first concluded §56 appeal gets the justification of its conclusion written in
    replaced = replacement_act(db)
    return {
        "app08-act": ("act", replaced),
        "app19-replacement-certificate": ("disability-certificate", replaced),
        "app19-disability-certificate": ("disability-certificate", act_number(db, issued("disability-certificate"))),
        "app20-uot-certificate": ("uot-certificate", with_capacity(db, uot_percent=45)),
        "app21-upt-certificate": ("upt-certificate", with_capacity(db, upt_percent=30, uot_percent=60,
                                                                   accident=ACCIDENT)),
        "app22-care-conclusion": ("care-conclusion", with_capacity(db, upt_percent=70, accident=ACCIDENT,
                                                                   care_needs="постоянный посторонний уход")),
        "app23-non-establishment-notice": ("non-establishment-notice",
                                           act_number(db, issued("non-establishment-notice"))),
        "app04-refusal-receipt": ("refusal-receipt", act_number(db, m.DraftAct.status == m.ActStatus.IN_PERSON)),
        "app26-control-protocol": ("control-protocol", protocol_act(db)),
    }


def busiest(db, control: bool):
    """A department with the most signed acts (or concluded appeals), and the month of its last one."""
    with db.session() as session:
        if control:
            code, moment = session.execute(select(m.Department.code, func.max(m.Appeal.concluded_at))
                                           .join(m.Appeal, m.Appeal.control_department_id == m.Department.id)
                                           .group_by(m.Department.code).order_by(func.count().desc())).first()
        else:
            code, moment = session.execute(
                select(m.Department.code, func.max(m.Conclusion.signed_at)).select_from(m.DraftAct)
                .join(m.Department).join(m.Conclusion).where(m.Conclusion.signed_at.is_not(None))
                .group_by(m.Department.code).order_by(func.count().desc())).first()
    return code, local_date(moment)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/forms")
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="saraptama-forms-"))
    db = Database.open(data_dir=folder, user="docs")
    demo.generate(db, acts=400, experts=40, seed=7)
    pdfs = {}
    for name, (kind, number) in acts(db).items():
        pdfs[name] = printing.render_act_document(db, kind, number).pdf
    for kind, appendix in (("waiting-list", "app09"), ("decisions-list", "app16"), ("appeals-journal", "app24"),
                           ("registry", "registry-app01")):
        pdfs[f"{appendix}-{kind}"] = printing.render_list(db, kind).pdf
    code, day = busiest(db, control=False)
    pdfs["app17-daily-protocol"] = printing.render_journal(db, code, day=day).pdf
    pdfs["app17-monthly-journal"] = printing.render_journal(db, code, month=f"{day:%Y-%m}").pdf
    code, day = busiest(db, control=True)
    pdfs["app18-monthly-journal"] = printing.render_journal(db, code, month=f"{day:%Y-%m}").pdf
    db.close()
    for name, pdf in pdfs.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf)
        pages = ["-l", "3"] if "journal" in name or "list" in name else []  # the first pages show the layout
        subprocess.run(["pdftoppm", "-r", "60", "-png", *pages, str(path), str(out / name)], check=True)
    for name in ("app17-monthly-journal", "app18-monthly-journal"):  # and the binding page, the last
        last = str(len(pypdfium2.PdfDocument(pdfs[name])))
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", last, "-l", last,
                        str(folder / f"{name}.pdf"), str(out / f"{name}-binding")], check=True)
    print(out)


if __name__ == "__main__":
    main()
