"""What telling the window a unit of work's changes costs: every statement passes one engine hook
(``app.storage._note_written``) that notes the table an INSERT, UPDATE or DELETE wrote.

The same units of work (a read and a write each, ``--statements`` in all) run with the hook and,
as the baseline in the same run, with it removed; best of ``--rounds``.

    .venv/bin/python bench/bench_changes.py [--statements 4000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete, event, insert, select

from app import models as m
from app.storage import Database, _note_written


def units_of_work(db: Database, statements: int) -> float:
    with db.session() as session:
        session.execute(delete(m.Setting).where(m.Setting.key.like("bench%")))
    started = time.perf_counter()
    for number in range(statements // 2):
        with db.session() as session:
            session.execute(select(m.Region.code).where(m.Region.code == "75"))
            session.execute(insert(m.Setting).values(key=f"bench{number}", value="v"))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    db = Database.open(data_dir=Path(tempfile.mkdtemp(prefix="saraptama-bench-changes-")))
    told = []
    db.on_change(told.append)
    hooked, bare = [], []
    for _ in range(args.rounds):
        hooked.append(units_of_work(db, args.statements))
        event.remove(db.engine, "after_execute", _note_written)
        bare.append(units_of_work(db, args.statements))
        event.listen(db.engine, "after_execute", _note_written)
    print(f"{args.statements} statements in {args.statements // 2} units of work: with the hook {min(hooked):.3f} s, "
          f"without {min(bare):.3f} s, ratio {min(hooked) / min(bare):.3f}; {len(told)} changes told")
    db.close()


if __name__ == "__main__":
    main()
