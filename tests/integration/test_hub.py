"""The hub and its clients over real HTTP on 127.0.0.1: what each role pulls, decisions
pushed exactly once, conflicts and quarantine, withdrawal of a reassigned act, resuming an
interrupted pull, protocol versions, roles on every endpoint, and the commands."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app import models as m
from app.domain.clock import now_kz
from app.hub import openapi
from app.services.assignment import absences
from app.services.review import decisions, exchange
from app.sync import client, outbox, protocol
from tests import expert_laptop as el
from tests import hub_helpers as h
from tests.review_case import conclusion, prepare_case

HEADERS = h.HEADERS


def _get(hub, path, token, **options):
    return httpx.get(hub.url + path, headers=h.signed(token), **options)


def laptop_acts(database) -> set[str]:
    with database.session() as session:
        return set(session.scalars(select(m.DraftAct.number)))


def test_an_expert_pulls_only_its_acts_and_nothing_personal_reaches_its_folder(hub, demo_db, db, data_dir):
    expert = el.busiest_expert(demo_db)
    with demo_db.session() as session:
        expected = exchange.export_for_expert(session, expert)
        name = session.get(m.StaffMember, expert).full_name
    numbers = [entry["act"]["number"] for entry in expected["acts"]]
    token = hub.token("expert", expert_id=expert)
    answer = client.sync(db, hub.url, token)
    assert answer == {"pushed": 0, "pulled": 1, "conflicts": 0, "quarantined": 0}  # one document
    assert laptop_acts(db) == set(numbers) and numbers
    assert client.sync(db, hub.url, token)["pulled"] == 0  # nothing changed
    db.close()
    assert el.files_holding(data_dir, el.personal_needles(demo_db, numbers, name)) == []


def test_a_decision_is_applied_once_a_changed_one_conflicts_a_refused_one_is_quarantined(hub, demo_db, db):
    (expert, number, place), (other_expert, other_number, _) = h.places_under_review(demo_db, 2)
    token = hub.token("expert", expert_id=expert)
    entry = h.decision_entry(number, h_conclusion(), assignment=place)
    foreign = h.decision_entry(other_number, h_conclusion())  # not on this expert's panel
    after = h.decision_entry(number, h_conclusion(), assignment=place, correction=True)
    for each in (entry, foreign, after):
        h.queue(db, each)
    answer = client.sync(db, hub.url, token)
    assert answer["pushed"] == 2 and answer["quarantined"] == 1 and answer["conflicts"] == 0
    assert h.decisions_with_uids(demo_db, [entry["uid"], foreign["uid"], after["uid"]]) == {
        entry["uid"]: 1, after["uid"]: 1}
    with db.session() as session:
        refused = outbox.entries(session, protocol.QUARANTINED)
    assert [r["record"] for r in refused] == [other_number] and "panel" in refused[0]["reason"]["text"]

    command = {"id": f"decision:{entry['uid']}", "kind": protocol.DECISION, "content": entry}
    again = httpx.post(hub.url + "/v1/push", json={"commands": [command]},
                       headers=h.signed(token)).json()["results"]
    assert again == [{"id": command["id"], "status": "duplicate", "reason": None, "first": "applied"}]
    changed = {**command, "content": {**entry, "comment": "другое"}}
    clash = httpx.post(hub.url + "/v1/push", json={"commands": [changed]},
                       headers=h.signed(token)).json()["results"]
    assert clash[0]["status"] == "conflict"
    assert h.decisions_with_uids(demo_db, [entry["uid"]]) == {entry["uid"]: 1}


def h_conclusion():
    return conclusion("II")


def test_three_laptops_decide_offline_the_hub_consolidates_the_department_sees_it(hub, demo_db, tmp_path):
    from app.storage import Database

    case = prepare_case(demo_db)
    number, department = case["number"], case["department"]
    for n, expert in enumerate(case["experts"]):
        laptop = Database.open(data_dir=tmp_path / f"laptop-{n}")
        try:
            token = hub.token("expert", expert_id=expert)
            client.sync(laptop, hub.url, token)                       # acts come while online
            with laptop.session() as session:                         # decided offline, in the laptop's database
                act = decisions.act_by_number(session, number)
                decisions.submit(session, act, expert, h_conclusion(), now_kz(), confirm_warnings=True)
            assert client.sync(laptop, hub.url, token)["pushed"] == 1
            assert (number in laptop_acts(laptop)) is (n < 2)  # routed with the third decision: it leaves
        finally:
            laptop.close()
    assert h.act_status(demo_db, number) == "concluded"
    office = Database.open(data_dir=tmp_path / "office")
    try:
        client.sync(office, hub.url, hub.token("department", department=department))
        with office.session() as session:
            seen = session.scalar(select(m.SyncRecord).where(m.SyncRecord.key == number))
        assert seen.data["route"] == "concluded" and seen.data["conclusion"]["group"] == "II"
        assert seen.data["person"]["iin"]  # a department works with the person
    finally:
        office.close()


def test_a_reassigned_act_leaves_the_old_experts_laptop(hub, demo_db, db):
    expert = h.expert_with_most_places(demo_db)
    token = hub.token("expert", expert_id=expert)
    client.sync(db, hub.url, token)
    held = len(laptop_acts(db))
    at = now_kz()
    with demo_db.session() as session:
        moved = absences.add_absence(session, expert, "sick", at.date(), at.date().replace(year=at.year + 1),
                                     at)["reassigned"]
    assert moved
    client.sync(db, hub.url, token)
    still = laptop_acts(db)
    with demo_db.session() as session:  # what it had decided stays; what it had not went to others
        left = {entry["act"]["number"] for entry in exchange.export_for_expert(session, expert)["acts"]}
    assert held and set(still) == left and len(left) < held


def test_an_interrupted_pull_resumes_after_the_last_stored_batch(hub, demo_db, db, monkeypatch):
    token = hub.token("committee")
    monkeypatch.setattr(protocol, "PULL_BATCH", 50)

    class CutOff(httpx.HTTPTransport):
        pulls = 0

        def handle_request(self, request):
            if request.url.path == "/v1/pull":
                self.pulls += 1
                if self.pulls == 3:
                    raise httpx.ReadError("cut", request=request)
            return super().handle_request(request)

    with pytest.raises(client.HubUnreachable):
        client.sync(db, hub.url, token, transport=CutOff())
    with db.session() as session:
        assert session.query(m.SyncRecord).count() == 100
    rest = client.sync(db, hub.url, token)["pulled"]
    with demo_db.session() as session:
        total = session.query(m.DraftAct).count()
    with db.session() as session:
        assert 100 + rest == session.query(m.SyncRecord).count() == total


def test_every_endpoint_answers_each_role_by_the_table(hub, demo_db):
    expert = h.expert_with_most_places(demo_db)
    with demo_db.session() as session:
        department = session.scalars(select(m.Department.code)).first()
    tokens = {"expert": hub.token("expert", expert_id=expert), "department": hub.token("department",
                                                                                       department=department),
              "committee": hub.token("committee"), "admin": hub.token("admin")}
    calls = {"me": ("GET", "/v1/me", None), "pull": ("GET", "/v1/pull", None),
             "push": ("POST", "/v1/push", {"commands": []}), "users": ("GET", "/v1/users", None),
             "stats": ("GET", "/v1/stats/workload?from=2026-06-01&to=2026-12-01", None)}
    for role, token in tokens.items():
        for endpoint, (method, path, body) in calls.items():
            response = httpx.request(method, hub.url + path, json=body,
                                     headers=h.signed(token))
            expected = 200 if endpoint in {"me", *client_endpoints(role)} else 403
            assert response.status_code == expected, (role, endpoint, response.text)
        assert httpx.request("GET", hub.url + "/v1/me", headers={**HEADERS, "Authorization": "Bearer x"}
                             ).status_code == 401


def client_endpoints(role: str) -> set[str]:
    """What each role may do, written from the issue, not read from the code's table."""
    return {"expert": {"push", "pull"}, "department": {"pull", "stats"}, "committee": {"pull", "stats"},
            "admin": {"users"}}[role]


