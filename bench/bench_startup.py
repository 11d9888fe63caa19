"""Start-up benchmark: how long a command or the window takes to start, each as a ratio to a
baseline measured in the same run (the least of several runs of each, taken in turns):

    saraptama --version, --help          within 6x a bare interpreter start
    saraptama acts list --limit 20       within 2x an interpreter that imports SQLAlchemy
    the window's first rows at N acts    within 5x a bare Qt widget start
    a plain start's first rows (registry) within 5x a bare Qt widget start
    the sign-in form at N acts           within 5x a bare Qt widget start

The window's figure ends when the rows of its list are painted (``saraptama-gui --screenshot
FILE --first-rows``: the window's quick start, ``ui/first_rows.py``, grabbed then), on the incoming
list and on the registry's tab that a plain ``saraptama-gui`` opens on; the time until
the whole window is ready (every tab, menu and count) is printed beside it for comparison.  On a
database with accounts the start shows the sign-in form first (``ui.main.sign_in_at_start``): its
figure ends when the form is painted and answers (a copy of the folder's database with one account,
in a temporary folder).

The command runs on a small demonstration database in a temporary folder; the window on a folder
of N acts (100,000 by default), made once into ``--window-data`` and reused (making it takes
minutes).  Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--window-data DIR] [--acts N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_foundation import bare_qt_start, gui

from app.services import demo
from app.storage import Database

LIMITS = {"version": 6, "help": 6, "acts list": 2, "window": 5, "plain start": 5, "sign-in": 5}
ROOT = Path(__file__).resolve().parent.parent


def compiled_program() -> None:
    """The program's modules as bytecode, as an installed program runs (pip and the Windows build
    compile them; the baselines' libraries are compiled at install too): a checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start."""
    for package in ("app", "ui", "i18n"):
        compileall.compile_dir(ROOT / package, quiet=1)


def command_line() -> list[str]:
    """The installed ``saraptama`` beside this interpreter (as a user starts it), else ``-m app.cli``."""
    script = Path(sys.executable).with_name("saraptama")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def run_time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return time.perf_counter() - start


def least_in_turns(runs: int, commands: dict[str, list[str]]) -> dict[str, float]:
    """Each command's least time over ``runs`` rounds, the commands taken in turns (a busy
    moment of the machine then weighs on all of them alike)."""
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(runs):
        for name, argv in commands.items():
            best[name] = min(best[name], run_time(argv))
    return best


def verdict(name: str, seconds: float, baseline_name: str, baseline: float) -> bool:
    ratio = seconds / baseline
    ok = ratio <= LIMITS[name]
    print(f"{name:<12} {seconds:7.3f} s   {baseline_name:<28} {baseline:7.3f} s   ratio {ratio:5.1f}x "
          f"(limit {LIMITS[name]}x) {'ok' if ok else 'TOO SLOW'}")
    return ok


def command_figures(runs: int) -> bool:
    saraptama = command_line()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        db = Database.open(data_dir=data)
        demo.generate(db, acts=200, experts=30)
        db.close()
        times = least_in_turns(runs, {
            "bare": [sys.executable, "-c", "pass"],
            "sqlalchemy": [sys.executable, "-c", "import sqlalchemy"],
            "version": [*saraptama, "--version"],
            "help": [*saraptama, "--help"],
            "acts list": [*saraptama, "--data-dir", str(data), "acts", "list", "--limit", "20"],
        })
    return all([verdict("version", times["version"], "bare interpreter start", times["bare"]),
                verdict("help", times["help"], "bare interpreter start", times["bare"]),
                verdict("acts list", times["acts list"], "import sqlalchemy", times["sqlalchemy"])])


