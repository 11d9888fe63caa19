"""Review benchmark: a national day of decisions and the review screen.

1. Consolidation through the service: 450 acts (docs/domain.md §2), each decided by its three
   experts (1,350 decisions, one transaction each, every one checked by the MSE Rules, signed,
   and the third routing the act: concluded, rejected, head decides, in person).
2. ``rules check`` of 10,000 decisions (the Python function behind the command).
Both as a ratio to a JSON round trip (``json.dumps`` + ``json.loads``) of the same decisions.
3. With ``--large DIR`` (a demo database, e.g. /tmp/saraptama-bench/100k, copied first — the
   original is never written): opening an act's review screen, to its first paint, as a ratio to
   opening an empty dialog.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_review.py [--acts 450] [--large DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_assign import DAY, prepare  # noqa: E402

from app import models as m  # noqa: E402
from app.domain import rules  # noqa: E402
from app.services import assignment  # noqa: E402
from app.services.review import decisions  # noqa: E402
from app.storage import DB_FILE, Database  # noqa: E402

CAUSE = {"under_7": "child_under_7", "7_18": "child_7_18", "adult": "general_disease"}


def lawful(act: m.DraftAct, term: str = "1y", degree: int = 2) -> dict:
    band = rules.age_band(act.age_years)
    restrictions = {"mobility": degree, "work": degree if band == "adult" else 0}
    return {"outcome": "conclusion", "group": rules.suggest_group(restrictions, band), "cause": CAUSE[band],
            "term": term if band != "under_7" or term != "5y" else "2y", "restrictions": restrictions,
            "recommendations": {"medical": "ЛФК"}}


def three_decisions(act: m.DraftAct, index: int) -> list[dict]:
    """A mix of the routes: agreement, agreement of two, §44 rejection, §47 head decides, §45 three groups."""
    kind = index % 5
    if kind == 4:
        return [lawful(act, degree=degree) for degree in (1, 2, 3)]
    if kind == 0:
        return [lawful(act)] * 3
    if kind == 1:
        return [lawful(act), lawful(act), lawful(act, "2y")]
    if kind == 2:
        return [{"outcome": "poor_quality", "reasons": ["no_lab_data"]}] * 2 + [lawful(act)]
    return [lawful(act, "6m"), lawful(act, "1y"), lawful(act, "2y")]


def consolidation(acts: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(data_dir=Path(folder))
        prepare(db, acts, max(60, acts // 2), specialties=False)
        with db.session() as session:
            assignment.assign_waiting(session, DAY + timedelta(hours=9), seed=3)
            plan = [(act.number, [a.expert_id for a in decisions.current_assignments(act)], three_decisions(act, i))
                    for i, act in enumerate(session.scalars(select(m.DraftAct).where(
                        m.DraftAct.status == m.ActStatus.UNDER_REVIEW).order_by(m.DraftAct.id)))]
        at = DAY + timedelta(days=1)
        start = time.perf_counter()
        for number, experts, contents in plan:
            for expert, content in zip(experts, contents):
                with db.session() as session:
                    decisions.submit(session, decisions.act_by_number(session, number), expert, content, at,
                                     confirm_warnings=True)
        service = time.perf_counter() - start
        everything = [content for _number, _experts, contents in plan for content in contents]
        baseline = _round_trip(everything)
        with db.session() as session:
            routes = {status.value: count for status, count in session.execute(
                select(m.DraftAct.status, func.count()).group_by(m.DraftAct.status))}
        db.close()
    print(flush=True)
    print(f"consolidation: {len(plan)} acts, {len(everything)} decisions through the service in {service:.2f} s "
          f"({len(everything) / service:.0f} decisions/s); json round trip {baseline * 1000:.1f} ms; "
          f"ratio {service / baseline:.0f}x; acts by status {routes}")


def _round_trip(documents: list[dict]) -> float:
    start = time.perf_counter()
    json.loads(json.dumps(documents, ensure_ascii=False))
    return time.perf_counter() - start


def rules_check(count: int) -> None:
    from datetime import date
    documents = [{"outcome": "conclusion", "group": ("I", "II", "III")[i % 3], "cause": "general_disease",
                  "term": ("6m", "1y", "2y", "5y", "no_term")[i % 5], "uot_percent": 60 if i % 2 else None,
                  "restrictions": {"mobility": 3 - i % 3, "work": 3 - i % 3}} for i in range(count)]
    start = time.perf_counter()
    for i, document in enumerate(documents):
        rules.check(document, birth_date=date(1960 + i % 40, 1 + i % 12, 1 + i % 28), exam_date=date(2025, 3, 3),
                    kind="primary" if i % 2 else "repeat", mode="proactive", sex="male", insured=True)
    checking = time.perf_counter() - start
    baseline = _round_trip(documents)
    print(f"rules check: {count} decisions in {checking:.2f} s ({count / checking:.0f}/s); json round trip "
          f"{baseline * 1000:.1f} ms; ratio {checking / baseline:.0f}x")


def review_screen(large: Path) -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    from ui.review.review_dialog import ReviewDialog
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(large / DB_FILE, Path(folder) / DB_FILE)
        start = time.perf_counter()
        db = Database.open(data_dir=Path(folder))  # migrates the copy when it is older
        print(f"(opening and migrating the copy: {time.perf_counter() - start:.1f} s)", flush=True)
        with db.session() as session:
            act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                                  .order_by(m.DraftAct.id.desc())).first()
            act_id, expert = act.id, decisions.current_assignments(act)[0].expert_id
        empty = _first_paint(app, lambda: QDialog())
        screen = _first_paint(app, lambda: ReviewDialog(db, act_id, expert_id=expert), loaded=True)
        db.close()
    print(f"review screen on {large.name}: first paint with the act {screen * 1000:.0f} ms; empty dialog "
          f"{empty * 1000:.1f} ms; ratio {screen / empty:.0f}x")


def _first_paint(app, make, loaded: bool = False) -> float:
    start = time.perf_counter()
    dialog = make()
    dialog.show()
    deadline = time.perf_counter() + 120
    while loaded and not dialog.loaded:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise SystemExit("the review screen did not load within 2 minutes")
    app.processEvents()
    dialog.grab()  # painted
    elapsed = time.perf_counter() - start
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=450)
    parser.add_argument("--checks", type=int, default=10_000)
    parser.add_argument("--large", type=Path, help="a large demo data folder (copied, never written)")
    args = parser.parse_args()
    consolidation(args.acts)
    rules_check(args.checks)
    if args.large:
        review_screen(args.large)


if __name__ == "__main__":
    main()