def test_a_department_token_sees_only_its_departments_cases(hub, demo_db, db):
    with demo_db.session() as session:
        department = session.scalars(select(m.Department.code).join(
            m.DraftAct, m.DraftAct.department_id == m.Department.id)).first()
        own = {a.number for a in session.scalars(select(m.DraftAct).join(m.Department).where(
            m.Department.code == department))}
    client.sync(db, hub.url, hub.token("department", department=department))
    with db.session() as session:
        assert set(session.scalars(select(m.SyncRecord.key))) == own


def test_an_older_client_is_told_to_update(hub, demo_db, db, monkeypatch, english):
    token = hub.token("committee")
    answer = httpx.get(hub.url + "/v1/me", headers={protocol.PROTOCOL_HEADER: "0", "Authorization": f"Bearer {token}"})
    assert answer.status_code == 426 and answer.json()["error"] == "update"
    for odd in ("²".encode("latin-1"), b"9" * 40, b"-1"):  # digits Python reads, or cannot count with
        answer = httpx.get(hub.url + "/v1/me",
                           headers={protocol.PROTOCOL_HEADER: odd, "Authorization": f"Bearer {token}"})
        assert answer.status_code == 426, odd
    monkeypatch.setattr(protocol, "PROTOCOL_VERSION", 0)
    with pytest.raises(client.UserError, match="update Saraptama"):
        client.sync(db, hub.url, token)


