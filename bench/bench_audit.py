"""Audit chain benchmark: what chaining costs a unit of work, and how long
``audit verify`` takes over a long trail.

Units of work of ``--per-unit`` audit entries each are written twice in the same run: the
baseline inserts the rows as the program did before the chain (one executemany per unit), the
chained run through ``app.services.audit.append`` (head locked, hashes computed, head updated).
Then the chain is verified, against the baseline of reading the same rows without checking.

    .venv/bin/python bench/bench_audit.py [--units 2000] [--per-unit 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete, select

from app import models as m
from app.services import audit
from app.storage import Database

ENTRIES = m.AuditEntry.__table__


def units(count: int, per_unit: int):
    for number in range(count):
        yield [audit.entry("bench", "update", "draft_act", number, {"status": "waiting", "due_at": "2025-03-19"},
                           {"status": "registered", "due_at": None}) for _ in range(per_unit)]


def write(db: Database, count: int, per_unit: int, chained: bool) -> float:
    with db.engine.begin() as connection:
        connection.execute(delete(ENTRIES))
        connection.execute(delete(m.AuditHead.__table__))
    started = time.perf_counter()
    for entries in units(count, per_unit):
        with db.engine.begin() as connection:
            if chained:
                audit.append(connection, entries)
            else:
                connection.execute(ENTRIES.insert(), entries)
    return time.perf_counter() - started


def read(db: Database) -> float:
    started = time.perf_counter()
    with db.session() as session:
        for _row in session.execute(select(ENTRIES).execution_options(yield_per=2000)):
            pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--per-unit", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(data_dir=Path(folder))
        plain = write(db, args.units, args.per_unit, chained=False)
        chained = write(db, args.units, args.per_unit, chained=True)
        baseline_read = read(db)
        started = time.perf_counter()
        with db.session() as session:
            verdict = audit.verify(session)
        verify = time.perf_counter() - started
        db.close()
    total = args.units * args.per_unit
    print(f"{args.units} units of work x {args.per_unit} entries = {total} entries")
    print(f"write plain   {plain:7.2f} s  ({plain / args.units * 1000:.2f} ms per unit)")
    print(f"write chained {chained:7.2f} s  ({chained / args.units * 1000:.2f} ms per unit)  "
          f"ratio {chained / plain:.2f}")
    print(f"read rows     {baseline_read:7.2f} s")
    print(f"audit verify  {verify:7.2f} s  ratio {verify / baseline_read:.2f}  {verdict}")


if __name__ == "__main__":
    main()
