"""``saraptama db check`` and the window's check at start, against reading the file once.

The file is read with ``cat > /dev/null`` first (the baseline, and it warms the page cache the
same way for every figure); then the full check (integrity_check + foreign_key_check), the
quick check the window runs at start, and the window's cold start itself, so the share of the
start a check would cost is printed too.  Run on an existing demo database:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_db_check.py --data-dir /tmp/saraptama-bench/100k
or let it make one:  ... bench/bench_db_check.py --acts 100000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.services import backups, demo
from app.storage import DB_FILE, Database


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def window_start(data_dir: Path) -> float:
    shot = Path(tempfile.mkdtemp()) / "start.png"
    gui = Path(sys.executable).with_name("saraptama-gui")
    return seconds(lambda: subprocess.run([str(gui), "--data-dir", str(data_dir), "--tab", "waiting",
                                           "--screenshot", str(shot)], check=True, capture_output=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--acts", type=int, default=100_000)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="saraptama-bench-check-"))
    db = Database.open(data_dir=data_dir)
    if args.data_dir is None:
        demo.generate(db, acts=args.acts, experts=max(150, args.acts // 200))
    file = data_dir / DB_FILE
    read = min(seconds(lambda: subprocess.run(f"cat '{file}' > /dev/null", shell=True, check=True))
               for _ in range(3))
    full = seconds(lambda: backups.check(db))
    quick = seconds(db.quick_check)
    db.close()
    start = min(window_start(data_dir) for _ in range(2))
    size = file.stat().st_size / 2**20
    print(f"database {size:,.0f} MiB; baseline: reading the file once (cat) {read:.3f} s")
    print(f"db check (integrity_check + foreign keys)  {full:8.3f} s   ratio to reading {full / read:6.1f}x")
    print(f"quick_check (the window's check at start)  {quick:8.3f} s   ratio to reading {quick / read:6.1f}x")
    print(f"window cold start to first rows             {start:8.3f} s   quick_check = {quick / start:.0%} of it")
    print("the window runs the quick check in the background after it shows its rows"
          if quick > 0.1 * start else "a quick check would cost under 10 % of the start")


if __name__ == "__main__":
    main()