def test_a_request_larger_than_the_limit_is_refused(hub):
    token = hub.token("admin")
    answer = httpx.post(hub.url + "/v1/push", content=b"x" * (protocol.MAX_BODY_BYTES + 10),
                        headers={**HEADERS, "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert answer.status_code == 413


def _cli(*args):
    done = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_commands_add_user_and_sync_and_an_unreachable_hub_leaves_the_outbox(hub, demo_db, demo_data_dir, tmp_path):
    code, out, err = _cli("hub", "add-user", "--db-url", f"sqlite:///{demo_data_dir / 'saraptama.db'}", "--role",
                          "committee")
    assert code == 0, err
    issued = json.loads(out)
    assert set(issued) == {"user", "token"}
    with demo_db.session() as session:
        stored = session.scalar(select(m.HubUser).where(m.HubUser.name == issued["user"]))
    assert stored.token_hash != issued["token"] and issued["token"] not in (demo_data_dir / "saraptama.db"
                                                                             ).read_bytes().decode("latin-1")
    laptop = tmp_path / "device"
    code, out, err = _cli("--data-dir", str(laptop), "sync", "--hub", hub.url, "--token", issued["token"])
    assert code == 0, err
    assert json.loads(out)["pulled"] > 0

    from app.storage import Database
    device = Database.open(data_dir=laptop)
    try:
        h.queue(device, h.decision_entry("20250101000001", h_conclusion()))
    finally:
        device.close()
    code, out, err = _cli("--data-dir", str(laptop), "sync", "--hub", "http://127.0.0.1:9", "--token",
                          issued["token"])
    assert (code, out) == (2, "") and err.count("\n") == 1 and "cannot be reached" in err
    device = Database.open(data_dir=laptop)
    try:
        with device.session() as session:
            assert [e["state"] for e in outbox.entries(session)] == ["queued"]
    finally:
        device.close()


def test_hub_serve_prints_its_address_and_serves_until_stopped(demo_data_dir):
    with subprocess.Popen([sys.executable, "-m", "app.cli", "hub", "serve", "--db-url",
                           f"sqlite:///{demo_data_dir / 'saraptama.db'}", "--port", "0"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            address = json.loads(process.stdout.readline())
            assert httpx.get(address["url"] + "/v1/health").json() == {"protocol": 1, "oldest_client": 1}
        finally:
            process.terminate()
            out, err = process.communicate(timeout=30)
    # uvicorn stops gracefully, then lets SIGTERM end the process as it would have
    assert process.returncode in (0, -15) and out == "" and "Traceback" not in err, err


def test_hub_serve_refuses_a_bad_database_or_a_busy_port_in_one_line(demo_data_dir):
    code, out, err = _cli("hub", "serve", "--db-url", "nonsense://x", "--port", "0")
    assert (code, out) == (2, "") and err.count("\n") == 1
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        code, out, err = _cli("hub", "serve", "--db-url", f"sqlite:///{demo_data_dir / 'saraptama.db'}", "--port",
                              str(busy.getsockname()[1]))
    assert (code, out) == (2, "") and err.count("\n") == 1 and "cannot listen" in err


def test_the_committed_openapi_description_is_current():
    """docs/hub-openapi.json is what the hub serves at /openapi.json; regenerate it with
    ``python -m app.hub.openapi > docs/hub-openapi.json``."""
    committed = json.loads((Path(__file__).parents[2] / "docs" / "hub-openapi.json").read_text(encoding="utf-8"))
    assert committed == openapi.description()


def test_an_experts_laptop_refuses_a_departments_records(hub, demo_db, db, english):
    expert = el.busiest_expert(demo_db)
    client.sync(db, hub.url, hub.token("expert", expert_id=expert))
    with demo_db.session() as session:
        department = session.scalars(select(m.Department.code)).first()
    with pytest.raises(client.UserError, match="expert's token"):
        client.sync(db, hub.url, hub.token("department", department=department))
    with db.session() as session:
        assert session.query(m.SyncRecord).count() == 0 and session.query(m.Person).count() == 0


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the test certificate")
def test_a_hub_served_over_tls_is_synced_with_its_certificate_trusted(demo_db, demo_data_dir, tmp_path):
    cert, key = tmp_path / "hub.pem", tmp_path / "hub.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    with demo_db.session() as session:
        from app.hub import users
        token = users.add_user(session, "committee")["token"]
    with subprocess.Popen([sys.executable, "-m", "app.cli", "hub", "serve", "--db-url",
                           f"sqlite:///{demo_data_dir / 'saraptama.db'}", "--port", "0", "--certfile", str(cert),
                           "--keyfile", str(key)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as process:
        try:
            url = json.loads(process.stdout.readline())["url"]
            assert url.startswith("https://")
            done = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path / "office"), "sync",
                                   "--hub", url, "--token", token], capture_output=True, text=True, timeout=120,
                                  env={**os.environ, "SSL_CERT_FILE": str(cert)})
            assert done.returncode == 0, done.stderr
            assert json.loads(done.stdout)["pulled"] > 0
            untrusted = subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path / "other"), "sync",
                                        "--hub", url, "--token", token], capture_output=True, text=True, timeout=120)
            assert untrusted.returncode == 2 and "cannot be reached" in untrusted.stderr
        finally:
            process.terminate()
            process.communicate(timeout=30)