def window_figures(folder: Path, acts: int, runs: int) -> bool:
    db = Database.open(data_dir=folder)
    if not _has_acts(db):
        print(f"making {acts:,} demonstration acts in {folder} (once)")
        demo.generate(db, acts=acts, experts=500)
    db.close()
    shots = Path(tempfile.mkdtemp(prefix="saraptama-startup-"))
    protected = with_an_account(folder, shots / "protected")
    bare = window = plain = whole = signing = float("inf")
    for _ in range(runs):
        bare = min(bare, bare_qt_start(shots / "bare.png"))
        window = min(window, gui(folder, shots / "window.png", "--tab", "incoming", "--first-rows"))
        plain = min(plain, gui(folder, shots / "plain.png", "--first-rows"))
        whole = min(whole, gui(folder, shots / "whole.png", "--tab", "incoming"))
        signing = min(signing, sign_in_form(protected, shots / "sign-in.png"))
    shutil.rmtree(protected)
    print(f"{'(all of it)':<12} {whole:7.3f} s   the window with every tab, menu and count, for comparison "
          f"(ratio {whole / bare:.1f}x)")
    completion_pauses(folder)
    print(f"the screenshots: {shots}")
    baseline = f"bare Qt widget ({acts:,} acts)"
    return all([verdict("window", window, baseline, bare),
                verdict("plain start", plain, baseline, bare),
                verdict("sign-in", signing, baseline, bare)])


def with_an_account(folder: Path, copy: Path) -> Path:
    """A copy of ``folder``'s database on which sign-in is on (one administrator)."""
    from app.domain.permissions import Role
    from app.services import accounts

    copy.mkdir(parents=True)
    shutil.copy2(folder / "saraptama.db", copy / "saraptama.db")
    db = Database.open(data_dir=copy)
    with db.session() as session:
        accounts.add(session, "admin", Role.ADMIN, "bench-password")
    db.close()
    return copy


# The program's start (``ui.main.main``) until its sign-in form is painted and its event loop turns:
# the form is grabbed then and the process ends at once.
SIGN_IN_FORM = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
import ui.main as main

class Shown(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and type(watched).__name__ == "SignInDialog":
            QTimer.singleShot(0, lambda: (watched.grab().save(sys.argv[2]), os._exit(0)))
        return False

sys.exit(main.main(["--data-dir", sys.argv[1], "--lang", "ru"], watch=Shown()))
"""


def sign_in_form(folder: Path, out: Path) -> float:
    return run_time([sys.executable, "-c", SIGN_IN_FORM, str(folder), str(out)])


# The window after its first rows are painted: how long until all of it is ready, and the longest
# its event loop did not turn meanwhile (a 10 ms timer), while the rest is imported and added.
PAUSES = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.storage import Database
from ui import first_rows, tasks
from ui.main_window import MainWindow
db = Database.open(data_dir=sys.argv[1])
window = MainWindow(db, tab="incoming", first_rows=first_rows.plan(db, "incoming"))
ticks = []
timer = QTimer(interval=10, timeout=lambda: ticks.append(time.perf_counter()))
def painted():
    ticks.append(time.perf_counter())
    timer.start()
    window.complete()
def ready():
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    print(f"{time.perf_counter() - ticks[0]:.3f} {max(gaps):.3f} {sum(g > 0.1 for g in gaps)}")
    app.exit(0)
window.first_rows_painted.connect(painted)
window.ready.connect(ready)
window.resize(1366, 768)
window.show()
app.exec()
tasks.wait_for_worker()
db.close()
"""


def completion_pauses(folder: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PAUSES, str(folder)], check=True, capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    rest, longest, long_ones = done.stdout.split()
    print(f"{'(the rest)':<12} {float(rest):7.3f} s   after the first rows until all of it is ready; the window's "
          f"longest pause meanwhile {float(longest) * 1000:.0f} ms ({long_ones} over 100 ms)")


def _has_acts(db: Database) -> bool:
    from app import models as m

    with db.session() as session:
        return session.query(m.DraftAct.id).first() is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of each measurement (the least counts)")
    parser.add_argument("--window-data", type=Path, help="folder of the window's demonstration database (reused)")
    parser.add_argument("--acts", type=int, default=100_000, help="acts in the window's database")
    parser.add_argument("--no-window", action="store_true", help="the commands only")
    args = parser.parse_args()
    print(f"Saraptama start-up benchmark ({args.runs} rounds, the least of each)")
    compiled_program()
    ok = command_figures(args.runs)
    if not args.no_window:
        folder = args.window_data or Path(tempfile.mkdtemp(prefix="saraptama-window-"))
        ok = window_figures(folder, args.acts, max(2, args.runs // 2)) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
