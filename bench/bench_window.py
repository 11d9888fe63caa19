"""Window benchmark: the incoming list's text filter at 1,000,000 acts through the
database's trigram index, as a ratio to an indexed lookup of one act by its number in the
same run; and the window's cold start at that size against 100,000 acts.

The demonstration databases take minutes to make (1,000,000 acts: about 4 GB), so they are
made once into folders given on the command line and reused:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py \\
        --large /tmp/saraptama-bench/1m --small /tmp/saraptama-bench/100k
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench_foundation import best_of, gui, report
from sqlalchemy import select

from app import models as m
from app.services import demo
from app.services.listings import LISTINGS, own_department_id
from app.storage import Database


def open_or_make(folder: Path, acts: int) -> Database:
    db = Database.open(data_dir=folder)
    with db.session() as session:
        count = session.query(m.DraftAct).count()
    if count == 0:
        print(f"making {acts} demonstration acts in {folder} (once)")
        demo.generate(db, acts=acts, experts=500)
    return db


def filter_figures(db: Database) -> None:
    incoming = LISTINGS["incoming"]
    with db.session() as session:
        number, last_name = session.execute(
            select(m.DraftAct.number, m.Person.last_name).join(m.Person, m.DraftAct.person_id == m.Person.id)
            .order_by(m.DraftAct.id.desc()).limit(1)).one()
        lookup = best_of(5, lambda: session.scalar(select(m.DraftAct.id).where(m.DraftAct.number == number)))
        total = incoming.count(session)
        department = own_department_id(session)
        terms = [(number[-8:], "en"), (last_name[:6].lower(), "en"), ("c50.1", "en"),
                 (f"{last_name[:5]} {number[:6]}", "en"), ("ожидает", "ru"), ("c5", "en")]
        for term, lang in terms:
            seconds = best_of(3, incoming.ids, session, term, lang=lang)
            found = len(incoming.ids(session, term, lang=lang))
            report(f"filter '{term}' ({found}/{total})", seconds, "act by number", lookup)
        for term, lang in terms[:2]:
            seconds = best_of(3, incoming.ids, session, term, lang=lang, department_id=department)
            report(f"filter '{term}', own department", seconds, "act by number", lookup)
        seconds = best_of(3, incoming.ids, session, "", overdue=True)
        report(f"overdue only ({len(incoming.ids(session, '', overdue=True))})", seconds, "act by number", lookup)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=Path, required=True, help="folder of the 1,000,000-act database")
    parser.add_argument("--small", type=Path, required=True, help="folder of the 100,000-act database")
    parser.add_argument("--acts", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"Saraptama window benchmark: incoming list filter at {args.acts:,} acts, window cold start")
    for folder, acts in ((args.small, 100_000), (args.large, args.acts)):
        open_or_make(folder, acts).close()
    db = Database.open(data_dir=args.large)
    filter_figures(db)
    db.close()
    shots = args.large.parent / "bench-shots"
    for tab in ("incoming", "registry"):
        small = min(gui(args.small, shots / f"small-{tab}.png", "--tab", tab) for _ in range(2))
        large = min(gui(args.large, shots / f"large-{tab}.png", "--tab", tab) for _ in range(2))
        report(f"window cold start ({tab}, {args.acts:,} acts)", large, "same at 100,000 acts", small)


if __name__ == "__main__":
    main()
