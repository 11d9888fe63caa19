"""One person, one account: an account of a judging role is its person's, and every act of
judgment is recorded in that person's name only (§25.4-25.5, §46-48); the other decisions stay
hidden from an expert who has not decided (§25.5); a database without accounts is a one-person
trial and says so.  Each expected answer is written from those paragraphs before the code ran."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import models as m
from app.cli import main
from app.domain.clock import KZ_TIME, now_kz
from app.domain.permissions import Role
from app.services import accounts
from app.services.review import decisions
from app.services.review.signer import LocalHashSigner
from app.services.signing.acts import verify_act
from app.services.signing.trust import Trust
from app.storage import Database
from tests.review_case import conclusion, prepare_case

PASSWORD = "correct horse battery"


def run(capsys, monkeypatch, data_dir, *argv, user: str | None = None):
    monkeypatch.setenv("SARAPTAMA_PASSWORD", PASSWORD)
    monkeypatch.setenv("SARAPTAMA_NEW_PASSWORD", PASSWORD)
    prefix = ["--data-dir", str(data_dir)] + (["--user", user] if user else [])
    code = main(prefix + [str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err.strip()


@pytest.fixture
def case(demo_db):
    return prepare_case(demo_db)


@pytest.fixture
def people(demo_db, demo_data_dir, case, capsys, monkeypatch):
    """Sign-in switched on: an administrator; the three experts of the case's panel, each with
    their own account; a head without a place on the panel; a registrar."""
    assert run(capsys, monkeypatch, demo_data_dir, "users", "add", "admin", "--role", "admin")[0] == 0
    with demo_db.session() as session:
        kinds = {e: session.get(m.StaffMember, e).role for e in case["experts"]}
    role_of = {m.StaffRole.HEAD: "head", m.StaffRole.SPECIALIST: "chief_specialist",
               m.StaffRole.INDEPENDENT: "independent_expert"}
    names = []
    for number, expert in enumerate(case["experts"]):
        name = f"expert{number}"
        code, added, err = run(capsys, monkeypatch, demo_data_dir, "users", "add", name, "--role",
                               role_of[kinds[expert]], "--expert", expert, user="admin")
        assert code == 0, err
        assert added["expert"] == expert
        names.append(name)
    assert run(capsys, monkeypatch, demo_data_dir, "users", "add", "home-head", "--role", "head", "--expert",
               case["home_head"], user="admin")[0] == 0
    assert run(capsys, monkeypatch, demo_data_dir, "users", "add", "clerk", "--role", "registrar", user="admin")[0] == 0
    return names


def decision_file(tmp_path, **extra):
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(conclusion(**extra)), encoding="utf-8")
    return path


def decisions_and_refusals(db) -> tuple[int, list[dict]]:
    with db.session() as session:
        count = len(list(session.scalars(select(m.ExpertDecision.id))))
        refusals = [e.changes for e in session.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "refused"))]
    return count, refusals


# -- accounts are people ---------------------------------------------------------------------------
def test_users_list_shows_each_account_s_expert(people, case, demo_data_dir, capsys, monkeypatch):
    code, listed, _ = run(capsys, monkeypatch, demo_data_dir, "users", "list", user="admin")
    assert code == 0
    experts = {row["name"]: row["expert"] for row in listed}
    assert experts == {"admin": None, "clerk": None, "home-head": case["home_head"],
                       **{f"expert{n}": e for n, e in enumerate(case["experts"])}}


def test_one_person_has_one_account_and_a_registrar_none_linked(people, case, demo_data_dir, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "users", "add", "twin", "--role", "head", "--expert",
                       case["home_head"], user="admin")
    assert code == 2 and "\n" not in err and "home-head" in err
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "users", "add", "clerk2", "--role", "registrar",
                       "--expert", case["experts"][0], user="admin")
    assert code == 2 and "\n" not in err


# -- one's own name only -------------------------------------------------------------------------
def test_submit_in_another_expert_s_name_is_refused_in_one_line_and_audited(
        people, case, demo_db, demo_data_dir, tmp_path, capsys, monkeypatch):
    """From another expert's account, with or without --expert, from a head of the department
    and from the administrator: exit 2, one line, nothing recorded, each refusal audited."""
    decision = decision_file(tmp_path)
    target = case["experts"][0]
    before, _ = decisions_and_refusals(demo_db)
    attempts = [("expert1", ["--expert", target]), ("home-head", ["--expert", target]), ("home-head", []),
                ("admin", ["--expert", target]), ("clerk", ["--expert", target])]
    for user, extra in attempts:
        code, _, err = run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"], decision,
                           *extra, user=user)
        assert code == 2 and err and "\n" not in err, (user, extra, err)
    after, refusals = decisions_and_refusals(demo_db)
    assert after == before
    refused_as = [(r["account"], r["requested_expert"]) for r in refusals]
    assert ("expert1", target) in refused_as and ("home-head", target) in refused_as


def last_audit_id(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.max(m.AuditEntry.id))) or 0


def test_submit_without_expert_records_the_signed_in_expert_s_decision(
        people, case, demo_db, demo_data_dir, tmp_path, capsys, monkeypatch):
    before = last_audit_id(demo_db)
    code, answer, err = run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"],
                            decision_file(tmp_path), user="expert1")
    assert code == 0, err
    assert "note" not in answer  # sign-in is on: no trial
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert decisions.assignment_of(act, case["experts"][1]).decision is not None
        assert decisions.assignment_of(act, case["experts"][0]).decision is None
        entries = session.scalars(select(m.AuditEntry.user).where(m.AuditEntry.table_name == "expert_decision",
                                                                  m.AuditEntry.id > before))
        assert set(entries) == {"expert1"}


def test_an_undecided_expert_sees_none_of_the_other_decisions(
        people, case, demo_db, demo_data_dir, tmp_path, capsys, monkeypatch):
    """§25.5: the expert who has not decided sees neither the others' decisions nor who they are;
    ``--expert`` with another's id is refused; the administrator reads no decisions."""
    assert run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"], decision_file(tmp_path),
               user="expert1")[0] == 0
    code, shown, _ = run(capsys, monkeypatch, demo_data_dir, "decisions", "show", case["number"], user="expert0")
    assert code == 0
    others = [p for p in shown["places"] if not p["own"]]
    assert len(others) == 2 and all(p["decision"] is None and p["expert_id"] is None for p in others)
    for user, extra in (("expert0", ["--expert", case["experts"][1]]), ("admin", [])):
        code, _, err = run(capsys, monkeypatch, demo_data_dir, "decisions", "show", case["number"], *extra, user=user)
        assert code == 2 and "\n" not in err
    code, shown, _ = run(capsys, monkeypatch, demo_data_dir, "decisions", "show", case["number"], user="expert1")
    assert [p["decision"] is not None for p in shown["places"] if p["own"]] == [True]
    code, shown, _ = run(capsys, monkeypatch, demo_data_dir, "decisions", "show", case["number"], user="clerk")
    assert code == 0 and sum(p["decision"] is not None for p in shown["places"]) == 1  # the department's view


