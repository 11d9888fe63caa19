"""Sync benchmark: the hub as a real process (``saraptama hub serve``) on 127.0.0.1.

1. **Push** of 10,000 expert decisions over HTTP (batches of 100, as the client sends them), each
   checked by the MSE Rules, signed and recorded with its command id by the hub — against a raw
   bulk insert of the same 10,000 rows into the same table of the same database.
2. **Pull** of 10,000 acts (the Committee's projection, batches of 200, each stored with its cursor
   in the device's database) — against a raw bulk insert of the same records into a device database.
3. **50 expert laptops at once**: each pulls its acts, decides three of them offline, and syncs
   again; requests per second over each round and the slowest single sync.

    .venv/bin/python bench/bench_sync.py [--acts 10000] [--decisions 10000] [--clients 50]
    .venv/bin/python bench/bench_sync.py --postgres     # the hub on a throw-away PostgreSQL server

The demonstration holds about one open place per five acts; decisions beyond the first on a place
are corrections (they supersede, the same path through the rules and the signature).  Only acts
with at most one decision so far are used, so no decision of the push routes an act.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select
from sqlalchemy.orm import aliased

from app import models as m
from app.domain.clock import now_kz
from app.hub import users
from app.models.base import new_uid
from app.services import demo
from app.services.review import decisions
from app.storage import Database
from app.sync import client, protocol

POOR_QUALITY = {"outcome": "poor_quality", "reasons": ["no_lab_data"]}  # §44: lawful at any age
ROOT = Path(__file__).resolve().parents[1]


class Counter:
    def __init__(self):
        self.requests = 0
        self.lock = threading.Lock()


class Counting(httpx.HTTPTransport):
    """Counts the requests of one client into a ``Counter`` shared by all."""

    def __init__(self, counter: Counter):
        super().__init__()
        self.counter = counter

    def handle_request(self, request):
        with self.counter.lock:
            self.counter.requests += 1
        return super().handle_request(request)


@contextmanager
def hub_process(db_url: str):
    process = subprocess.Popen([sys.executable, "-m", "app.cli", "hub", "serve", "--db-url", db_url, "--port", "0",
                                "--settle", "0"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        yield json.loads(process.stdout.readline())["url"]
    finally:
        process.terminate()
        process.wait(timeout=60)
        process.stdout.close()


@contextmanager
def postgres_database():
    sys.path.insert(0, str(ROOT))
    from tests.integration.conftest import PostgresServer, _binaries, _free_port

    import os
    folder = Path(tempfile.mkdtemp(prefix="saraptama-bench-pg-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres")
    server = PostgresServer(_binaries(), folder, as_user, _free_port())
    subprocess.run([*as_user, f"{server.bin_dir}/initdb", "-D", str(server.data), "-U", "saraptama", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    server.start()
    try:
        yield server.new_database("bench")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def open_places(db: Database) -> dict[int, list[tuple[str, str]]]:
    """Each expert's undecided place on acts under review with at most one decision so far (one per act)."""
    other = aliased(m.Assignment)
    decided = select(func.count(other.id)).where(other.act_id == m.DraftAct.id, other.withdrawn.is_(False),
                                                 other.decisions.any()).scalar_subquery()
    places: dict[int, list[tuple[str, str]]] = {}
    acts: set[str] = set()
    with db.session() as session:
        for expert, number, uid in session.execute(
                select(m.Assignment.expert_id, m.DraftAct.number, m.Assignment.uid).join(m.DraftAct).where(
                    m.DraftAct.status == m.ActStatus.UNDER_REVIEW, m.Assignment.withdrawn.is_(False),
                    ~m.Assignment.decisions.any(), decided <= 1)):
            if number not in acts:  # one place per act: its decisions never complete the panel
                acts.add(number)
                places.setdefault(expert, []).append((number, uid))
    return places


def tokens(db: Database, experts) -> dict[int, str]:
    with db.session() as session:
        return {expert: users.add_user(session, "expert", expert_id=expert)["token"] for expert in experts}


def decision_commands(places: dict[int, list[tuple[str, str]]], total: int) -> dict[int, list[dict]]:
    """``total`` decision commands spread over every open place, first decisions then corrections."""
    flat = [(expert, number, uid) for expert, rows in places.items() for number, uid in rows]
    rounds = math.ceil(total / len(flat))
    commands: dict[int, list[dict]] = {}
    for round_ in range(rounds):
        for expert, number, place in flat:
            if sum(map(len, commands.values())) >= total:
                return commands
            uid = new_uid()
            entry = {"act": number, "uid": uid, "assignment": place, "decided_at": now_kz().isoformat(),
                     "content": POOR_QUALITY, "confirm_warnings": True, "correction": round_ > 0}
            commands.setdefault(expert, []).append({"id": f"decision:{uid}", "kind": protocol.DECISION,
                                                    "content": entry})
    return commands


def push(url: str, token: str, commands: list[dict]) -> int:
    with client.HubClient(url, token) as hub:
        applied = 0
        for start in range(0, len(commands), client.PUSH_BATCH):
            answer = hub.call("POST", "/v1/push", json={"commands": commands[start:start + client.PUSH_BATCH]})
            applied += sum(r["status"] == protocol.APPLIED for r in answer["results"])
        return applied


