"""The statistics on the hub (GET /v1/stats/{view}) over real HTTP: the Committee's token gets the
figures ``saraptama stats … --format json`` prints, a department's token its own department's,
an independent expert's token nothing (§25.5: the figures compare experts by name), and no
examined person's data is in any answer."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from app import models as m
from app.domain.clock import clock_at
from tests import hub_helpers as h
from tests.cli_runner import Cli
from tests.conftest import TEST_START

HEADERS = h.HEADERS
PERIOD = {"from": "2026-06-01", "to": "2026-12-01"}


def _stats(hub, token, view, **params):
    return httpx.get(f"{hub.url}/v1/stats/{view}", params={**PERIOD, **params},
                     headers=h.signed(token), timeout=60)


@pytest.mark.parametrize("view", ["agreement", "reversals", "workload"])
def test_the_committee_gets_the_figures_of_the_command(hub, demo_data_dir, capsys, tmp_path, view):
    token = hub.token("committee")
    with clock_at(TEST_START):
        answer = _stats(hub, token, view)
        printed = Cli(capsys, demo_data_dir, tmp_path).ok("stats", view, "--from", PERIOD["from"], "--to", PERIOD["to"])
    assert answer.status_code == 200, answer.text
    assert answer.json() == printed
    assert answer.json()["filters"]["department"] is None  # the whole country the hub holds


def test_a_department_token_gets_its_own_department_and_no_other(hub, demo_db):
    with demo_db.session() as session:
        own, other = session.scalars(select(m.Department.code).join(
            m.DraftAct, m.DraftAct.department_id == m.Department.id).distinct().order_by(m.Department.code)).all()[:2]
    token = hub.token("department", department=own)
    with clock_at(TEST_START):
        answer = _stats(hub, token, "reversals")
        refused = _stats(hub, token, "reversals", department=other)
    assert answer.status_code == 200 and answer.json()["filters"]["department"] == own
    assert {row["department"] for row in answer.json()["by_department"]} <= {own}
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"


def test_an_experts_token_and_an_administrators_are_refused(hub, demo_db):
    for token in (hub.token("expert", expert_id=h.expert_with_most_places(demo_db)), hub.token("admin")):
        answer = _stats(hub, token, "agreement")
        assert answer.status_code == 403 and answer.json()["error"] == "forbidden"
        assert "unanimous" not in answer.text


@pytest.mark.parametrize(("params", "problem"), [({"to": "2026-01-01"}, "ends"),
                                                  ({"department": "99-99"}, "99-99"),
                                                  ({"chapter": "14"}, "chapter 14")])
def test_bad_filters_are_refused_in_one_line(hub, params, problem):
    answer = _stats(hub, hub.token("committee"), "workload", **params)
    assert answer.status_code == 400 and problem in answer.json()["message"]
    assert "\n" not in answer.json()["message"]


def test_no_examined_persons_data_in_the_answers(hub, demo_db):
    token = hub.token("committee")
    with clock_at(TEST_START):
        text = json.dumps([_stats(hub, token, view).json() for view in ("agreement", "reversals", "workload")],
                          ensure_ascii=False)
    with demo_db.session() as session:
        persons = session.execute(select(m.Person.iin, m.Person.last_name, m.Person.first_name,
                                         m.Person.birth_date)).all()
    assert persons and '"unanimous"' in text
    for iin, last_name, first_name, birth in persons:
        assert iin not in text and f"{last_name} {first_name}" not in text and birth.isoformat() not in text
