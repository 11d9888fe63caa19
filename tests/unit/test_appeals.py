"""Appeals and control re-examinations through ``saraptama appeals …`` (docs/interfaces.md §4),
tested against the MSE Rules (seed ``002_…``) as they say it:

§56 "в течении 2 (двух) рабочих дней заместитель руководителя ... отмечает обжалование ...
Специалист Комитета ... в течении 2 (двух) рабочих дней отправляет акт МСЭ на рассмотрение в
экстерриториальный ОМК МСЭ, который определяется АИС "ЦБДИ" в автоматизированном режиме.
Экстерриториальный ОМК МСЭ выносит экспертное заключение на основании обезличенных данных акта
МСЭ в течение 5 (пять) рабочих дней со дня его поступления".

§54 "не позднее трех месяцев со дня его получения подает жалобу ... рассматривается в течении
20 (двадцать) рабочих дней со дня поступления жалобы".  §55: 5 working days (head of the
territorial department), 15 working days (quality-control body), "со дня ее регистрации".

§73-1 "явиться ... в течение трех рабочих дней со дня отправки sms-уведомления ... а в случае
отсутствия регистрации абонентского номера в БМГ – с момента получения приглашения почтовой
связью"; §73-2 protocol App 26 on no-show, payments suspended; §73-3 the result applies from the
department's date if the group got heavier, otherwise from the suspension date.

The 2025 calendar (by hand): Saturday 8 March moved to Monday 10 March (off); Nauryz 21-23
March with the weekend moved to Monday 24 and Tuesday 25 March, so 21-25 March are all off.
"Within N working days" of an event: day 1 is the next working day, due at 18:00 (13:00 UTC) of
day N (docs/domain.md §8).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app import models as m
from app.domain.clock import KZ_TIME
from tests.cli_runner import Cli
from app.services import appeals
from tests.appeal_case import prepare_signed_acts
from tests.review_case import conclusion

pytestmark = pytest.mark.usefixtures("english")


class Appeals(Cli):
    """``saraptama --data-dir D appeals …``: its JSON answer or its one-line message."""

    prefix = ("appeals",)

    def decision(self, **content) -> str:
        path = self.tmp_path / f"decision-{len(list(self.tmp_path.glob('decision-*')))}.json"
        path.write_text(json.dumps(conclusion(**content)), encoding="utf-8")
        return str(path)


@pytest.fixture
def cases(demo_db):
    return prepare_signed_acts(demo_db, 4, in_person=1)


@pytest.fixture
def cli(capsys, demo_data_dir, tmp_path, cases) -> Appeals:
    return Appeals(capsys, demo_data_dir, tmp_path)


def snapshot(db) -> dict:
    with db.session() as session:
        counts = {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                  for model in (m.Appeal, m.AppealStep, m.OutboxMessage)}
        rows = [(a.id, a.status.value, a.due_at, a.control_department_id) for a in session.scalars(select(m.Appeal))]
        return {**counts, "appeals": rows}


# -- §56 the whole way, across Nauryz ---------------------------------------------------------------
def test_proactive_appeal_from_filing_to_conclusion_across_nauryz(cli, cases, demo_db):
    number = cases[0]["number"]
    filed = cli.ok("file", "--act", number, "--at", "2025-03-19T10:00")  # Wednesday before Nauryz
    # registration: Thu 20 March (1), 21-25 off, Wed 26 March (2)
    assert (filed["status"], filed["due"], filed["messages"]) == ("filed", "2025-03-26", [])
    assert filed["due_at"] == "2025-03-26T18:00"
    registered = cli.ok("register", filed["id"], "--at", "2025-03-20T11:00")
    # forwarding: Wed 26 (1), Thu 27 March (2)
    assert (registered["status"], registered["due"]) == ("registered", "2025-03-27")
    forwarded = cli.ok("forward", filed["id"], "--at", "2025-03-26T09:30")
    # conclusion: 27 (1), 28 (2), 31 March (3), 1 April (4), 2 April (5)
    assert (forwarded["status"], forwarded["due"]) == ("at_control", "2025-04-02")
    assert forwarded["control_department"]
    concluded = cli.ok("conclude", filed["id"], "--decision", cli.decision(group="III"), "--at", "2025-04-01T15:00")
    assert (concluded["status"], concluded["due"]) == ("concluded", None)
    assert [message["lang"] for message in concluded["messages"]] == ["ru"]
    assert number in concluded["messages"][0]["text"]
    with demo_db.session() as session:
        appeal = session.get(m.Appeal, int(filed["id"]))
        assert appeal.decision["group"] == "III" and appeal.letter_number and appeal.letter_date.isoformat() == \
            "2025-04-01"
        assert [s.step for s in appeal.steps] == ["file", "register", "forward", "conclude"]


def test_registration_due_skips_the_moved_8_march(cli, cases):
    filed = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-07T15:00")  # Friday
    # 8-9 March weekend, 10 March the moved day off: Tue 11 (1), Wed 12 (2)
    assert filed["due"] == "2025-03-12"


def test_the_control_department_is_never_of_the_persons_region_and_shares_the_load(cli, cases, demo_db):
    chosen = []
    for case in cases[:3]:
        appeal = cli.ok("file", "--act", case["number"], "--at", "2025-03-04T10:00")["id"]
        cli.ok("register", appeal, "--at", "2025-03-05T10:00")
        chosen.append(cli.ok("forward", appeal, "--at", "2025-03-06T10:00")["control_department"])
    with demo_db.session() as session:
        regions = [session.scalar(select(m.Department.region_code).where(m.Department.code == code))
                   for code in chosen]
        kinds = {session.scalar(select(m.Department.kind).where(m.Department.code == code)) for code in chosen}
    assert kinds == {m.DepartmentKind.METHODOLOGY_CONTROL}
    assert all(region != case["region"] for region, case in zip(regions, cases))
    assert len(set(chosen)) == 3  # each went to a department with no appeal at control yet


def test_choice_skips_the_persons_region_even_when_its_department_is_idle(demo_db, cases):
    with demo_db.session() as session:
        for region in ("75", "71", "79"):
            department, why = appeals.choose_control_department(session, region)
            assert department.region_code != region and department.code in why["loads"]
            assert all(not code.startswith(region + "-") for code in why["loads"])


# -- out of order, wrong role: refused, nothing changes -----------------------------------------------
def test_a_step_out_of_order_names_the_state_and_what_may_come_next(cli, cases, demo_db):
    appeal = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    before = snapshot(demo_db)
    message = cli.refused("forward", appeal, "--at", "2025-03-05T10:00")
    assert "'Filed'" in message and "register (deputy_head)" in message
    message = cli.refused("conclude", appeal, "--decision", cli.decision(), "--at", "2025-03-05T10:00")
    assert "register" in message
    assert snapshot(demo_db) == before


def test_a_step_by_the_wrong_role_is_refused(cli, cases, demo_db):
    appeal = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    before = snapshot(demo_db)
    message = cli.refused("register", appeal, "--as", "committee", "--at", "2025-03-05T10:00")
    assert "Deputy head for MSE" in message and "Committee specialist" in message
    assert snapshot(demo_db) == before
    assert cli.ok("register", appeal, "--as", "deputy_head", "--at", "2025-03-05T10:00")["status"] == "registered"


def test_a_decision_the_rules_refuse_changes_nothing(cli, cases, demo_db):
    appeal = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    cli.ok("register", appeal, "--at", "2025-03-05T10:00")
    cli.ok("forward", appeal, "--at", "2025-03-06T10:00")
    before = snapshot(demo_db)
    wrong = cli.tmp_path / "wrong.json"  # group I with restrictions of degree 1, which give group III (§58-61)
    wrong.write_text(json.dumps({**conclusion(group="I"), "restrictions": {"mobility": 1, "work": 1}}),
                     encoding="utf-8")
    message = cli.refused("conclude", appeal, "--decision", wrong, "--at", "2025-03-07T10:00")
    assert "§" in message
    assert snapshot(demo_db) == before


def test_an_appeal_needs_a_signed_proactive_conclusion(cli, cases):
    assert "§54" in cli.refused("file", "--act", cases[3]["number"], "--at", "2025-03-04T10:00")
    assert "after the complaint" in cli.refused("file", "--act", cases[3]["number"], "--kind", "in_person",
                                                "--received", "2025-03-05", "--at", "2025-03-04T10:00")


# -- the control department sees no personal data ------------------------------------------------------
def test_the_control_department_sees_the_depersonalised_act_only(cli, cases, demo_db):
    case = cases[0]
    appeal = cli.ok("file", "--act", case["number"], "--at", "2025-03-04T10:00", "--text",
                    f"Не согласен. {case['surname']} {case['first_name']}, ИИН {case['iin']}")["id"]
    cli.ok("register", appeal, "--at", "2025-03-05T10:00")
    cli.ok("forward", appeal, "--at", "2025-03-06T10:00")
    shown = json.dumps(cli.ok("show", appeal, "--as", "control_expert"), ensure_ascii=False)
    with demo_db.session() as session:
        service_view = json.dumps(appeals.show(session, appeal, role="control_expert"), ensure_ascii=False, default=str)
    for text in (shown, service_view):
        for personal in (case["iin"], case["surname"], case["birth"], case["first_name"]):
            assert personal not in text
        assert case["number"] in text
    assert case["surname"] in json.dumps(cli.ok("show", appeal), ensure_ascii=False)  # the department sees it


# -- §54, §55 -------------------------------------------------------------------------------------------
def test_in_person_appeal_review_takes_20_working_days(cli, cases):
    filed = cli.ok("file", "--act", cases[3]["number"], "--kind", "in_person", "--received", "2025-02-28",
                   "--at", "2025-03-03T17:00")
    # Tue 4 (1) ... Fri 7 (4), 10 March off, 11-14 (5-8), 17-20 (9-12), 21-25 off, 26-28 (13-15),
    # 31 March (16), 1-4 April (17-20)
    assert (filed["status"], filed["due"], filed["late"]) == ("filed", "2025-04-04", False)
    concluded = cli.ok("conclude", filed["id"], "--decision", cli.decision(), "--at", "2025-03-20T10:00")
    assert concluded["status"] == "concluded"


def test_p54_is_reviewed_by_the_control_department_of_the_region_whose_department_concluded(cli, cases, demo_db):
    """§54: the complaint goes "в административный орган ... чьи административный акт ... обжалуются" — the
    territorial department whose MSE department concluded; its methodology and control department reviews it
    (App 8's appendix: "обжалование (контроль) заключения отдела МСЭ"), even when the person's registration
    has since moved to another region."""
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.number == cases[3]["number"])).one()
        concluded_in = act.department.region_code
        moved_to = session.scalars(select(m.Department.region_code).where(
            m.Department.kind == m.DepartmentKind.METHODOLOGY_CONTROL,
            m.Department.region_code != concluded_in)).first()
        act.person.region_code = moved_to
        expected = session.scalars(select(m.Department.code).where(
            m.Department.kind == m.DepartmentKind.METHODOLOGY_CONTROL, m.Department.region_code == concluded_in)
            .order_by(m.Department.code)).first()
    filed = cli.ok("file", "--act", cases[3]["number"], "--kind", "in_person", "--received", "2025-02-28",
                   "--at", "2025-03-03T17:00")
    assert filed["control_department"] == expected


def test_late_in_person_appeal_is_flagged_not_refused(cli, cases):
    # received on the day it was signed, 2 December 2024: "не позднее трех месяцев" ends with 2 March 2025
    late = cli.ok("file", "--act", cases[3]["number"], "--kind", "in_person", "--at", "2025-03-03T10:00")
    assert late["late"] is True and late["status"] == "filed"


def test_in_time_on_the_last_day_of_three_months(cli, cases):
    on_time = cli.ok("file", "--act", cases[3]["number"], "--kind", "in_person", "--received", "2024-12-03",
                     "--at", "2025-03-03T17:59")
    assert on_time["late"] is False


# §55 "жалоба подается на имя руководителя территориального подразделения или на имя руководителя Комитета";
# the 5 working days are of a complaint "поступившая в адрес территориального подразделения"; one to the head
# of the Committee goes to the higher administrative body, reviewed like §54's in 20 working days (APPC)
@pytest.mark.parametrize(("kind", "due", "role"), [
    ("service_head", "2025-03-31", "head"),  # 20, 26, 27, 28, 31 March
    ("service_quality", "2025-04-14", "registrar"),  # ... 1-4, 7-11, 14 April
    ("committee_head", "2025-04-21", "committee"),  # 20, 26-28, 31 March, 1-4, 7-11, 14-18, 21 April
])
def test_service_complaints(cli, cases, kind, due, role):
    filed = cli.ok("file", "--act", cases[1]["number"], "--kind", kind, "--at", "2025-03-19T12:00",
                   "--text", "Долго ждал")
    assert (filed["status"], filed["due"]) == ("filed", due)
    assert cli.ok("answer", filed["id"], "--as", role, "--text", "Разъяснено", "--at", "2025-03-26T10:00")[
        "status"] == "concluded"


# -- §73 control re-examination ---------------------------------------------------------------------------
def _open(cli, case, at="2025-03-20T12:00", *extra):
    return cli.ok("reexamine", "--act", case["number"], "--ground", "unreliable_documents", "--at", at, *extra)


def test_control_invitation_by_sms_and_no_show_protocol(cli, cases, demo_db):
    opened = _open(cli, cases[0])
    # §73-1 from the SMS: 21-25 off, Wed 26 (1), Thu 27 (2), Fri 28 March (3)
    assert (opened["status"], opened["due"], opened["invitation"]) == ("invited", "2025-03-28", "sms")
    assert len(opened["messages"]) == 1 and "3" in opened["messages"][0]["text"]
    assert "may still come" in cli.refused("no-show", opened["id"], "--at", "2025-03-28T17:00")
    suspended = cli.ok("no-show", opened["id"], "--at", "2025-03-31T09:00")
    assert suspended["status"] == "suspended" and suspended["protocol_number"]
    lighter = cli.ok("conclude", opened["id"], "--decision", cli.decision(group="III"), "--at", "2025-04-03T10:00")
    assert lighter["effective_from"] == "2025-03-31"  # §73-3 (2): from the suspension


def test_heavier_group_applies_from_the_original_date(cli, cases):
    opened = _open(cli, cases[1])
    cli.ok("no-show", opened["id"], "--at", "2025-03-31T09:00")
    heavier = cli.ok("conclude", opened["id"], "--decision", cli.decision(group="I"), "--at", "2025-04-03T10:00")
    assert heavier["effective_from"] == "2025-02-26"  # §73-3 (1): the date the department established it


def test_postal_invitation_counts_from_its_receipt(cli, cases, tmp_path):
    lookups = tmp_path / "lookups"
    lookups.mkdir()
    (lookups / "bmg.json").write_text("[]", encoding="utf-8")  # the phone is not in БМГ
    opened = _open(cli, cases[2], "2025-03-04T10:00", "--lookups", lookups)
    assert (opened["status"], opened["due"], opened["invitation"], opened["messages"]) == (
        "letter_sent", None, "post", [])
    received = cli.ok("letter-received", opened["id"], "--at", "2025-03-07T16:00")  # Friday
    assert received["due"] == "2025-03-13"  # Tue 11 (1), Wed 12 (2), Thu 13 (3): 8-10 March off


def test_list_filters_by_status_and_kind(cli, cases):
    filed = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    opened = _open(cli, cases[1])["id"]
    invited = cli.ok("list", "--status", "invited", "--limit", "1000")
    assert opened in [r["id"] for r in invited] and {r["status"] for r in invited} == {"invited"}
    proactive = {r["id"]: r for r in cli.ok("list", "--kind", "proactive", "--limit", "1000")}
    assert proactive[filed]["status"] == "filed" and opened not in proactive
    overdue = {r["id"] for r in cli.ok("list", "--overdue", "--limit", "1000")}
    assert {filed, opened} <= overdue  # both due dates are long past


def test_a_day_off_added_to_the_calendar_moves_open_appeal_due_dates(cli, cases, demo_db):
    from datetime import date

    from app.services import production_calendar

    filed = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-19T10:00")["id"]
    opened = _open(cli, cases[1])["id"]
    with demo_db.session() as session:
        production_calendar.set_day(session, date(2025, 3, 26), False, "test")  # Wednesday 26 March off
    records = {r["id"]: r for r in cli.ok("list", "--limit", "1000")}
    assert records[filed]["due"] == "2025-03-27"  # Thu 20 (1), 26 off, Thu 27 (2)
    assert records[opened]["due"] == "2025-03-31"  # 27 (1), 28 (2), Mon 31 March (3)


def test_73_3_heavier_reads_the_group_first_then_the_degrees():
    from datetime import date

    from app.domain.appeals import effective_from, heavier

    assert heavier({"group": "II"}, {"group": "I"}) and not heavier({"group": "II"}, {"group": "III"})
    assert heavier({"group": "none"}, {"group": "III"}) and not heavier({"group": "III"}, {"group": "none"})
    assert heavier({"group": "II", "uot_percent": 40}, {"group": "II", "uot_percent": 60})  # degree raised
    assert not heavier({"group": "II", "uot_percent": 40}, {"group": "III", "uot_percent": 80})  # group decides
    assert not heavier({"group": "II"}, {"group": "II"})  # unchanged: (2)
    established, suspended, concluded = date(2025, 2, 26), date(2025, 3, 31), date(2025, 4, 3)
    assert effective_from({"group": "III"}, {"group": "II"}, established, suspended, concluded) == established
    assert effective_from({"group": "II"}, {"group": "II"}, established, suspended, concluded) == suspended
    assert effective_from({"group": "II"}, {"group": "III"}, established, None, concluded) == concluded


def test_the_control_departments_own_list_holds_the_appeals_sent_to_it(cli, cases, demo_db):
    from app.services import listings

    appeal = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    cli.ok("register", appeal, "--at", "2025-03-05T10:00")
    code = cli.ok("forward", appeal, "--at", "2025-03-06T10:00")["control_department"]
    with demo_db.session() as session:
        control = session.scalar(select(m.Department.id).where(m.Department.code == code))
        home = session.scalar(select(m.DraftAct.department_id).where(m.DraftAct.number == cases[0]["number"]))
        assert int(appeal) in listings.APPEALS.ids(session, department_id=control)
        assert int(appeal) in listings.APPEALS.ids(session, department_id=home)


def test_conclude_records_a_decision_the_rules_warn_about_and_prints_the_warnings(cli, cases, demo_db):
    """docs/interfaces.md §4 gives ``appeals conclude`` no confirmation flag: warnings are printed, not
    blocking; ``--strict`` refuses them; errors always refuse (see the rules test above)."""
    appeal = cli.ok("file", "--act", cases[0]["number"], "--at", "2025-03-04T10:00")["id"]
    cli.ok("register", appeal, "--at", "2025-03-05T10:00")
    cli.ok("forward", appeal, "--at", "2025-03-06T10:00")
    warned = cli.tmp_path / "warned.json"  # §64: degree 2 of work fits 60-79 %, not 45 %
    warned.write_text(json.dumps({**conclusion(), "uot_percent": 45}), encoding="utf-8")
    before = snapshot(demo_db)
    assert "§64" in cli.refused("conclude", appeal, "--decision", warned, "--strict", "--at", "2025-03-07T10:00")
    assert snapshot(demo_db) == before
    concluded = cli.ok("conclude", appeal, "--decision", warned, "--at", "2025-03-07T10:00")
    assert concluded["status"] == "concluded" and [w["rule"] for w in concluded["warnings"]] == ["§64"]


def test_once_sign_in_is_on_the_signed_in_role_decides_each_step(demo_db, cases):
    """Sign-in meets §56: the registrar may file but not register; the deputy head registers
    whatever acting role the caller shows; nobody signed in is refused.  Nothing changes on a refusal."""
    from app.domain.permissions import PermissionDenied, Role, SignInRequired
    from app.services import accounts
    from app.services.appeals import workflow

    accounts.add_signing_in_first(demo_db, "admin", Role.ADMIN, "admin-password-1")
    with demo_db.session() as session:
        for name, role in (("dana", Role.REGISTRAR), ("erlan", Role.DEPUTY_HEAD)):
            accounts.add(session, name, role, f"{name}-password-1")
    accounts.sign_out(demo_db)
    at = datetime(2025, 3, 19, 10, tzinfo=KZ_TIME)
    with pytest.raises(SignInRequired), demo_db.session() as session:
        workflow.file_appeal(session, cases[0]["number"], at)
    accounts.sign_in(demo_db, "dana", "dana-password-1")
    with demo_db.session() as session:
        filed = workflow.file_appeal(session, cases[0]["number"], at)
    before = snapshot(demo_db)
    with pytest.raises(PermissionDenied, match="register an appeal"), demo_db.session() as session:
        workflow.register(session, int(filed["id"]), at, actor_role="deputy_head")
    assert snapshot(demo_db) == before
    accounts.sign_in(demo_db, "erlan", "erlan-password-1")
    with demo_db.session() as session:
        registered = workflow.register(session, int(filed["id"]), at, actor_role="registrar")
    assert registered["status"] == "registered"


@pytest.mark.parametrize(("lang", "words"), [("en", "does not hold the post: Deputy head."),
                                             ("ru", "не занимает должность: Заместитель руководителя"),
                                             ("kk", "бұл лауазымда емес:")])
def test_a_staff_member_of_another_post_cannot_register_an_appeal(demo_db, cases, lang, words):
    """§56: the deputy head registers an appeal; a staff member named who holds another post is
    refused in one sentence naming the post in the reader's language, and nothing changes."""
    from app.services.appeals import workflow
    from app.errors import UserError

    at = datetime(2025, 3, 19, 10, tzinfo=KZ_TIME)
    with demo_db.session() as session:
        filed = workflow.file_appeal(session, cases[0]["number"], at)
        head = session.scalar(select(m.StaffMember.id).where(m.StaffMember.role == m.StaffRole.HEAD).limit(1))
    before = snapshot(demo_db)
    with pytest.raises(UserError) as refused, demo_db.session() as session:
        workflow.register(session, int(filed["id"]), at, staff_id=head)
    assert refused.value.text(lang).startswith({"en": "Staff member", "ru": "Сотрудник"}.get(lang, ""))
    assert words in refused.value.text(lang) and "deputy_head" not in refused.value.text(lang)
    assert snapshot(demo_db) == before