def test_refusals_name_no_person(people, case, demo_db, demo_data_dir, tmp_path, capsys, monkeypatch):
    """A refusal and its audit entry carry account names and expert numbers, no one's IIN or name."""
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"],
                       decision_file(tmp_path), "--expert", case["experts"][0], user="expert1")
    assert code == 2
    with demo_db.session() as session:
        people_data = set()
        for expert_id in case["experts"]:
            expert = session.get(m.StaffMember, expert_id)
            people_data |= {expert.iin, expert.last_name, expert.first_name}
        people_data |= {case["iin"], case["surname"]}
        refusal = json.dumps(decisions_and_refusals(demo_db)[1], ensure_ascii=False)
    for value in people_data - {""}:
        assert value not in err and value not in refusal
    for log in demo_data_dir.rglob("*.log"):
        text = log.read_text(encoding="utf-8", errors="replace")
        assert all(value not in text for value in people_data - {""})


# -- a database without accounts --------------------------------------------------------------------
def test_a_database_without_accounts_is_a_trial_that_says_so(case, demo_data_dir, tmp_path, capsys, monkeypatch):
    decision = decision_file(tmp_path)
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"], decision)
    assert code == 2 and "--expert" in err and "\n" not in err
    code, answer, _ = run(capsys, monkeypatch, demo_data_dir, "decisions", "submit", case["number"], decision,
                          "--expert", case["experts"][0])
    assert code == 0 and "trial" in answer["note"]


# -- lockout: parallel wrong passwords each count ---------------------------------------------------
def parallel_wrong_sign_ins(database: Database, attempts: int = 16, name: str = "aigul") -> list[str]:
    results = []

    def attempt():
        own = Database(database.url)  # a connection of its own, as another workstation's
        try:
            accounts.sign_in(own, name, "wrong password!")
        except Exception as error:  # noqa: BLE001 - every outcome is collected
            results.append(str(error))
        finally:
            own.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def make_locking_case(database: Database) -> None:
    accounts.add_signing_in_first(database, "admin", Role.ADMIN, PASSWORD)
    with database.session() as session:
        accounts.add(session, "aigul", Role.REGISTRAR, PASSWORD)


def assert_parallel_wrong_sign_ins_lock(db: Database) -> None:
    """Every one of 16 wrong passwords at once is counted, under an account's name and under a
    name that is no account alike; both lock, and the account then refuses the right password too
    (§ lockout: five failures in a row)."""
    make_locking_case(db)
    for name in ("aigul", "nobody-here"):
        results = parallel_wrong_sign_ins(db, name=name)
        assert len(results) == 16
        with db.session() as session:
            row = session.get(m.SignInAttempt, name)
            # an attempt that reads the lock already set is refused without counting
            assert row.failed_attempts >= 5 and row.locked_until is not None, name
        wrong = [result for result in results if "is locked after 5 failed sign-ins" not in result]
        assert wrong == ["Wrong account name or password."] * 4, results  # a lost update answers "wrong" more
    with pytest.raises(Exception, match="locked"):
        accounts.sign_in(db, "aigul", PASSWORD)


