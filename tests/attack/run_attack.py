"""The outside attack's figures, re-runnable: attempts, held and failed by category.

    .venv/bin/python -m tests.attack.run_attack            # every category, a few minutes on two cores
    .venv/bin/python -m tests.attack.run_attack --quick    # a small subset of each (the test suite runs it)
    .venv/bin/python -m tests.attack.run_attack --verbose  # each attempt with its one-line reason

Each attempt is one hostile or careless act against the real program — ``saraptama`` commands in
processes of their own, a hub on 127.0.0.1 answering over HTTP, real database files, PDFs and logs —
made on databases made for the run (a demo of 200 acts, and a copy of it with accounts).  An attempt
is a small function returning an ``Outcome``: *held* when the program refuses it in one line (exit
2) and changes nothing, or scrubs, detects or survives what it must; *failed* otherwise, with a
one-line reason.  Categories: sign-in and roles, hub API, audit trail, signatures,
depersonalisation, crashes (kill -9 during intake, demo and push), bad input, logs, and the
``--out`` paths, damaged database and low items of the second round.  The exit status is 1 when
anything failed.
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
from dataclasses import dataclass
from pathlib import Path

from app.cli import main as cli_main
from app.storage import DB_FILE

CLI = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
TIMEOUT = 60
MEMORY = 2 * 2**30  # a process reading /dev/zero whole stops here, not at the machine's end


@dataclass
class Outcome:
    """What one attempt came to: held or failed, and why in one line."""

    held: bool
    reason: str


def outcome(held: bool, result: tuple[int, str, str] | str) -> Outcome:
    """``held`` with the program's answer as the reason (its exit and first line)."""
    if isinstance(result, str):
        return Outcome(held, result)
    code, out, err = result
    line = next((text.strip() for text in (err, out) if text.strip()), "")
    return Outcome(held, f"exit {code}: {line.splitlines()[0][:110] if line else '(nothing said)'}")


def _bounded_memory() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