def bench_push(db: Database, url: str, total: int) -> None:
    places = open_places(db)
    commands = decision_commands(places, total)
    keys = tokens(db, commands)
    seconds, applied = timed(lambda: sum(push(url, keys[e], c) for e, c in commands.items()))
    uids = [c["content"]["uid"] for batch in commands.values() for c in batch]
    with db.session() as session:
        rows = [{c.key: getattr(d, c.key) for c in m.ExpertDecision.__table__.columns if c.key != "id"}
                for d in session.scalars(select(m.ExpertDecision).where(m.ExpertDecision.uid.in_(uids)))]
    for row in rows:
        row["uid"], row["supersedes_id"], row["superseded_at"] = new_uid(), None, None
    with db.session() as session:
        baseline, _ = timed(lambda: session.execute(insert(m.ExpertDecision.__table__), rows) and session.commit())
    print(f"push: {applied:,} decisions applied over HTTP in {seconds:.1f} s ({applied / seconds:,.0f}/s), "
          f"{sum(map(len, places.values())):,} places; bulk insert of the same {len(rows):,} rows {baseline:.2f} s; "
          f"ratio {seconds / baseline:.0f}×")


def bench_pull(db: Database, url: str, folder: Path) -> None:
    with db.session() as session:
        token = users.add_user(session, "committee")["token"]
    device = Database.open(data_dir=folder / "committee")
    try:
        seconds, counts = timed(client.sync, device, url, token)
        with device.session() as session:
            rows = [{"uid": r.uid, "kind": r.kind, "key": r.key, "data": r.data, "withdrawn": r.withdrawn,
                     "received_at": r.received_at} for r in session.scalars(select(m.SyncRecord))]
    finally:
        device.close()
    other = Database.open(data_dir=folder / "baseline")
    try:
        with other.session() as session:
            baseline, _ = timed(lambda: session.execute(insert(m.SyncRecord.__table__), rows) and session.commit())
    finally:
        other.close()
    print(f"pull: {counts['pulled']:,} acts over HTTP in {seconds:.1f} s ({counts['pulled'] / seconds:,.0f}/s, "
          f"batches of {protocol.PULL_BATCH}); bulk insert of the same {len(rows):,} records {baseline:.2f} s; "
          f"ratio {seconds / baseline:.0f}×")


def one_laptop(url: str, token: str, folder: Path, counter: Counter, decide: bool) -> float:
    laptop = Database.open(data_dir=folder)
    try:
        if decide:
            with laptop.session() as session:
                expert = int(session.scalar(select(m.Setting.value).where(m.Setting.key == "expert_id")))
                for act in session.scalars(select(m.DraftAct).join(m.Assignment).where(
                        m.Assignment.expert_id == expert, ~m.Assignment.decisions.any()).limit(3)):
                    decisions.submit(session, act, expert, POOR_QUALITY, now_kz(), confirm_warnings=True)
        seconds, _ = timed(client.sync, laptop, url, token, transport=Counting(counter))
        return seconds
    finally:
        laptop.close()


def bench_clients(db: Database, url: str, folder: Path, count: int) -> None:
    places = open_places(db)
    experts = sorted(places, key=lambda e: (-len(places[e]), e))[:count]
    keys = tokens(db, experts)
    Database.open(data_dir=folder / "template").close()  # migrations are set up one at a time, then copied
    for expert in experts:
        (folder / f"laptop-{expert}").mkdir()
        shutil.copy(folder / "template" / "saraptama.db", folder / f"laptop-{expert}" / "saraptama.db")
    for round_, decide in (("pull acts", False), ("decide 3, sync", True)):
        counter = Counter()

        def sync_one(expert: int, counter=counter, decide=decide) -> float:
            return one_laptop(url, keys[expert], folder / f"laptop-{expert}", counter, decide)

        with ThreadPoolExecutor(count) as pool:
            start = time.perf_counter()
            slowest = max(pool.map(sync_one, experts))
            seconds = time.perf_counter() - start
        print(f"{len(experts)} laptops at once, {round_}: {counter.requests:,} requests in {seconds:.1f} s "
              f"({counter.requests / seconds:,.0f} requests/s), slowest sync {slowest:.2f} s")


def run(db_url: str | None, folder: Path, acts: int, total: int, clients: int) -> None:
    db = Database.open(data_dir=folder / "hub", db_url=db_url)
    try:
        seconds, _ = timed(demo.generate, db, acts=acts, experts=max(60, acts // 30), seed=3)
        print(f"hub on {db.engine.dialect.name}: {acts:,} demonstration acts in {seconds:.1f} s")
        url_of_db = db_url or f"sqlite:///{folder / 'hub' / 'saraptama.db'}"
        with hub_process(url_of_db) as url:
            bench_pull(db, url, folder)
            bench_clients(db, url, folder, clients)
            bench_push(db, url, total)
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--acts", type=int, default=10_000)
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--postgres", action="store_true", help="the hub's database on a throw-away PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="saraptama-bench-sync-") as temp:
        if args.postgres:
            with postgres_database() as url:
                run(url, Path(temp), args.acts, args.decisions, args.clients)
        else:
            run(None, Path(temp), args.acts, args.decisions, args.clients)


if __name__ == "__main__":
    main()
