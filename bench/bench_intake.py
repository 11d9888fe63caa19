"""Intake benchmark: 10,000 form 031/у packages (about a fifth failing one App 5 check each),
imported from a folder into an embedded SQLite database, each package committed or rolled back
whole (App 5 checks, depersonalisation, numbering, notices).

Printed as packages per second (wall clock, and CPU time of the process: everything runs in
it, SQLite included, so the second figure holds on a shared machine too), with the ratio to a
baseline measured in the same run on the same files: only reading and parsing each file with
``json.load``.  Run:

    .venv/bin/python bench/bench_intake.py [--packages 10000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app import models as m
from app.adapters.lookups import load_registers
from app.domain.clock import KZ_TIME
from app.services import assignment, demo
from app.services.intake import Intake, samples
from app.storage import Database

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)


def parse_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with open(path, encoding="utf-8") as file:
            json.load(file)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--packages", type=int, default=10_000)
    parser.add_argument("--invalid-share", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        packages, lookups = samples.batch(args.packages, RECEIVED.date(), invalid_share=args.invalid_share)
        package_dir, lookups_dir = samples.write_batch(folder, packages, lookups)
        files = sorted(package_dir.glob("*.json"))
        db = Database.open(data_dir=folder / "data")
        with db.session() as session:  # departments and experts in every region, as a working database has
            builder = demo.DemoBuilder(session, demo.random.Random(1), RECEIVED, None)
            builder.experts(500, builder.departments())
        intake = Intake(db, load_registers(lookups_dir), RECEIVED)
        baseline = min(parse_only(files) for _ in range(3))
        start, cpu_start = time.perf_counter(), time.process_time()
        outcomes = [intake.import_file(path) for path in files]  # each package its own transaction
        imported = time.perf_counter() - start
        with db.session() as session:  # then one selection run, as Intake.import_files does
            assignment.assign_waiting(session, RECEIVED)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        with db.session() as session:
            acts = session.scalar(select(func.count(m.DraftAct.id)))
            panelled = session.scalar(select(func.count(m.DraftAct.id)).where(
                m.DraftAct.status == m.ActStatus.UNDER_REVIEW))
        db.close()
    accepted = sum(o.accepted for o in outcomes)
    assert acts == accepted and not any(o.error for o in outcomes)
    rate, baseline_rate = len(files) / seconds, len(files) / baseline
    print(f"Saraptama intake benchmark: {len(files)} packages, {accepted} accepted, {len(files) - accepted} rejected, "
          f"{panelled} given three experts")
    print(f"{'intake import (checks, numbering, text index)':<46} {imported:7.2f} s   "
          f"{len(files) / imported:8.0f} packages/s")
    print(f"{'expert selection for the accepted acts':<46} {seconds - imported:7.2f} s")
    print(f"{'intake import + expert selection':<46} {seconds:7.2f} s   {rate:8.0f} packages/s")
    print(f"{'  the same, in CPU time of this process':<46} {cpu_seconds:7.2f} s   "
          f"{len(files) / cpu_seconds:8.0f} packages/s   (other load on the machine cannot inflate it)")
    print(f"{'baseline: json.load of the same files':<46} {baseline:7.2f} s   {baseline_rate:8.0f} packages/s")
    print(f"{'ratio (import time / parse time)':<46} {seconds / baseline:7.1f}x")


if __name__ == "__main__":
    main()
