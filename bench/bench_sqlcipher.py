"""Data at rest on an expert's laptop: the same work on the program's own
database as plain SQLite and as SQLCipher 4 (``sqlcipher3``, AES-256, the page cipher with its
default 256,000 PBKDF2 iterations to open the key), printed as a ratio encrypted / plain.

The work, on a fresh database each time, in the same process:
1. open — create the schema (the migrations) and open it again (the key derivation is paid
   on every connection);
2. fill — demonstration experts and acts (``demo.generate``), then the panels assigned;
3. decide — every act decided by its three experts, one transaction per decision, each checked
   by the MSE Rules and signed, the third routing the act (as ``bench_review``);
4. read — the acts with their persons and decisions read back 20 times (the lists an expert
   opens).
Then the cipher alone, without the program around it: 20,000 rows of 1 KB written in
transactions of 100 and scanned 5 times, with Python's sqlite3, with sqlcipher3 without a key
(the same SQLite build as SQLCipher, nothing encrypted) and with a key — the last two's ratio is
the price of the encryption itself, the first two's the difference of the SQLite builds.

    .venv/bin/pip install sqlcipher3   # wheels for Windows (win_amd64) and Linux (manylinux_2_28)
    .venv/bin/python bench/bench_sqlcipher.py [--acts 200] [--rounds 2]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_assign import DAY, prepare  # noqa: E402
from bench_review import three_decisions  # noqa: E402

from app import models as m  # noqa: E402
from app.services import assignment  # noqa: E402
from app.services.review import decisions  # noqa: E402
from app.storage import DB_FILE, Database  # noqa: E402

KEY = "bench-only-passphrase"  # a laptop's real key would come from the expert at sign-in


def url(folder: Path, encrypted: bool) -> str:
    file = folder / DB_FILE
    return f"sqlite+pysqlcipher://:{KEY}@/{file}" if encrypted else f"sqlite:///{file}"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def decide(db: Database) -> None:
    with db.session() as session:
        plan = [(act.number, [a.expert_id for a in decisions.current_assignments(act)], three_decisions(act, i))
                for i, act in enumerate(session.scalars(select(m.DraftAct).where(
                    m.DraftAct.status == m.ActStatus.UNDER_REVIEW).order_by(m.DraftAct.id)))]
    for number, experts, contents in plan:
        for expert, content in zip(experts, contents):
            with db.session() as session:
                decisions.submit(session, decisions.act_by_number(session, number), expert, content,
                                 DAY + timedelta(days=1), confirm_warnings=True)


def read(db: Database) -> None:
    for _ in range(20):
        with db.session() as session:
            session.scalars(select(m.DraftAct).options(
                selectinload(m.DraftAct.person),
                selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decisions))).all()


def fill(db: Database, acts: int) -> None:
    prepare(db, acts, max(60, acts // 2), specialties=False)
    with db.session() as session:
        assignment.assign_waiting(session, DAY + timedelta(hours=9), seed=3)


def run(acts: int, encrypted: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        target = url(Path(folder), encrypted)
        times = {"open": timed(lambda: Database.open(db_url=target).close())}
        db = Database.open(db_url=target)
        times["open"] += timed(lambda: db.engine.connect().close())  # a new connection derives the key again
        times["fill"] = timed(lambda: fill(db, acts))
        times["decide"] = timed(lambda: decide(db))
        times["read"] = timed(lambda: read(db))
        db.close()
        secret = b"general_disease"  # a decision's words: in the plain file, not in the encrypted one
        readable = secret in (Path(folder) / DB_FILE).read_bytes()
    print(f"{'sqlcipher' if encrypted else 'sqlite   '}: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
          + f"; decision text readable in the file: {readable}", flush=True)
    return times


def raw(connect, folder: Path, key: str | None) -> float:
    connection = connect(str(folder / "raw.db"))
    if key:
        connection.execute(f"PRAGMA key='{key}'")
    start = time.perf_counter()
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    for batch in range(200):
        with connection:
            connection.executemany("INSERT INTO t (body) VALUES (?)", [(f"{batch:05d}" + "ж" * 500,)] * 100)
    for _ in range(5):
        connection.execute("SELECT count(*), sum(length(body)) FROM t WHERE body LIKE '%x%'").fetchone()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def cipher_alone(rounds: int) -> None:
    import sqlcipher3

    kinds = {"sqlite3": (sqlite3.connect, None), "sqlcipher3, no key": (sqlcipher3.connect, None),
             "sqlcipher3, key": (sqlcipher3.connect, KEY)}
    totals = dict.fromkeys(kinds, 0.0)
    for _ in range(rounds):
        for name, (connect, key) in kinds.items():
            with tempfile.TemporaryDirectory() as folder:
                totals[name] += raw(connect, Path(folder), key)
    print("\nthe cipher alone (20,000 rows of 1 KB written, scanned 5 times):")
    for name, seconds in totals.items():
        print(f"  {name:20s} {seconds:.2f} s")
    print(f"  encryption itself: {totals['sqlcipher3, key'] / totals['sqlcipher3, no key']:.2f}x; "
          f"encrypted against Python's sqlite3: {totals['sqlcipher3, key'] / totals['sqlite3']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    plain: dict[str, float] = {}
    cipher: dict[str, float] = {}
    for _ in range(args.rounds):  # interleaved, so a slower moment of the machine falls on both
        for phase, seconds in run(args.acts, False).items():
            plain[phase] = plain.get(phase, 0) + seconds
        for phase, seconds in run(args.acts, True).items():
            cipher[phase] = cipher.get(phase, 0) + seconds
    print(f"\n{args.acts} acts, {args.rounds} rounds; ratio SQLCipher / SQLite:")
    for phase in plain:
        print(f"  {phase:7s} {cipher[phase] / plain[phase]:.2f}x  ({cipher[phase]:.2f} s / {plain[phase]:.2f} s)")
    print(f"  total   {sum(cipher.values()) / sum(plain.values()):.2f}x")
    cipher_alone(args.rounds)


if __name__ == "__main__":
    main()
