"""The hub on PostgreSQL: the same real-HTTP checks as on SQLite — each role's pull, a
decision pushed exactly once, the three decisions of a panel consolidated on the server and seen
by the department — and a run of the faulty proxy against the server."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from app import models as m
from app.domain.clock import now_kz
from app.services import demo
from app.services.review import decisions, exchange
from app.storage import Database
from app.sync import client, protocol
from tests import hub_helpers as h
from tests.review_case import conclusion, prepare_case
from tests.sync_laptop import check, proxy_runs

PG_FAULT_RUNS = 40


@pytest.fixture
def pg_hub(fresh_database):
    db = fresh_database("hub_sync")
    demo.generate(db, acts=200, experts=20, seed=5)
    hub = h.RunningHub(db)
    yield hub
    hub.stop()


def test_a_panel_decides_on_laptops_the_postgres_hub_consolidates_the_department_sees_it(pg_hub, tmp_path):
    hub_db = pg_hub.database
    case = prepare_case(hub_db)
    for n, expert in enumerate(case["experts"]):
        laptop = Database.open(data_dir=tmp_path / f"laptop-{n}")
        try:
            token = pg_hub.token("expert", expert_id=expert)
            client.sync(laptop, pg_hub.url, token)
            with laptop.session() as session:
                act = decisions.act_by_number(session, case["number"])
                decision = decisions.submit(session, act, expert, conclusion("II"), now_kz(), confirm_warnings=True)
            assert client.sync(laptop, pg_hub.url, token)["pushed"] == 1
            command = {"id": f"decision:{decision.uid}", "kind": protocol.DECISION,
                       "content": {"act": case["number"], "uid": decision.uid, "content": conclusion("II"),
                                   "decided_at": now_kz().isoformat()}}
            again = httpx.post(pg_hub.url + "/v1/push", json={"commands": [command]}, headers={
                protocol.PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"}).json()["results"][0]
            assert again["status"] == "conflict"  # the same id with other content (decided_at differs)
        finally:
            laptop.close()
    assert h.act_status(hub_db, case["number"]) == "concluded"
    office = Database.open(data_dir=tmp_path / "office")
    try:
        client.sync(office, pg_hub.url, pg_hub.token("department", department=case["department"]))
        with office.session() as session:
            seen = session.scalar(select(m.SyncRecord).where(m.SyncRecord.key == case["number"]))
        assert seen.data["route"] == "concluded"
    finally:
        office.close()


def test_an_expert_pulls_only_its_acts_from_postgres(pg_hub, db):
    expert = h.expert_with_most_places(pg_hub.database)
    with pg_hub.database.session() as session:
        expected = {e["act"]["number"] for e in exchange.export_for_expert(session, expert)["acts"]}
    client.sync(db, pg_hub.url, pg_hub.token("expert", expert_id=expert))
    with db.session() as session:
        assert set(session.scalars(select(m.DraftAct.number))) == expected


def test_a_faulty_line_to_a_postgres_hub_loses_and_doubles_nothing(pg_hub, db):
    figures = proxy_runs(pg_hub, pg_hub.database, db, PG_FAULT_RUNS)
    check(figures, PG_FAULT_RUNS, "proxy faults, PostgreSQL hub")
