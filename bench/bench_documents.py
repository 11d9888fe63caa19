"""Printed documents: a busy month's protocol journal, and one certificate end to end.

1. 5,000 protocol rows (App 17, 14 columns) with long Russian and Kazakh diagnoses, built twice
   in the same run: with the journal builder (every cell wrapped to its column, headers
   repeated) and as the baseline, a reportlab LongTable of the same plain strings unwrapped.
   Goal: ratio <= 1.5 and peak memory under 300 MiB (the largest resident size of a fresh
   process that builds the journal once, imports included).
2. One certificate of disability end to end (the act read from the database, series and number,
   QR code, PDF) against an empty one-page PDF.

    .venv/bin/python bench/bench_documents.py [--rows 5000] [--repeat 3]

The last line printed is a JSON object: {"ratio": ..., "peak_mib": ..., ...}.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle
from sqlalchemy import select

from app import models as m
from app.documents import fonts, journals
from app.documents.build import build
from app.documents.layout import DepartmentHeading, Form, write_pdf
from app.documents.table import FONT_SIZE
from app.services import demo, printing
from app.storage import Database

DIAGNOSES = [
    "C50.4 Злокачественное новообразование верхненаружного квадранта молочной железы, состояние после "
    "комбинированного лечения (радикальная мастэктомия по Маддену справа, полихимиотерапия, лучевая терапия), "
    "лимфостаз правой верхней конечности II степени, выраженное нарушение статодинамических функций",
    "I69.4 Последствия перенесённого ишемического инсульта в бассейне левой средней мозговой артерии в виде "
    "правостороннего гемипареза со снижением силы до 3 баллов, моторной афазии, когнитивных нарушений",
    "G35 Шашыраңқы склероз, қайталанатын-ремиттирлеуші ағымы, төменгі спастикалық парапарез, атаксия, "
    "жамбас ағзалары функциясының бұзылуы, статикалық-динамикалық функциялардың айқын бұзылуы",
    "E10.7 Қант диабеті 1 тип, ауыр түрі, декомпенсация сатысы, диабеттік нефропатия С4 сатысы, "
    "пролиферативті ретинопатия, екі көзінде көрудің айтарлықтай төмендеуі, диабеттік табан синдромы",
]


def rows(count: int) -> list[list[str]]:
    rng = random.Random(1)
    return [[str(i), f"2025030{i % 9 + 1}{i:06d}", "Сейтқалиева Әйгерім Нұрланқызы",
             f"12.04.19{50 + i % 40}, {30 + i % 40}",
             "Алматы қаласы, Әуезов ауданы, Жандосов көшесі, 58, пәтер 112", "не работает",
             "повторное; Инвалидность, повторно", "II группа, общее заболевание", rng.choice(DIAGNOSES),
             "II группа, УОТ 70 %", "общее заболевание", "1 год", "по ИПР", f"75-01/25 № {i:07d}"]
            for i in range(1, count + 1)]


HEADING = DepartmentHeading("Алматы қаласы", "город Алматы", 1, "Абай даңғылы, 1", "Ерғали Сәуле Ержановна", "75-01")


def journal(data: list[list[str]]) -> int:
    form = Form()
    journals.daily_protocol(form, HEADING, journals.Protocol(date(2025, 3, 3), 42, data, ["Нұрлан", "Айгүл"]))
    return write_pdf(io.BytesIO(), form.story, title="bench", wide=True, numbered=True)


def baseline(data: list[list[str]]) -> int:
    fonts.register()
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=landscape(A4))
    table = LongTable([[c.header[:12] for c in journals.MSE_COLUMNS], *data],
                      colWidths=[c.width_mm * 2.8346 for c in journals.MSE_COLUMNS], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, FONT_SIZE)]))
    doc.build([table])
    return doc.page


def peak_of_journal(count: int) -> tuple[int, float]:
    """Pages and peak resident MiB of a process that builds the journal once (Linux: KiB)."""
    pages = journal(rows(count))
    return pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def certificate_times(repeat: int) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="saraptama-bench-docs-"))
    db = Database.open(data_dir=folder)
    demo.generate(db, acts=400, experts=40, seed=7)
    with db.session() as session:
        number = session.scalar(select(m.DraftAct.number).join(m.IssuedDocument)
                                .where(m.IssuedDocument.kind == "disability-certificate"))

    def empty() -> None:
        canvas = Canvas(io.BytesIO(), pagesize=A4)
        canvas.showPage()
        canvas.save()
    certificate = best(lambda: build(printing.describe_act_document(db, "disability-certificate", number)), repeat)
    db.close()
    return certificate, best(empty, repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.rows)
    fonts.register()
    mine = best(lambda: journal(data), args.repeat)
    base = best(lambda: baseline(data), args.repeat)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pages, peak = pool.apply(peak_of_journal, (args.rows,))
    certificate, empty = certificate_times(args.repeat)
    print(f"journal of {args.rows} rows: {mine:.2f} s, {pages} pages; baseline LongTable unwrapped: {base:.2f} s")
    print(f"certificate end to end: {certificate * 1000:.1f} ms; empty one-page PDF: {empty * 1000:.2f} ms")
    print(json.dumps({"ratio": round(mine / base, 2), "peak_mib": round(peak, 1), "journal_s": round(mine, 2),
                      "baseline_s": round(base, 2), "pages": pages, "certificate_ms": round(certificate * 1000, 1),
                      "empty_pdf_ms": round(empty * 1000, 2), "certificate_ratio": round(certificate / empty, 1)}))


if __name__ == "__main__":
    main()
