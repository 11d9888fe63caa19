"""What scrubbing an expert's copy costs (§25.2), and the share of it the NER model takes.

Reads up to 200 acts of a demo database as an expert sees them (``acts.show_act(as_expert=True)``),
once with other people's names found by the model and once without it (the baseline, same run):

    .venv/bin/python bench/bench_depersonalise.py --data-dir /tmp/saraptama-bench/demo
or let it make a 400-act demo database:  .venv/bin/python bench/bench_depersonalise.py
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app import models as m
from app.services import acts, demo, others_names
from app.storage import Database


def read_all(db: Database, numbers: list[str]) -> float:
    start = time.perf_counter()
    with db.session() as session:
        for number in numbers:
            acts.show_act(session, number, as_expert=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="saraptama-bench-scrub-"))
    db = Database.open(data_dir=data_dir)
    if args.data_dir is None:
        demo.generate(db, acts=400, experts=40, seed=7)
    with db.session() as session:
        numbers = list(session.scalars(select(m.DraftAct.number).where(m.DraftAct.person_id.is_not(None))
                                       .order_by(m.DraftAct.id).limit(200)))
    load = time.perf_counter()
    others_names._model()
    load = time.perf_counter() - load
    model = others_names._model_spans
    others_names._model_spans = lambda text: []
    baseline = read_all(db, numbers)
    others_names._model_spans = model
    with_model = read_all(db, numbers)
    print(f"{len(numbers)} acts as an expert sees them; model loaded once in {load:.2f} s")
    print(f"without the NER model (baseline)  {baseline:7.2f} s  {1000 * baseline / len(numbers):6.1f} ms an act")
    print(f"with the NER model                {with_model:7.2f} s  {1000 * with_model / len(numbers):6.1f} ms an act"
          f"   ratio {with_model / baseline:5.1f}x")


if __name__ == "__main__":
    main()
