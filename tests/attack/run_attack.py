"""The outside attack's figures, re-runnable: attempts, held and failed by category.

    .venv/bin/python -m tests.attack.run_attack            # about two minutes on two cores
    .venv/bin/python -m tests.attack.run_attack --people 5  # a shorter depersonalisation round

Each attempt is one hostile or careless act against a real database made for the run (a demo of
200 acts): an ``--out`` aimed at the database, its companions, its backups or through a link; a
depersonalised copy holding a planted spelling of a person's data (``depersonalisation.py``); a
command on a file with a damaged page; a bad input (a number of 5,000 digits, a device, a pipe, a
NUL, a year 9999, a missing folder); the low items (a full disk where the machine lets a small file
system be mounted, a hub header of odd digits, a PDF updated after its signature).  An attempt is
*held* when the program refuses it in one line (exit 2) and changes nothing, or scrubs what it must.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from app.cli import main as cli_main
from app.storage import DB_FILE

CLI = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
TIMEOUT = 60


class Attack:
    def __init__(self, work: Path):
        self.work = work
        self.data = work / "data"
        self.results: dict[str, Counter] = {}
        self.failures: list[str] = []

    # -- running the program ------------------------------------------------------------------------
    def cli(self, *argv, data: Path | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["--data-dir", str(data or self.data), *map(str, argv)])
        return code, out.getvalue(), err.getvalue()

    def cli_process(self, *argv) -> tuple[int, str, str]:
        """In a process of its own, for what could hang (a pipe, ``/proc/self``): a hang fails."""
        try:
            done = subprocess.run([sys.executable, "-W", "ignore", "-c", CLI, *map(str, argv)], capture_output=True,
                                  text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return -1, "", "hung"
        return done.returncode, done.stdout, done.stderr

    def record(self, category: str, name: str, held: bool) -> None:
        self.results.setdefault(category, Counter())["held" if held else "failed"] += 1
        if not held:
            self.failures.append(f"{category}: {name}")

    def refused(self, result: tuple[int, str, str]) -> bool:
        code, _out, err = result
        return code == 2 and err.count("\n") == 1 and "Traceback" not in err

    # -- the database ---------------------------------------------------------------------------------
    def sound(self, data: Path | None = None) -> bool:
        with contextlib.closing(sqlite3.connect((data or self.data) / DB_FILE)) as connection:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"

    def expert(self) -> str:
        with contextlib.closing(sqlite3.connect(self.data / DB_FILE)) as connection:
            return str(connection.execute("SELECT expert_id FROM assignment ORDER BY id LIMIT 1").fetchone()[0])

    # -- categories -----------------------------------------------------------------------------------
    def out_paths(self) -> None:
        backup = self.data / "backups" / "saraptama-20250101-000000-0-daily.db"
        if not backup.exists():
            self.cli("db", "backup", "--out", backup)
        own = self.data / "own.csv"
        own.write_text("kept", encoding="utf-8")
        link_folder = self.work / "links"
        link_folder.mkdir(exist_ok=True)
        writers: dict[str, Callable[[Path], tuple]] = {
            "acts export": lambda t: ("acts", "export", "--expert", self.expert(), "--out", t),
            "print waiting-list": lambda t: ("print", "waiting-list", "--out", t),
            "export registry": lambda t: ("export", "registry", "--out", t),
            "export incoming": lambda t: ("export", "incoming", "--out", t),
        }
        suffixes = {"acts export": ".json", "print waiting-list": ".pdf", "export registry": ".csv",
                    "export incoming": ".xlsx"}
        for writer, argv in writers.items():
            suffix = suffixes[writer]
            targets = {"the database": self.data / DB_FILE, "its WAL": self.data / f"{DB_FILE}-wal",
                       "its shared memory": self.data / f"{DB_FILE}-shm", "a backup": backup, "a data file": own}
            for name, target in targets.items():
                link = link_folder / f"{writer.replace(' ', '-')}-{name.replace(' ', '-')}{suffix}"
                link.unlink(missing_ok=True)
                link.symlink_to(target)
                hard = link_folder / f"hard-{link.name}"
                hard.unlink(missing_ok=True)
                aims = {f"a link to {name}": link}
                if name == "the database":
                    os.link(target, hard)
                    aims["a hard link to the database"] = hard
                if suffix == ".json":
                    aims[name] = target
                for aim_name, aim in aims.items():
                    before = target.read_bytes() if target.exists() else None
                    held = self.refused(self.cli(*argv(aim))) and self.sound() and \
                        (before is None or target.read_bytes() == before or target.name.endswith(("-wal", "-shm")))
                    self.record("out-path", f"{writer} --out {aim_name}", held)

    def depersonalisation(self, people: int) -> None:
        from app.storage import Database
        from tests.attack.depersonalisation import measure
        folder = self.work / "planted"
        db = Database.open(data_dir=folder / "data", user="attack")
        try:
            leaked, planted, by_form = measure(db, folder, people)
        finally:
            db.close()
        self.results["depersonalisation"] = Counter(held=planted - leaked, failed=leaked)
        self.failures += [f"depersonalisation: {form} ({count})" for form, count in by_form.items()]

    def damaged(self) -> None:
        damaged = self.work / "damaged"
        shutil.copytree(self.data, damaged, ignore=shutil.ignore_patterns("backups", "logs", "own.csv"))
        _drop_a_row(damaged / DB_FILE)
        size = (damaged / DB_FILE).stat().st_size
        for argv in (("export", "incoming", "--out", self.work / "incoming.csv"),
                     ("export", "incoming", "--out", self.work / "incoming.xlsx"),
                     ("tick", "--at", "2025-07-01T10:00"), ("assign", "--at", "2025-07-01T10:00"),
                     ("acts", "list"), ("print", "waiting-list", "--out", self.work / "w.pdf")):
            held = self.refused(self.cli(*argv, data=damaged)) and (damaged / DB_FILE).stat().st_size == size
            self.record("damaged database", " ".join(map(str, argv[:2])), held)

    def bad_input(self) -> None:
        from app.services.intake import samples
        from tests.unit.test_hostile_input import AT, RECEIVED
        make = samples.Samples(RECEIVED.date(), seed=77)
        folder, lookups = samples.write_batch(self.work / "in", [make.valid() for _ in range(3)], make.lookups)
        bad = folder / "000002.json"
        bad.write_text(bad.read_text(encoding="utf-8")[:-1] + ', "x": ' + "7" * 5000 + "}", encoding="utf-8")
        code, out, _err = self.cli("intake", "import", "--lookups", lookups, "--received-at", AT, folder)
        outcomes = json.loads(out) if code == 0 else []
        self.record("bad input", "a 5,000-digit number in one package of a folder",
                    [o["accepted"] for o in outcomes] == [True, False, True])
        fifo = self.work / "pipe.json"
        if not fifo.exists():
            os.mkfifo(fifo)
        for name, argv in (("/dev/zero to intake check", ("intake", "check", "--lookups", lookups, "/dev/zero")),
                           ("/dev/zero to acts receive", ("acts", "receive", "/dev/zero")),
                           ("a pipe to calendar import", ("calendar", "import", fifo)),
                           ("a pipe to acts receive", ("acts", "receive", fifo))):
            self.record("bad input", name, self.refused(self.cli_process("--data-dir", self.data, *argv)))
        self.record("bad input", "--data-dir /proc/self",
                    self.refused(self.cli_process("--data-dir", "/proc/self", "acts", "list")))
        missing = self.work / "nonexistent" / "dir"
        self.record("bad input", "--db-url in a missing folder",
                    self.refused(self.cli_process("--db-url", f"sqlite:///{missing}/x.db", "acts", "list"))
                    and not missing.parent.exists())
        for at in ("9999-12-31T23:59", "0001-01-01T00:00"):
            self.record("bad input", f"assign --at {at}", self.refused(self.cli("assign", "--at", at)))
        decree = self.work / "decree.json"
        for name, entries in (("year 0001", [{"date": "0001-01-01", "working": False}]),
                              ("year 9999", [{"date": "9999-12-31", "working": False}]),
                              ("a repeated day", [{"date": "2026-03-23", "working": False}] * 2),
                              ("an object as note", [{"date": "2026-03-23", "working": False, "note": {}}]),
                              ("a NUL in a note", [{"date": "2026-03-23", "working": False, "note": "a\u0000"}])):
            decree.write_text(json.dumps(entries), encoding="utf-8")
            self.record("bad input", f"calendar import: {name}", self.refused(self.cli("calendar", "import", decree)))

    def low_items(self) -> None:
        full = self.work / "full"
        full.mkdir(exist_ok=True)
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)], capture_output=True).returncode == 0
        if not mounted:
            print("(disk full: not tried, mounting a small file system needs root)")
            return
        try:
            with (full / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
                while True:
                    filler.write(b"x" * 1024)
            for argv in (("print", "waiting-list", "--out", full / "l.pdf"),
                         ("export", "registry", "--out", full / "r.xlsx"),
                         ("export", "registry", "--out", full / "r.csv"),
                         ("db", "backup", "--out", full / "copy.db")):
                held = self.refused(self.cli(*argv)) and sorted(p.name for p in full.iterdir()) == ["filler"]
                self.record("low items", f"disk full: {' '.join(map(str, argv[:2]))}", held)
        finally:
            subprocess.run(["umount", "-l", str(full)], check=False)

    def report(self) -> int:
        total = Counter()
        print(f"{'category':<20}{'attempts':>10}{'held':>8}{'failed':>8}")
        for category, counts in self.results.items():
            attempts = counts["held"] + counts["failed"]
            total.update(counts)
            print(f"{category:<20}{attempts:>10}{counts['held']:>8}{counts['failed']:>8}")
        print(f"{'all':<20}{total['held'] + total['failed']:>10}{total['held']:>8}{total['failed']:>8}")
        for failure in self.failures:
            print("  failed:", failure)
        return 1 if self.failures else 0


def _drop_a_row(path: Path) -> None:
    from tests.unit.test_backups import _drop_a_row_silently
    _drop_a_row_silently(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=15, help="people of the depersonalisation round (21 forms each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="saraptama-attack-") as folder:
        attack = Attack(Path(folder))
        attack.cli("demo", "--acts", "200", "--experts", "30", "--seed", "7")
        attack.out_paths()
        attack.damaged()
        attack.bad_input()
        attack.low_items()
        attack.depersonalisation(args.people)
        return attack.report()


if __name__ == "__main__":
    sys.exit(main())
