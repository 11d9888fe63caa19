"""The experts decide, blind, and the department concludes (§20.3, §42-48, §51):
decisions checked by the rules, signed, superseded not edited; routing at the third decision;
the head-expert (§47); the §45 clock over a weekend and Nauryz; the signature (§48); notices and
SMS through the outbox, never twice."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app import models as m
from app.cli import main
from app.domain.clock import KZ_TIME, now_kz
from app.errors import UserError
from app.services import documents
from app.services.review import decisions, exchange, outbox, queues, routing, tick
from app.services.review.decisions import RulesRefused, Viewer
from app.services.review.signer import LocalHashSigner
from tests.review_case import conclusion, prepare_case

AT = datetime(2025, 3, 19, 10, 0, tzinfo=KZ_TIME)  # Wednesday before Nauryz (21-25 March 2025)


def kz(*args) -> datetime:
    return datetime(*args, tzinfo=KZ_TIME)


def mark(outcome, reason):
    return {"outcome": outcome, "reasons": [reason]}


@pytest.fixture
def case(demo_db):
    """An adult act under review with its three experts and no decision yet (``prepare_case``)."""
    return prepare_case(demo_db)


def submit(db, case, position, content, at=AT, **options):
    with db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        decisions.submit(session, act, case["experts"][position], content, at, **options)


def act_state(db, case):
    with db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        return act.status.value, act.due_at, act.conclusion


def outbox_rows(db, case, channel=None):
    with db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        query = select(m.OutboxMessage).where(m.OutboxMessage.act_id == act.id).order_by(m.OutboxMessage.id)
        if channel:
            query = query.where(m.OutboxMessage.channel == channel)
        return list(session.scalars(query))


def decide_all(db, case, contents, at=AT):
    for position, content in enumerate(contents):
        submit(db, case, position, content, at, confirm_warnings=True)


# -- decisions ---------------------------------------------------------------------------------
def test_a_decision_the_rules_refuse_cannot_be_submitted(demo_db, case):
    wrong = {**conclusion("II"), "group": "I"}  # degree 2 gives group II (§58-61)
    with pytest.raises(RulesRefused) as refused:
        submit(demo_db, case, 0, wrong)
    assert "§58" in refused.value.text("en")
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert all(not a.decisions for a in act.assignments)


def test_the_act_s_facts_reach_the_rules(demo_db, case):
    """§42: a proactive conclusion cannot rest on a causal-link cause; the act is proactive even
    though the decision does not say so."""
    with pytest.raises(RulesRefused) as refused:
        submit(demo_db, case, 0, conclusion(cause="work_injury"), confirm_warnings=True)
    assert "§42" in refused.value.text("en")


def test_warnings_need_an_explicit_confirmation(demo_db, case):
    five_years = conclusion(term="5y")  # an adult's 5 years without an App 11 condition warns (§32)
    with pytest.raises(RulesRefused):
        submit(demo_db, case, 0, five_years)
    submit(demo_db, case, 0, five_years, confirm_warnings=True)
    with demo_db.session() as session:
        stored = session.scalars(select(m.ExpertDecision)).all()
        assert any(d.warnings_confirmed and d.content["term"] == "5y" for d in stored)


def test_signed_and_never_edited_a_correction_supersedes_and_both_are_kept(demo_db, case):
    submit(demo_db, case, 0, conclusion(term="1y"))
    with pytest.raises(UserError):
        submit(demo_db, case, 0, conclusion(term="2y"))
    submit(demo_db, case, 0, conclusion(term="2y"), correction=True)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        rows = decisions.assignment_of(act, case["experts"][0]).decisions
        assert [r.content["term"] for r in rows] == ["1y", "2y"]
        assert rows[0].superseded_at is not None and rows[1].superseded_at is None
        assert rows[1].supersedes_id == rows[0].id
        assert rows[0].signature != rows[1].signature and rows[1].signature.startswith("local-sha256:")
        assert LocalHashSigner().verify(
            decisions.signed_document_of(rows[1]), rows[1].signature)


# -- blind (§25.5) ---------------------------------------------------------------------------------
def test_blind_in_the_service(demo_db, case):
    submit(demo_db, case, 0, conclusion())
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        before = decisions.visible_decisions(act, Viewer(case["experts"][1]))
        assert [p["decision"] for p in before] == [None, None, None]
        assert [p["hidden"] for p in before] == [True, False, True]
        assert all(p["expert_id"] is None for p in before if p["hidden"])
        department = decisions.visible_decisions(act, decisions.DEPARTMENT)
        assert department[0]["decision"]["content"]["group"] == "II"
    submit(demo_db, case, 1, conclusion("III"))
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        after = decisions.visible_decisions(act, Viewer(case["experts"][1]))
        assert [p["decision"]["content"]["group"] if p["decision"] else None for p in after] == ["II", "III", None]


def test_blind_in_the_commands(demo_db, demo_data_dir, case, capsys):
    submit(demo_db, case, 0, conclusion())
    args = ["--data-dir", str(demo_data_dir), "decisions", "show", case["number"]]
    assert main([*args, "--expert", str(case["experts"][2])]) == 0
    shown = capsys.readouterr().out
    assert "general_disease" not in shown and json.loads(shown)["places"][0]["hidden"]
    assert main(args) == 0  # the department
    assert "general_disease" in capsys.readouterr().out
    out = demo_data_dir / "export.json"
    assert main(["--data-dir", str(demo_data_dir), "acts", "export", "--expert", str(case["experts"][2]),
                 "--out", str(out)]) == 0
    exported = out.read_text(encoding="utf-8")
    assert case["number"] in exported and "general_disease" not in exported  # another expert's decision
    assert case["iin"] not in exported and case["surname"] not in exported  # §25.2


# -- routing at the third decision (§44-48) ---------------------------------------------------------
def test_three_equal_conclusions_wait_for_the_signature_at_once(demo_db, case):
    decide_all(demo_db, case, [conclusion(), conclusion(), conclusion(recommendations={"medical": "другое"})])
    status, due, concluded = act_state(demo_db, case)
    assert (status, concluded.route, concluded.agreeing) == ("concluded", "concluded", 3)
    assert due == kz(2025, 3, 19, 18, 0)  # §48: on the day it arrives
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert [e.kind for e in act.events][-4:] == ["decided", "decided", "decided", "routed"]


def test_two_poor_quality_marks_reject_with_the_notice(demo_db, case):
    decide_all(demo_db, case, [mark("poor_quality", "no_lab_data"), conclusion(),
                               mark("poor_quality", "unreliable_documents")])
    status, due, concluded = act_state(demo_db, case)
    assert (status, due, concluded.route) == ("rejected", None, "rejected_poor_quality")
    assert [r.channel for r in outbox_rows(demo_db, case)] == ["mis"]  # §44: to the medical organisation only
    with demo_db.session() as session:
        notice = session.scalars(select(m.Notice).where(m.Notice.kind == "poor_quality")).one()
        assert "некачественно заполнено" in notice.text_ru and case["number"] in notice.text_kk


def test_three_groups_go_in_person_with_sms_and_notice(demo_db, case):
    decide_all(demo_db, case, [conclusion("I"), conclusion("II"), conclusion("III")])
    status, due, _ = act_state(demo_db, case)
    assert status == "in_person"
    assert due == kz(2025, 3, 28, 18, 0)  # §45: 4 working days after 19 March: 20, 26, 27, 28 (Nauryz off)
    sms = outbox_rows(demo_db, case, "sms")
    assert len(sms) == 1 and "15:30" in sms[0].text and sms[0].lang == "ru"
    assert case["surname"] not in sms[0].text and case["iin"] not in sms[0].text


def test_head_expert_decides_three_different_decisions_of_one_group(demo_db, case):
    decide_all(demo_db, case, [conclusion(term="1y"), conclusion(term="2y"), conclusion(term="5y")])
    assert act_state(demo_db, case)[0] == "head_decides"
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        compared = queues.comparison(act, Viewer(case["experts"][0]))
        assert compared["differs"]["term"] and not compared["differs"]["group"]
        with pytest.raises(UserError):  # §47: the head-expert, not a chief specialist
            routing.head_decide(session, act, case["experts"][1], conclusion(term="2y"), AT)
        with pytest.raises(UserError):
            queues.comparison(act, Viewer(case["experts"][1]))
        routing.head_decide(session, act, case["experts"][0], conclusion(term="2y"), AT)
    status, _, concluded = act_state(demo_db, case)
    assert (status, concluded.decision["term"], concluded.decided_by_id) == ("concluded", "2y", case["experts"][0])


def test_a_step_out_of_order_names_where_the_act_stands(demo_db, case):
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        with pytest.raises(UserError) as refused:
            routing.sign(session, act, case["home_head"], AT)
        assert "under_review" in refused.value.text("en") and "concluded" in refused.value.text("en")


# -- §48: the signature, notice, SMS and documents ---------------------------------------------------
def test_signature_by_the_head_of_the_home_department_then_notice_sms_and_documents(demo_db, case):
    decide_all(demo_db, case, [conclusion(uot_percent=None), conclusion(), conclusion()])
    with demo_db.session() as session:
        queue = queues.signature_queue(session)
        waiting = {row["number"]: row["waiting_since"] for row in queue}
        assert waiting[case["number"]].startswith("2025-03-19T10:00")
        act = decisions.act_by_number(session, case["number"])
        with pytest.raises(UserError):  # an expert of another department
            routing.sign(session, act, case["experts"][0], AT)
        routing.sign(session, act, case["home_head"], kz(2025, 3, 19, 15, 0))
    status, due, concluded = act_state(demo_db, case)
    assert (status, due, concluded.signed_by_id) == ("signed", None, case["home_head"])
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        documents = session.scalars(select(m.DueDocument).where(m.DueDocument.act_id == act.id)).all()
        assert [(d.kind, d.proactive_mark) for d in documents] == [("disability-certificate", True)]  # §51
        notice = session.scalars(select(m.Notice).where(m.Notice.act_id == act.id)).one()
        assert notice.proactive_mark and "заочно проактивно" in notice.text_ru  # §51 part 3
    sms = outbox_rows(demo_db, case, "sms")
    assert len(sms) == 1 and "egov.kz" in sms[0].text


@pytest.mark.parametrize(("signed_at", "late"), [(kz(2025, 3, 19, 17, 59), False),  # the day it arrived
                                               (kz(2025, 3, 20, 9, 0), True)])  # the next working day
def test_p48_a_signature_after_the_day_of_receipt_is_kept_and_flagged(demo_db, case, signed_at, late):
    """§48 "подписывается ЭЦП руководителя подразделения МСЭ в день поступления акта МСЭ": a later signature
    is still the head's signature of the conclusion (nothing in §48 voids it), flagged late in the act's
    history and in the answer."""
    decide_all(demo_db, case, [conclusion(), conclusion(), conclusion()])
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        answer = routing.sign(session, act, case["home_head"], signed_at)
        signed = [e for e in act.events if e.kind == "signed"][-1]
    assert answer["status"] == "signed" and answer["late"] is late
    assert signed.detail.get("late", False) is late
    if late:
        assert signed.detail["due"] == "2025-03-19T18:00+05:00"


# -- §45: the clock, across a weekend and Nauryz -----------------------------------------------------
def routed_in_person(db, case, at):
    decide_all(db, case, [mark("mismatch", "purpose_mismatch"), mark("mismatch", "lab_vs_severity"),
                          conclusion()], at)
    assert act_state(db, case)[0] == "in_person"


@pytest.mark.parametrize(("routed", "visit_ends", "no_show_ends"), [
    (kz(2025, 3, 19, 10, 0), kz(2025, 3, 26, 18, 0), kz(2025, 3, 28, 18, 0)),  # Thu 20, (21-25 off) Wed 26 …
    (kz(2025, 3, 14, 17, 0), kz(2025, 3, 18, 18, 0), kz(2025, 3, 20, 18, 0)),  # Fri: Mon 17, Tue 18, Wed, Thu
])
def test_in_person_clock_repeats_the_sms_then_closes(demo_db, demo_data_dir, case, routed, visit_ends, no_show_ends):
    from datetime import timedelta
    routed_in_person(demo_db, case, routed)
    gateways = outbox.file_gateways(demo_data_dir)
    minute = timedelta(minutes=1)
    assert tick.tick(demo_db, visit_ends - minute, gateways)["sms_repeated"] == 0
    assert tick.tick(demo_db, visit_ends + minute, gateways)["sms_repeated"] == 1
    assert tick.tick(demo_db, visit_ends + 2 * minute, gateways)["sms_repeated"] == 0
    assert tick.tick(demo_db, no_show_ends - minute, gateways)["closed_no_show"] == 0
    assert tick.tick(demo_db, no_show_ends + minute, gateways)["closed_no_show"] == 1
    status, _, concluded = act_state(demo_db, case)
    assert (status, concluded.closed_reason) == ("rejected", "no_show")
    steps = [r.key.rsplit(":", 1)[-1] for r in outbox_rows(demo_db, case, "sms")]
    assert steps == ["invite", "reminder", "go_back"]
    assert all(r.status == "sent" for r in outbox_rows(demo_db, case, "sms"))


def test_arrival_stops_the_clock_and_the_department_concludes_on_the_visit(demo_db, demo_data_dir, case):
    routed_in_person(demo_db, case, AT)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        with pytest.raises(UserError):  # not before the person came
            routing.conclude_in_person(session, act, case["home_head"], conclusion(), AT)
        routing.record_arrival(session, act, kz(2025, 3, 20, 16, 0))
    assert tick.tick(demo_db, kz(2025, 4, 30, 10, 0), outbox.file_gateways(demo_data_dir))["closed_no_show"] == 0
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        routing.conclude_in_person(session, act, case["home_head"], conclusion(), kz(2025, 3, 20, 17, 0))
    status, _, concluded = act_state(demo_db, case)
    assert (status, concluded.proactive) == ("concluded", False)  # §51 part 3 marks proactive ones only


def test_p42_binds_only_the_in_absentia_proactive_examination_not_the_in_person_one(demo_db, demo_data_dir,
                                                                                    tmp_path, case):
    """§42: "Экспертное заключение при заочном проактивном освидетельствовании выносится ... не имеющие
    документов о причинно-следственной связи ... с трудовым увечьем" — the in-person examination after §45
    is not proactive: a work injury with УОТ and УПТ is recorded (§28, §62-65), and §51.4-51.5 call for
    the УОТ (App 20) and УПТ (App 21) certificates."""
    routed_in_person(demo_db, case, AT)
    injured = conclusion("III", cause="work_injury", uot_percent=40, upt_percent=40)
    with demo_db.session() as session:
        routing.record_arrival(session, decisions.act_by_number(session, case["number"]), kz(2025, 3, 20, 16, 0))
    decision = tmp_path / "injured.json"
    decision.write_text(json.dumps(injured), encoding="utf-8")
    assert main(["--data-dir", str(demo_data_dir), "in-person", "conclude", case["number"], "--head",
                 str(case["home_head"]), str(decision), "--confirm-warnings",  # §27: the causal-link document
                 "--at", "2025-03-20T17:00"]) == 0
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        signed = routing.sign(session, act, case["home_head"], kz(2025, 3, 20, 17, 30))
    assert {"uot-certificate", "upt-certificate"} <= set(signed["documents"])
    with demo_db.session() as session:  # §24.1: established on the day the person applied to the department
        assert documents.act_paper(session, case["number"]).established_on == kz(2025, 3, 20, 0, 0).date()
    status, _, concluded = act_state(demo_db, case)
    assert (status, concluded.proactive, concluded.decision["cause"]) == ("signed", False, "work_injury")


def test_p42_still_refuses_a_proactive_expert_decision_resting_on_a_work_injury(demo_db, case):
    with pytest.raises(RulesRefused) as refused:
        submit(demo_db, case, 0, conclusion("III", cause="work_injury", upt_percent=40), confirm_warnings=True)
    assert "§42" in refused.value.text("en")


def test_refusal_closes_at_once(demo_db, case):
    routed_in_person(demo_db, case, AT)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        routing.close_in_person(session, act, "refused", AT)
        notice = session.scalars(select(m.Notice).where(m.Notice.kind == "no_show", m.Notice.act_id == act.id)).one()
        assert "отказ" in notice.text_ru or "отказал" in notice.text_ru
    assert act_state(demo_db, case)[0] == "rejected"


# -- the outbox: refused and retried, never twice ----------------------------------------------------
class FlakyGateway:
    def __init__(self):
        self.sent, self.calls = [], 0

    def send(self, message):
        self.calls += 1
        if self.calls == 1:
            raise outbox.Refused("gateway busy")
        self.sent.append(message["key"])


class QuietGateway:
    def send(self, _message):
        pass


def test_a_refused_message_stays_with_its_reason_and_is_retried(demo_db, case):
    outbox.deliver(demo_db, {"sms": QuietGateway()}, AT)  # what the demo left pending (e.g. registry SMS)
    routed_in_person(demo_db, case, AT)
    gateway = FlakyGateway()
    first = outbox.deliver(demo_db, {"sms": gateway}, AT)
    assert first == {"sent": 0, "refused": 1}
    (sms,) = outbox_rows(demo_db, case, "sms")
    assert (sms.status, sms.last_error, sms.attempts) == ("pending", "gateway busy", 1)
    assert outbox.deliver(demo_db, {"sms": gateway}, AT) == {"sent": 1, "refused": 0}
    assert outbox.deliver(demo_db, {"sms": gateway}, AT) == {"sent": 0, "refused": 0}
    assert gateway.sent == [sms.key]


def _sms_lines(folder):
    path = folder / outbox.SMS_FILE
    return [json.loads(line)["key"] for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_tick_twice_sends_nothing_twice(demo_db, demo_data_dir, case):
    routed_in_person(demo_db, case, AT)
    for _ in range(2):
        assert main(["--data-dir", str(demo_data_dir), "tick", "--at", "2025-03-27T10:00"]) == 0
    keys = _sms_lines(demo_data_dir)
    assert len(keys) == len(set(keys)) and sum(case_key.endswith(":reminder") for case_key in keys) == 1


def tick_in_two_processes(database_args: list[str], folder, at: str) -> list[str]:
    """Two ``saraptama tick`` processes at once on one database; the keys of the SMS the file
    gateway in ``folder`` was handed."""
    script = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    processes = [subprocess.Popen([sys.executable, "-c", script, *database_args, "tick", "--at", at],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err.decode()
    return _sms_lines(folder)


def test_tick_in_two_processes_at_once_sends_each_sms_once(demo_db, demo_data_dir, case):
    routed_in_person(demo_db, case, AT)
    with demo_db.session() as session:  # more to send: every act of the demo routed in person gets its steps
        pending = session.scalar(select(func.count()).select_from(m.OutboxMessage)
                                 .where(m.OutboxMessage.status == "pending", m.OutboxMessage.channel == "sms"))
    keys = tick_in_two_processes(["--data-dir", str(demo_data_dir)], demo_data_dir, "2025-03-29T10:00")
    assert len(keys) == len(set(keys)) >= pending
    assert {k.rsplit(":", 1)[-1] for k in keys} >= {"invite", "go_back"}


# -- offline exchange --------------------------------------------------------------------------------
def test_decisions_come_back_by_file_once(demo_db, demo_data_dir, case, capsys):
    expert = case["experts"][1]
    made = {"format": exchange.DECISIONS_FORMAT, "expert_id": expert, "decisions": [
        {"act": case["number"], "uid": "ab" * 16, "decided_at": now_kz().isoformat(timespec="minutes"),
         "content": conclusion()}]}  # dated while the act is under review: the tests' clock
    path = demo_data_dir / "decisions.json"
    path.write_text(json.dumps(made), encoding="utf-8")
    for expected in ({"recorded": 1, "already_recorded": 0}, {"recorded": 0, "already_recorded": 1}):
        assert main(["--data-dir", str(demo_data_dir), "acts", "import-decisions", str(path)]) == 0
        answer = json.loads(capsys.readouterr().out)
        assert {k: answer[k] for k in expected} == expected
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.ExpertDecision)
                              .where(m.ExpertDecision.uid == "ab" * 16)) == 1


def test_command_errors_name_no_person(demo_db, demo_data_dir, case, capsys, tmp_path):
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({**conclusion("II"), "group": "I"}), encoding="utf-8")
    assert main(["--data-dir", str(demo_data_dir), "decisions", "submit", case["number"], "--expert",
                 str(case["experts"][0]), str(path)]) == 2
    err = capsys.readouterr().err
    assert "§58" in err and case["iin"] not in err and case["surname"] not in err and err.count("\n") == 1
    assert main(["--data-dir", str(demo_data_dir), "tick", "--at", "2025-03-27T10:00"]) == 0
    logs = "".join(f.read_text(encoding="utf-8") for f in (demo_data_dir / "logs").glob("*.log"))
    assert case["iin"] not in logs and case["surname"] not in logs
    listed = capsys.readouterr().out + json.dumps(outbox_listing(demo_db))
    assert case["iin"] not in listed and "+7707" not in listed  # the outbox list names no phone


def outbox_listing(db):
    with db.session() as session:
        return outbox.listing(session, limit=1000)


def test_signing_holds_no_write_lock_while_the_signer_waits_for_a_pin(demo_db, case):
    """§48 with NCALayer: while the head types the PIN, another user of the database still writes."""
    import threading


    decide_all(demo_db, case, [conclusion(), conclusion(), conclusion()])
    written = []

    class WaitsForPin(LocalHashSigner):
        def sign(self, payload):
            def other_user() -> None:
                with demo_db.session() as session:
                    session.merge(m.Setting(key="probe", value="written while the PIN was typed"))
                written.append(True)
            thread = threading.Thread(target=other_user)
            thread.start()
            thread.join(5)
            assert written, "another user could not write while the signer waited"
            return super().sign(payload)

    with demo_db.session() as session:
        routing.sign(session, decisions.act_by_number(session, case["number"]), case["home_head"], AT,
                     signer=WaitsForPin())
    assert act_state(demo_db, case)[0] == "signed" and written
