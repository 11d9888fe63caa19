"""The review services on a PostgreSQL department server: a decision refused by the
rules leaves nothing, a correction supersedes and both stay; blind review in the service and in
the App 16 list (JSON read by the server); each route of §44-48 at the third decision; `tick`
twice, and in two processes at once, sends every SMS once; and an act without a person (an
expert's copy) is found by the server's text index."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from app import models as m
from app.services import demo, text_search, workstation
from app.services.review import decisions, laptop, lists, outbox, tick
from app.services.review.decisions import RulesRefused, Viewer
from app.storage import Database
from tests.expert_laptop import busiest_expert, export_acts
from tests.review_case import conclusion, prepare_case
from tests.unit.test_review import (AT, _sms_lines, act_state, decide_all, kz, mark, routed_in_person, submit,
                                   tick_in_two_processes)

_names = itertools.count(1)


@pytest.fixture
def server_db(postgres_server):
    """A department's database of its own on the test server, with demonstration acts."""
    db = Database.open(db_url=postgres_server.new_database(f"review_{next(_names)}"), user="tester")
    demo.generate(db, acts=120, experts=15, seed=11)
    yield db
    db.close()


@pytest.fixture
def case(server_db):
    return prepare_case(server_db)


def test_submission_refusal_and_supersession(server_db, case):
    with pytest.raises(RulesRefused):  # degree 2 of mobility and work gives group II (§58-61)
        submit(server_db, case, 0, {**conclusion("II"), "group": "I"})
    with server_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert all(not a.decisions for a in act.assignments)
    submit(server_db, case, 0, conclusion(term="1y"))
    submit(server_db, case, 0, conclusion(term="2y"), correction=True)
    with server_db.session() as session:
        rows = decisions.assignment_of(decisions.act_by_number(session, case["number"]), case["experts"][0]).decisions
        assert [r.content["term"] for r in rows] == ["1y", "2y"] and rows[0].superseded_at is not None


def test_blind_in_the_service_and_in_the_app16_list(server_db, case):
    submit(server_db, case, 0, conclusion("III", restrictions={"mobility": 1, "work": 1}))
    listing = lists.decisions_listing(case["experts"][1])
    with server_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert [p["decision"] for p in decisions.visible_decisions(act, Viewer(case["experts"][1]))] == [None] * 3
        (row,) = listing.rows(session, [act.id]).values()
        assert "group III" not in " ".join(map(str, row))  # hidden while the viewer has not decided (§25.5)
        department = lists.decisions_listing(None).rows(session, [act.id])[act.id]
        assert "group III" in " ".join(map(str, department))  # the department sees it
    submit(server_db, case, 1, conclusion())
    with server_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert "group III" in " ".join(map(str, listing.rows(session, [act.id])[act.id]))


@pytest.mark.parametrize(("contents", "status", "route"), [
    ([conclusion(), conclusion(), conclusion(recommendations={"medical": "другое"})], "concluded", "concluded"),
    ([mark("poor_quality", "no_lab_data"), conclusion(), mark("poor_quality", "unreliable_documents")],
     "rejected", "rejected_poor_quality"),
    ([conclusion("I"), conclusion("II"), conclusion("III")], "in_person", "in_person"),
    ([conclusion(term="1y"), conclusion(term="2y"), conclusion(term="5y")], "head_decides", "head_decides"),
])
def test_the_third_decision_routes_the_act(server_db, case, contents, status, route):
    decide_all(server_db, case, contents)
    routed, _due, concluded = act_state(server_db, case)
    assert (routed, concluded.route) == (status, route)


def test_tick_twice_sends_nothing_twice(server_db, case, tmp_path):
    routed_in_person(server_db, case, AT)
    gateways = outbox.file_gateways(tmp_path)
    for _ in range(2):
        tick.tick(server_db, kz(2025, 3, 27, 10, 0), gateways)
    keys = _sms_lines(tmp_path)
    assert len(keys) == len(set(keys)) and sum(key.endswith(":reminder") for key in keys) == 1


def test_tick_in_two_processes_at_once_sends_each_sms_once(server_db, case, tmp_path):
    routed_in_person(server_db, case, AT)
    with server_db.session() as session:
        pending = len(session.scalars(select(m.OutboxMessage.id).where(
            m.OutboxMessage.status == "pending", m.OutboxMessage.channel == "sms")).all())
    url = server_db.engine.url.render_as_string(hide_password=False)
    keys = tick_in_two_processes(["--data-dir", str(tmp_path), "--db-url", url], tmp_path, "2025-03-29T10:00")
    assert len(keys) == len(set(keys)) >= pending
    assert {key.rsplit(":", 1)[-1] for key in keys} >= {"invite", "go_back"}


def test_an_expert_s_copy_on_the_server_is_found_by_its_number(server_db, postgres_server):
    """An expert's workstation may keep its database on a server too: acts without a person are
    indexed by the server's triggers (migration 0008's LEFT JOIN)."""
    document = export_acts(server_db, busiest_expert(server_db, at_least=1))
    expert_db = Database.open(db_url=postgres_server.new_database(f"expert_{next(_names)}"), user="tester")
    try:
        with expert_db.session() as session:
            laptop.receive_acts(session, document, AT)
            assert workstation.settings(session).expert_id == document["expert_id"]
        number = document["acts"][0]["act"]["number"]
        with expert_db.session() as session:
            act_id = session.scalar(select(m.DraftAct.id).where(m.DraftAct.number == number))
            assert act_id in set(session.scalars(text_search.matching(session, ["number"], number[-6:])))
    finally:
        expert_db.close()
