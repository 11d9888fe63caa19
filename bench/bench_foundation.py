"""Foundation benchmark: demo data, window cold start and list filtering at 100,000 acts.

Each figure is printed with a baseline measured in the same run on the same machine, and
their ratio, so runs on different machines compare.  Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_foundation.py [--acts 100000]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.services import demo
from app.services.listings import LISTINGS
from app.storage import DB_FILE, Database

HERE = Path(__file__).resolve().parent


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def best_of(n: int, function, *args, **kwargs) -> float:
    return min(timed(function, *args, **kwargs)[0] for _ in range(n))


def report(name: str, seconds: float, baseline_name: str, baseline: float) -> None:
    print(f"{name:<44} {seconds:8.3f} s   baseline ({baseline_name}) {baseline:8.3f} s   "
          f"ratio {seconds / baseline:7.1f}x")


def raw_insert_baseline(folder: Path, rows: int) -> float:
    """The floor: the same number of act-sized rows through plain sqlite3, no objects."""
    with sqlite3.connect(folder / "baseline.db") as connection:
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, number TEXT, registered TEXT, diagnosis TEXT)")
        start = time.perf_counter()
        connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?)",
                               ((i, f"20250303{i:06d}", "2025-03-03 10:00:00", "C16.2") for i in range(rows)))
        connection.commit()
        return time.perf_counter() - start


def gui(data_dir: Path, out: Path, *extra: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ui", "--data-dir", str(data_dir), "--lang", "ru",
                    "--screenshot", str(out), *extra], check=True, env=env)
    return time.perf_counter() - start


def bare_qt_start(out: Path) -> float:
    """A QApplication with one widget, grabbed to PNG: what any Qt program pays."""
    code = ("import sys;from PySide6.QtWidgets import QApplication,QLabel;a=QApplication(sys.argv);"
            f"w=QLabel('x');w.resize(1366,768);w.show();a.processEvents();w.grab().save(r'{out}')")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=100_000)
    parser.add_argument("--experts", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"Saraptama foundation benchmark, {args.acts} acts, {args.experts} experts")

        db = Database.open(data_dir=folder / "data")
        seconds, _ = timed(demo.generate, db, acts=args.acts, experts=args.experts)
        report(f"demo data ({args.acts} acts)", seconds, "plain sqlite3 insert of as many rows",
               raw_insert_baseline(folder, args.acts))
        size = (folder / "data" / DB_FILE).stat().st_size
        print(f"{'database size':<44} {size / 2**20:8.1f} MiB")

        with db.session() as session:
            for name in ("waiting", "incoming"):  # the department's waiting list, and all 100,000 acts
                listing = LISTINGS[name]
                id_scan = listing.source.with_only_columns(listing.row_id)
                scan = best_of(3, lambda query=id_scan: session.execute(query).all())
                total = len(listing.ids(session))
                for term in ("c50", "сахарный", "ова", "000012"):
                    seconds = best_of(3, listing.ids, session, term)
                    found = len(listing.ids(session, term))
                    report(f"{name} filter '{term}' ({found}/{total} rows)", seconds, "unfiltered id scan", scan)
                seconds = best_of(3, listing.ids, session, "", 0, True)
                report(f"{name} sorted by first column, descending", seconds, "unfiltered id scan", scan)
        db.close()

        bare = min(bare_qt_start(folder / "bare.png") for _ in range(2))
        for tab in ("waiting", "incoming"):
            seconds = min(gui(folder / "data", folder / f"{tab}.png", "--tab", tab) for _ in range(2))
            report(f"window cold start to first rows ({tab})", seconds, "bare Qt widget start", bare)


if __name__ == "__main__":
    main()
