"""The hub on a database with accounts: tokens are an administrator's signed-in acts, audited in
the administrator's name, revocable; an expert's laptop still pulls its acts (the token's user is
the actor); a pushed decision dated outside its act's review is refused (§24.2, §46)."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import select

from app import models as m
from app.cli import main
from app.domain.permissions import Role
from app.services import accounts
from app.sync import protocol
from tests import expert_laptop as el
from tests import hub_helpers as h
from tests.review_case import conclusion, prepare_case
from tests.unit.test_identity import last_audit_id

PASSWORD = "correct horse battery"
HEADERS = h.HEADERS


@pytest.fixture
def protected_hub(demo_db):
    accounts.add_signing_in_first(demo_db, "admin", Role.ADMIN, PASSWORD)
    demo_db.actor = None  # the hub itself runs signed out: each request acts as its token's user
    running = h.RunningHub(demo_db)
    yield running
    running.stop()


def run(capsys, monkeypatch, data_dir, *argv, user=None):
    monkeypatch.setenv("SARAPTAMA_PASSWORD", PASSWORD)
    code = main(["--data-dir", str(data_dir), *(["--user", user] if user else []), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err.strip()


def admin_token(demo_db, role: str, **details) -> str:
    from app.hub import users

    accounts.sign_in(demo_db, "admin", PASSWORD)
    try:
        with demo_db.session() as session:
            return users.add_user(session, role, **details)["token"]
    finally:
        accounts.sign_out(demo_db)


def test_tokens_are_an_administrators_signed_in_acts(protected_hub, demo_db, demo_data_dir, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "hub", "add-user", "--role", "committee")
    assert code == 2 and "--user" in err and "\n" not in err
    code, issued, err = run(capsys, monkeypatch, demo_data_dir, "hub", "add-user", "--role", "committee", user="admin")
    assert code == 0, err
    with demo_db.session() as session:
        audited = session.scalars(select(m.AuditEntry.user).where(m.AuditEntry.table_name == "hub_user")).all()
    assert audited and set(audited) == {"admin"}
    me = httpx.get(protected_hub.url + "/v1/me", headers=h.signed(issued['token']))
    assert me.status_code == 200
    code, revoked, err = run(capsys, monkeypatch, demo_data_dir, "hub", "revoke-user", issued["user"], user="admin")
    assert code == 0 and revoked["revoked"] is True, err
    me = httpx.get(protected_hub.url + "/v1/me", headers=h.signed(issued['token']))
    assert me.status_code == 401
    code, listed, _ = run(capsys, monkeypatch, demo_data_dir, "hub", "users", user="admin")
    assert [u["revoked"] for u in listed if u["user"] == issued["user"]] == [True]
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "hub", "users")
    assert code == 2


def test_an_expert_pulls_its_acts_from_a_hub_with_accounts(protected_hub, demo_db, db):
    expert = el.busiest_expert(demo_db)
    token = admin_token(demo_db, "expert", expert_id=expert)
    answer = httpx.get(protected_hub.url + "/v1/pull", headers=h.signed(token))
    assert answer.status_code == 200, answer.text
    document = answer.json()["records"][0]["data"]
    assert document["expert_id"] == expert and document["acts"]


@pytest.mark.parametrize("decided_at", ["9999-12-31T23:59:00+05:00", "1901-01-01T00:00:00+05:00"])
def test_a_decision_dated_outside_its_acts_review_is_refused(protected_hub, demo_db, decided_at):
    case = prepare_case(demo_db)
    token = admin_token(demo_db, "expert", expert_id=case["experts"][0])
    entry = {**h.decision_entry(case["number"], conclusion()), "decided_at": decided_at}
    body = {"commands": [{"id": "forged-" + entry["uid"][:20], "kind": protocol.DECISION, "content": entry}]}
    answer = httpx.post(protected_hub.url + "/v1/push", json=body,
                        headers=h.signed(token))
    assert answer.status_code == 200
    assert answer.json()["results"][0]["status"] == protocol.REFUSED
    with demo_db.session() as session:
        assert session.scalar(select(m.ExpertDecision.id).where(m.ExpertDecision.uid == entry["uid"][:32])) is None


def test_a_pushed_decision_is_recorded_for_the_tokens_expert_and_audited_so(protected_hub, demo_db):
    case = prepare_case(demo_db)
    token = admin_token(demo_db, "expert", expert_id=case["experts"][0])
    before = last_audit_id(demo_db)
    entry = h.decision_entry(case["number"], conclusion())
    body = {"commands": [{"id": "decision-" + entry["uid"][:20], "kind": protocol.DECISION, "content": entry}]}
    answer = httpx.post(protected_hub.url + "/v1/push", json=body,
                        headers=h.signed(token))
    assert answer.json()["results"][0]["status"] == protocol.APPLIED, answer.text
    with demo_db.session() as session:
        users = set(session.scalars(select(m.AuditEntry.user).where(m.AuditEntry.table_name == "expert_decision",
                                                                    m.AuditEntry.id > before)))
    assert users and all(u.startswith("expert-") for u in users)
