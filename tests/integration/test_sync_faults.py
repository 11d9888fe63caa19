"""Sync through failures: a proxy that refuses and cuts connections at random points,
and a hub process killed with SIGKILL in the middle of requests.  Over all runs no decision may
be lost or applied twice, and every outbox ends empty of queued commands: each sent, or
quarantined with the hub's reason.  The figures are printed (``-s``) for the closing note."""

from __future__ import annotations

import os
import random
import threading
import time

import pytest

from app.sync import client
from tests import hub_helpers as h
from tests.hub_helpers import HubProcess
from tests.sync_laptop import Laptop, busiest, check, proxy_runs

pytestmark = pytest.mark.slow

PROXY_RUNS = int(os.environ.get("SARAPTAMA_FAULT_RUNS", "180"))
KILL_RUNS = int(os.environ.get("SARAPTAMA_KILL_RUNS", "20"))


def test_a_proxy_that_cuts_connections_loses_and_doubles_nothing(demo_db, db):
    hub = h.RunningHub(demo_db)
    try:
        figures = proxy_runs(hub, demo_db, db, PROXY_RUNS)
    finally:
        hub.stop()
    check(figures, PROXY_RUNS, "proxy faults")
    assert figures["connections"]["cut_answer"] > 0 and figures["quarantined"] > 0


@pytest.mark.parametrize("runs", [KILL_RUNS])
def test_a_hub_killed_mid_request_loses_and_doubles_nothing(demo_db, demo_data_dir, db, runs):
    expert = busiest(demo_db)
    with demo_db.session() as session:
        from app.hub import users
        token = users.add_user(session, "expert", expert_id=expert)["token"]
    hub = HubProcess(f"sqlite:///{demo_data_dir / 'saraptama.db'}")
    url = hub.start()
    time.sleep(0.3)
    laptop = Laptop(db, demo_db, token, expert, url)
    interrupted = 0
    try:
        for run in range(runs):
            rng = random.Random(1000 + run)
            for _ in range(rng.randint(10, 30)):
                laptop.decide(rng)
            timer = threading.Timer(rng.uniform(0.0, 0.4), hub.kill)
            timer.start()
            try:
                client.sync(laptop.database, url, token, read_seconds=5)
            except client.HubUnreachable:
                interrupted += 1
            timer.join()
            hub.restart_if_dead()
            laptop.sync_until_done(url, between=hub.restart_if_dead)
        figures = {**laptop.figures(), "kills": runs, "syncs_interrupted": interrupted}
    finally:
        hub.kill()
    check(figures, runs, "hub killed")