class Attack:
    def __init__(self, work: Path, quick: bool = False, verbose: bool = False):
        self.work = work
        self.data = work / "data"
        self.quick, self.verbose = quick, verbose
        self.results: dict[str, Counter] = {}
        self.failures: list[str] = []
        self.secrets: dict[str, set[str]] = {}  # what the attempts handed the program, looked for in its logs
        self.last: tuple[int, str, str] | None = None

    # -- running the program ------------------------------------------------------------------------
    def cli(self, *argv, data: Path | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["--data-dir", str(data or self.data), *map(str, argv)])
        return code, out.getvalue(), err.getvalue()

    def cli_process(self, *argv, env: dict | None = None) -> tuple[int, str, str]:
        """``saraptama ARGV`` in a process of its own (a hang fails); ``env`` adds variables
        (``SARAPTAMA_PASSWORD``, …)."""
        try:
            done = subprocess.run([sys.executable, "-W", "ignore", "-c", CLI, *map(str, argv)], capture_output=True,
                                  text=True, timeout=TIMEOUT, preexec_fn=_bounded_memory,
                                  env={**os.environ, **(env or {})})
        except subprocess.TimeoutExpired:
            return -1, "", "hung"
        return done.returncode, done.stdout, done.stderr

    def saraptama(self, data: Path, *argv, user: str | None = None, password: str | None = None,
                  **env: str) -> tuple[int, str, str]:
        """``saraptama --data-dir DATA [--user USER] ARGV`` in its own process, signed in with ``password``."""
        signed = ("--user", user) if user else ()
        variables = {**env, **({"SARAPTAMA_PASSWORD": password} if password is not None else {})}
        return self.cli_process("--lang", "en", "--data-dir", data, *signed, *argv, env=variables)

    def attempt(self, category: str, name: str, function: Callable[[], Outcome]) -> None:
        """Runs one attempt; one that raises has failed, the exception its reason."""
        try:
            result = function()
        except Exception as error:  # noqa: BLE001 - an attempt that breaks the harness is reported, not hidden
            first = str(error).splitlines()[0][:100] if str(error) else ""
            result = Outcome(False, f"raised {type(error).__name__}: {first}")
        self.record(category, name, result.held, result.reason)

    def record(self, category: str, name: str, held: bool, reason: str = "") -> None:
        """One attempt's outcome; without a reason, the program's last answer is it."""
        if not reason:
            reason = outcome(held, self.last).reason if self.last else ("held" if held else "failed")
        self.last = None
        self.results.setdefault(category, Counter())["held" if held else "failed"] += 1
        if not held:
            self.failures.append(f"{category}: {name} — {reason}")
        if self.verbose:
            print(f"  {'held' if held else 'FAILED':<7}{category}: {name} — {reason}")

    def refused(self, result: tuple[int, str, str]) -> bool:
        self.last = result  # the reason of the next ``record``
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
        for writer, argv in list(writers.items())[:1 if self.quick else None]:
            suffix = suffixes[writer]
            targets = {"the database": self.data / DB_FILE, "its WAL": self.data / f"{DB_FILE}-wal",
                       "its shared memory": self.data / f"{DB_FILE}-shm", "a backup": backup, "a data file": own}
            if self.quick:
                targets = {"the database": targets["the database"]}
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
        commands = (("export", "incoming", "--out", self.work / "incoming.csv"),
                    ("export", "incoming", "--out", self.work / "incoming.xlsx"),
                    ("tick", "--at", "2025-07-01T10:00"), ("assign", "--at", "2025-07-01T10:00"),
                    ("acts", "list"), ("print", "waiting-list", "--out", self.work / "w.pdf"))
        for argv in commands[:2 if self.quick else None]:
            held = self.refused(self.cli(*argv, data=damaged)) and (damaged / DB_FILE).stat().st_size == size
            self.record("damaged database", " ".join(a.name if isinstance(a, Path) else a for a in argv), held)

    def bad_input(self) -> None:
        from app.services.intake import samples
        from tests.unit.test_hostile_input import AT, RECEIVED
        make = samples.Samples(RECEIVED.date(), seed=77)
        folder, lookups = samples.write_batch(self.work / "in", [make.valid() for _ in range(3)], make.lookups)
        bad = folder / "000002.json"
        bad.write_text(bad.read_text(encoding="utf-8")[:-1] + ', "x": ' + "7" * 5000 + "}", encoding="utf-8")
        code, out, _err = self.cli("intake", "import", "--lookups", lookups, "--received-at", AT, folder)
        outcomes = json.loads(out) if code == 0 else []
        accepted = [o["accepted"] for o in outcomes]
        self.record("bad input", "a 5,000-digit number in one package of a folder", accepted == [True, False, True],
                    f"exit {code}, accepted {accepted}")
        fifo = self.work / "pipe.json"
        if not fifo.exists():
            os.mkfifo(fifo)
        for name, argv in (("/dev/zero to intake check", ("intake", "check", "--lookups", lookups, "/dev/zero")),
                           ("/dev/zero to acts receive", ("acts", "receive", "/dev/zero")),
                           ("a pipe to calendar import", ("calendar", "import", fifo)),
                           ("a pipe to acts receive", ("acts", "receive", fifo)))[:1 if self.quick else None]:
            self.record("bad input", name, self.refused(self.cli_process("--data-dir", self.data, *argv)))
        if self.quick:
            return
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


def run(*, quick: bool = False, people: int = 15, verbose: bool = False) -> Attack:
    """Every category against databases made for the run in a folder removed afterwards."""
    from tests.attack import faults, insider
    with tempfile.TemporaryDirectory(prefix="saraptama-attack-") as folder:
        attack = Attack(Path(folder), quick=quick, verbose=verbose)
        attack.cli("demo", "--acts", "200", "--experts", "30", "--seed", "7")
        insider.roles(attack)
        insider.hub_api(attack)
        insider.audit_trail(attack)
        faults.signatures(attack)
        attack.depersonalisation(1 if quick else people)
        faults.crashes(attack)
        attack.bad_input()
        attack.out_paths()
        attack.damaged()
        attack.low_items()
        insider.logs(attack)
        return attack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=15, help="people of the depersonalisation round (21 forms each)")
    parser.add_argument("--quick", action="store_true", help="a small subset of each category (the test suite's)")
    parser.add_argument("--verbose", action="store_true", help="each attempt with its reason")
    args = parser.parse_args(argv)
    return run(quick=args.quick, people=args.people, verbose=args.verbose).report()


if __name__ == "__main__":
    sys.exit(main())
