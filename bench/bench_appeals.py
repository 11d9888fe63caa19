"""Appeals benchmark: the §56 course and the Appeals tab on a demonstration database.

1. ``--appeals`` §56 appeals (default 300) each taken through file, register, forward (the
   automatic choice of the control department counts the loads) and conclude (the MSE Rules check),
   one transaction a step, as a ratio to reading the act by its number in as many transactions.
2. The Appeals tab (App 24 columns, joins to the conclusion, the control department and the
   staff): the ids of every row and its first block of 100 rows, as a ratio to the same for the
   Incoming list on the same database.
3. Printing the App 24 journal of all those appeals, as a ratio to printing the waiting list.

    .venv/bin/python bench/bench_appeals.py [--acts 20000] [--appeals 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app import models as m
from app.services import appeals, demo, listings, printing
from app.services.review import decisions
from app.storage import Database


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def signed_acts(db: Database, count: int) -> list[tuple[str, object]]:
    with db.session() as session:
        return list(session.execute(select(m.DraftAct.number, m.Conclusion.signed_at).join(m.Conclusion).where(
            m.DraftAct.status == m.ActStatus.SIGNED, m.DraftAct.age_years >= 18,
            ~m.DraftAct.id.in_(select(m.Appeal.act_id))).order_by(m.DraftAct.id).limit(count)).all())


def course(db: Database, number: str, signed) -> None:
    """One §56 appeal from filing to conclusion, one transaction a step."""
    at = signed + timedelta(hours=1)
    with db.session() as session:
        appeal = appeals.file_appeal(session, number, at)["id"]
    with db.session() as session:
        appeals.register(session, appeal, at + timedelta(hours=1))
    with db.session() as session:
        appeals.forward(session, appeal, at + timedelta(hours=2))
    with db.session() as session:
        act = decisions.act_by_number(session, number)
        decision = {k: v for k, v in act.conclusion.decision.items() if k != "outcome"}
        appeals.conclude(session, appeal, decision, at + timedelta(hours=3), confirm_warnings=True)


def read_act(db: Database, number: str) -> None:
    with db.session() as session:
        decisions.act_by_number(session, number)


def first_screen(db: Database, listing) -> None:
    with db.session() as session:
        ids = listing.ids(session)
        listing.rows(session, ids[:100])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=20_000)
    parser.add_argument("--appeals", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(data_dir=Path(folder), user="bench")
        demo.generate(db, acts=args.acts, experts=200, seed=11)
        acts = signed_acts(db, args.appeals)
        steps = timed(lambda: [course(db, number, signed) for number, signed in acts])
        reads = timed(lambda: [read_act(db, number) for number, _ in acts for _step in range(4)])
        print(f"§56 course of {len(acts)} appeals: {steps:.2f} s, {1000 * steps / len(acts):.1f} ms an appeal; "
              f"ratio to {4 * len(acts)} act reads: {steps / reads:.1f}")
        tab = timed(lambda: first_screen(db, listings.APPEALS))
        incoming = timed(lambda: first_screen(db, listings.INCOMING))
        print(f"Appeals tab, ids and first block: {1000 * tab:.0f} ms; ratio to Incoming ({args.acts} acts): "
              f"{tab / incoming:.2f}")
        out = Path(folder)
        journal = timed(lambda: printing.print_list(db, "appeals-journal", out / "app24.pdf"))
        waiting = timed(lambda: printing.print_list(db, "waiting-list", out / "app9.pdf"))
        print(f"App 24 journal: {journal:.2f} s; ratio to the waiting list: {journal / waiting:.2f}")
        db.close()


if __name__ == "__main__":
    main()