def test_sixteen_parallel_wrong_sign_ins_lock_the_account(db, english):
    assert_parallel_wrong_sign_ins_lock(db)


# -- forged decisions ------------------------------------------------------------------------------
def submitted(demo_db, case, expert_index: int = 0, at: datetime | None = None):
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        decisions.submit(session, act, case["experts"][expert_index], conclusion(), at or now_kz())


def verdicts(demo_db, case) -> list[str | None]:
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        return [d["reason"] for d in verify_act(session, act, Trust())["decisions"]]


@pytest.mark.parametrize("edit", ["decided_at", "outcome", "content", "emptied"])
def test_a_decision_edited_after_signing_verifies_changed(demo_db, case, edit):
    """§46: what the expert signed is the decision, its outcome and its moment; any later edit,
    or a signature taken away, reads ``changed`` (the local stand-in reads ``unsigned`` while intact)."""
    submitted(demo_db, case)
    assert verdicts(demo_db, case) == ["unsigned"]
    with demo_db.session() as session:
        decision = session.scalars(select(m.ExpertDecision)).all()
        row = next(d for d in decision if d.assignment.act.number == case["number"])
        if edit == "decided_at":
            row.decided_at = row.decided_at - timedelta(days=3)
        elif edit == "outcome":
            row.outcome = "poor_quality"
        elif edit == "content":
            row.content = {**row.content, "group": "I"}
        else:
            row.content = {**row.content, "group": "I"}
            row.signature = ""
    assert verdicts(demo_db, case) == ["changed"]


def test_a_stand_in_signature_is_no_certificate(demo_db, case):
    assert LocalHashSigner().sign({"a": 1}).startswith("local-sha256:")


# -- separation of duties ---------------------------------------------------------------------------
def test_the_heads_see_the_administrators_accounts_and_backups(people, demo_data_dir, tmp_path, capsys, monkeypatch):
    """docs/admin-guide.md: the administrator's accounts and backups are notices the heads read;
    the administrator reads no decisions and opens no person's data."""
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "db", "backup", "--out", tmp_path / "copy.db", user="admin")
    assert code == 0, err
    code, seen, err = run(capsys, monkeypatch, demo_data_dir, "users", "notices", user="home-head")
    assert code == 0, err
    assert {n["account"] for n in seen if n["what"] == "added"} >= {"expert0", "clerk", "home-head"}
    assert [n["by"] for n in seen if n["what"] == "backup"] == ["admin"]
    code, _, err = run(capsys, monkeypatch, demo_data_dir, "users", "notices", user="admin")
    assert code == 2 and "\n" not in err


# -- a control department's conclusion is its expert's own (§56) ------------------------------------
def test_a_control_conclusion_is_recorded_for_the_signed_in_control_expert(demo_db):
    """§56: the control department's expert concludes in their own name: a control account not
    linked to an expert record is refused and nothing changes; a linked one's conclusion names
    that expert."""
    from app.domain.permissions import NotOwnName
    from app.services.appeals import workflow
    from tests.appeal_case import prepare_signed_acts

    number = prepare_signed_acts(demo_db, 1)[0]["number"]
    at = datetime(2025, 3, 19, 10, tzinfo=KZ_TIME)
    with demo_db.session() as session:
        appeal = int(workflow.file_appeal(session, number, at)["id"])
        workflow.register(session, appeal, at)
        control = workflow.forward(session, appeal, at)["control_department"]
        department = session.scalar(select(m.Department).where(m.Department.code == control))
        expert = m.StaffMember(role=m.StaffRole.SPECIALIST, iin="850505400014", last_name="Бақылау", first_name="Б",
                               sort_name="b", region_code=department.region_code, department_id=department.id)
        session.add(expert)
        session.flush()
        expert_id = expert.id
    accounts.add_signing_in_first(demo_db, "admin", Role.ADMIN, PASSWORD)
    with demo_db.session() as session:
        accounts.add(session, "zhanna", Role.CONTROL_EXPERT, PASSWORD, expert_id)
        accounts.add(session, "olzhas", Role.CONTROL_EXPERT, PASSWORD)
    accounts.sign_in(demo_db, "olzhas", PASSWORD)
    with pytest.raises(NotOwnName), demo_db.session() as session:
        workflow.conclude(session, appeal, conclusion(), at + timedelta(days=1), confirm_warnings=True)
    accounts.sign_in(demo_db, "zhanna", PASSWORD)
    with demo_db.session() as session:
        assert workflow.conclude(session, appeal, conclusion(), at + timedelta(days=1),
                                 confirm_warnings=True)["status"] == "concluded"
        steps = session.get(m.Appeal, appeal).steps
        assert [s.step for s in steps][-1] == "conclude" and steps[-1].data["expert"] == expert_id
