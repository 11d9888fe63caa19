"""Sync through failures: a proxy that refuses and cuts connections at random points,
and a hub process killed with SIGKILL in the middle of requests.  Over all runs no decision may
be lost or applied twice, and every outbox ends empty of queued commands: each sent, or
quarantined with the hub's reason.  The figures are printed (``-s``) for the closing note."""

from __future__ import annotations

import os
import random
import time

import pytest

from tests import hub_helpers as h
from tests.hub_helpers import HubProcess
from tests.sync_laptop import Laptop, busiest, check, proxy_runs, sync_through_a_kill

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
    try:
        interrupted = sum(sync_through_a_kill(laptop, hub, token, url, random.Random(1000 + run), new=(10, 30))
                          for run in range(runs))
        figures = {**laptop.figures(), "kills": runs, "syncs_interrupted": interrupted}
    finally:
        hub.kill()
    check(figures, runs, "hub killed")
