"""Admission to the registry of independent experts through ``saraptama registry …``
(docs/interfaces.md §4), tested against the Registry Rules (seed ``001_…``, order No. 393 in the
edition of No. 494) as they say it:

p. 7 "Комитет в течение 5 (пяти) рабочих дней после дня приема заявления: ... направляет
претенденту СМС-уведомление о необходимости прохождения обязательного тестирования ... в
течение 10 (десяти) календарных дней после дня получения уведомления; ... об отказе в приеме
заявления ... с указанием причины".

p. 9 "Результаты тестирования считаются положительными при наличии не менее 70 % верных
ответов от общего числа вопросов и положительного заключения системы прокторинга. В случае
получения менее 70 % верных ответов и/или отрицательного результата прокторинга и/или
возникновения технических сбоев ... однократное повторное тестирование ... допускается".

p. 10 "При положительном результате тестирования, Комитет в течение 5 (пяти) рабочих дней
принимает решение о включении в реестр, формирует договор ... В случае, если независимый
эксперт МСЭ в течение 3 (трех) рабочих дней не подписал договор ЭЦП, ему автоматически
направляется СМС-уведомление об отказе" (App 5).

p. 11 "Комитет в течение 3 (трех) рабочих дней со дня подписания договора ... вносит его
данные в реестр".

The 2025 calendar (checked by hand): 1-2 January holidays, Friday 3 January a day off moved to
the working Sunday 5 January, 7 January Orthodox Christmas; 8 March (Saturday) moved to Monday
10 March; Nauryz 21-23 March with the weekend days moved to Monday 24 and Tuesday 25 March, so
21-25 March are all days off.  A period "within N working days after the day of X" starts on
the next day and ends at 18:00 of its N-th working day; "10 calendar days after the day" ends at
23:59 of the tenth day (docs/domain.md §8).
"""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import func, select

from app import models as m
from tests.cli_runner import Cli
from app.domain.iin import make_iin

from datetime import date

APPLICANT_IIN = make_iin(date(1979, 4, 12), "female", 4321)
OTHER_IIN = make_iin(date(1983, 9, 2), "male", 1234)
KAZAKH_NAME = ("Әбілқасымова", "Гүлнұр", "Серікқызы")  # Ә, ү, ұ, қ, і: letters Kazakh alone has


pytestmark = pytest.mark.usefixtures("english")


def application(iin: str = APPLICANT_IIN, **documents) -> dict:
    return {"iin": iin, "last_name": KAZAKH_NAME[0], "first_name": KAZAKH_NAME[1], "middle_name": KAZAKH_NAME[2],
            "region": "75", "address": "Алматы, Абай даңғылы, 10", "email": "gulnur@example.kz",
            "phone": "+77011234567", "specialty_profile": "Онкология", "nosologies": ["C00-C97", "D00-D09"],
            "documents": {"diploma": True, "experience_years": 8, "clinical_certificate_valid_until": "2027-01-01",
                          "training_hours": 60, "mse_experience_years": 0, "bmg_registered": True, **documents}}


class Registry(Cli):
    """``saraptama --data-dir D registry …`` (the group named in each call), its JSON answer or its
    one-line message."""

    def apply(self, at: str, **fields) -> str:
        path = self.tmp_path / f"application-{at.replace(':', '')}.json"
        path.write_text(json.dumps({**application(), **fields}, ensure_ascii=False), encoding="utf-8")
        result = self.ok("registry", "apply", path, "--at", at)
        assert result["status"] == "submitted" and result["messages"] == []
        return result["id"]


@pytest.fixture
def registry(capsys, data_dir, tmp_path) -> Registry:
    return Registry(capsys, data_dir, tmp_path)


def snapshot(db) -> dict:
    """Everything a step could change."""
    with db.session() as session:
        counts = {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                  for model in (m.RegistryApplication, m.RegistryStep, m.OutboxMessage, m.StaffMember)}
        apps = [(a.id, a.status.value, a.due_at, a.test_attempts)
                for a in session.scalars(select(m.RegistryApplication))]
        return {**counts, "applications": apps}


# -- the whole way, with the dates of the 2025 calendar ------------------------------------------
def test_from_application_to_inclusion_across_nauryz(registry, db):
    app_id = registry.apply("2025-03-19T10:00")  # Wednesday before Nauryz
    with db.session() as session:
        # p. 7: Thu 20 (1), 21-25 March off, Wed 26 (2), Thu 27 (3), Fri 28 (4), Mon 31 (5)
        assert session.get(m.RegistryApplication, int(app_id)).due_at.isoformat() == "2025-03-31T13:00:00+00:00"
    checked = registry.ok("registry", "check", app_id, "--complete", "--at", "2025-03-20T11:00")
    # p. 7(2): 10 calendar days after Thursday 20 March, Nauryz or not: Sunday 30 March, 23:59
    assert checked["status"] == "awaiting_test" and checked["due"] == "2025-03-30T23:59+05:00"
    assert {(x["lang"], x["to"]) for x in checked["messages"]} == {("kk", "+77011234567"), ("ru", "+77011234567")}
    tested = registry.ok("registry", "test", app_id, "--score", 63, "--proctoring", "pass", "--at", "2025-03-20T15:00")
    # p. 10: 5 working days: Wed 26, Thu 27, Fri 28, Mon 31 March, Tue 1 April
    assert tested == {"id": app_id, "status": "passed", "due": "2025-04-01T18:00+05:00", "messages": []}
    sent = registry.ok("registry", "contract", app_id, "--at", "2025-03-20T16:30")
    assert sent["status"] == "contract_sent" and sent["due"] == "2025-03-28T18:00+05:00"  # 26, 27, 28 March
    signed = registry.ok("registry", "sign", app_id, "--at", "2025-03-26T09:30")
    assert signed["status"] == "signed" and signed["due"] == "2025-03-31T18:00+05:00"  # 27, 28, 31 March (p. 11)
    included = registry.ok("registry", "include", app_id, "--at", "2025-03-27T10:00")
    assert included["status"] == "included" and included["due"] is None
    with db.session() as session:
        expert = session.get(m.StaffMember, int(included["expert"]))
        assert (expert.role, expert.status) == (m.StaffRole.INDEPENDENT, m.RegistryStatus.INCLUDED)
        assert (expert.iin, expert.full_name, expert.region_code) == (APPLICANT_IIN, " ".join(KAZAKH_NAME), "75")
        assert expert.included_on == date(2025, 3, 27) and expert.registry_number == 1
        assert expert.nosologies == ["C00-C97", "D00-D09"]
        steps = [s.step for s in session.get(m.RegistryApplication, int(app_id)).steps]
    assert steps == ["apply", "check", "test", "contract", "sign", "include"]


def test_the_working_sunday_counts_and_christmas_does_not(registry):
    app_id = registry.apply("2024-12-30T10:00")  # Monday
    # p. 7: Tue 31 Dec (1), Sun 5 Jan (2), Mon 6 (3), Wed 8 (4), Thu 9 January (5)
    checked = registry.ok("registry", "check", app_id, "--complete", "--at", "2024-12-31T10:00")
    assert checked["due"] == "2025-01-10T23:59+05:00"  # 10 calendar days after 31 December
    registry.ok("registry", "test", app_id, "--score", 80, "--proctoring", "pass", "--at", "2024-12-31T12:00")
    sent = registry.ok("registry", "contract", app_id, "--at", "2024-12-31T14:00")
    assert sent["due"] == "2025-01-08T18:00+05:00"  # p. 10: Sun 5 (1), Mon 6 (2), Wed 8 January (3)
    assert registry.ok("registry", "tick", "--at", "2025-01-08T18:00") == []  # not yet run out
    refused = registry.ok("registry", "tick", "--at", "2025-01-08T18:01")
    assert [(r["id"], r["status"], r["due"]) for r in refused] == [(app_id, "refused", None)]
    assert {x["lang"] for x in refused[0]["messages"]} == {"kk", "ru"}


def test_the_document_check_is_due_after_the_working_sunday(registry, db):
    registry.apply("2024-12-30T10:00")
    with db.session() as session:
        due = session.scalar(select(m.RegistryApplication.due_at))
    assert due.isoformat() == "2025-01-09T13:00:00+00:00"  # Thursday 9 January, 18:00 in Kazakhstan


# -- the check (p. 7, App 3, App 4) ----------------------------------------------------------------
def test_refusal_names_the_app_4_reasons_in_both_languages(registry):
    app_id = registry.apply("2025-03-03T10:00")
    refused = registry.ok("registry", "check", app_id, "--refuse", "missing_bmg", "expired_certificate",
                          "--at", "2025-03-05T10:00")
    assert refused["status"] == "refused" and refused["due"] is None
    texts = {x["lang"]: x["text"] for x in refused["messages"]}
    assert "Уведомляем Вас об отказе в приеме заявления" in texts["ru"]  # App 4
    assert "1. Представлением неполного пакета документов" in texts["ru"]
    assert "отсутствием скриншота о регистрации абонентского номера телефона в базе мобильных граждан" in texts["ru"]
    assert "2. Представлением документов с истечением срока их действия" in texts["ru"]
    assert texts["ru"].startswith("Уважаемый(ая) " + " ".join(KAZAKH_NAME) + "!")
    assert texts["kk"].startswith("Құрметті " + " ".join(KAZAKH_NAME) + "!") and "БМГ" in texts["kk"]


def test_complete_is_refused_while_the_declared_documents_show_a_gap(registry, db):
    """p. 5(4): training of 60 hours unless more than 5 years in MSE departments."""
    app_id = registry.apply("2025-03-03T10:00", documents={**application()["documents"], "training_hours": 30,
                                                          "mse_experience_years": 5})
    before = snapshot(db)
    message = registry.refused("registry", "check", app_id, "--complete", "--at", "2025-03-04T10:00")
    assert "training" in message and snapshot(db) == before
    waived = registry.apply("2025-03-03T11:00", iin=OTHER_IIN,
                            documents={**application()["documents"], "training_hours": 0, "mse_experience_years": 6})
    assert registry.ok("registry", "check", waived, "--complete", "--at", "2025-03-04T10:00")["status"] == \
        "awaiting_test"


def test_an_expired_certificate_on_the_day_of_the_check(registry):
    app_id = registry.apply("2025-03-03T10:00",
                            documents={**application()["documents"], "clinical_certificate_valid_until": "2025-03-03"})
    assert "expiry of the specialist certificate" in registry.refused(
        "registry", "check", app_id, "--complete", "--at", "2025-03-04T10:00")


def test_the_app_3_sms(registry):
    app_id = registry.apply("2025-03-03T10:00")
    sms = {x["lang"]: x["text"] for x in registry.ok("registry", "check", app_id, "--complete", "--at",
                                                      "2025-03-04T10:00")["messages"]}
    assert sms["ru"] == (f"Уважаемый(ая) {' '.join(KAZAKH_NAME)}! Для включения в реестр независимых экспертов "
                         "медико-социальной экспертизы Вам необходимо пройти тестирование на платформе "
                         "skills.enbek.kz в течение 10 (десяти) календарных дней после дня получения данного "
                         "СМС-уведомления.")
    assert "10 (он) күнтізбелік күн" in sms["kk"] and "skills.enbek.kz" in sms["kk"]


# -- the test (p. 8-9, App 5) ----------------------------------------------------------------------
def awaiting(registry, at="2025-03-03T10:00", **fields) -> str:
    app_id = registry.apply(at, **fields)
    registry.ok("registry", "check", app_id, "--complete", "--at", "2025-03-04T10:00")
    return app_id


def test_63_of_90_passes_and_62_does_not(registry):
    """p. 9: 70 % of 90 questions is 63."""
    low = awaiting(registry)
    high = awaiting(registry, "2025-03-03T11:00", iin=OTHER_IIN)
    failed = registry.ok("registry", "test", low, "--score", 62, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    passed = registry.ok("registry", "test", high, "--score", 63, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    assert (failed["status"], passed["status"]) == ("retest_allowed", "passed")
    # the retest has its own 10 calendar days from the failed attempt's notice: to Saturday 15 March
    assert failed["due"] == "2025-03-15T23:59+05:00" and {x["lang"] for x in failed["messages"]} == {"kk", "ru"}
    assert passed["due"] == "2025-03-13T18:00+05:00"  # Thu 6, Fri 7, (Mon 10 off), Tue 11, Wed 12, Thu 13 March


def test_the_second_failure_refuses_with_app_5(registry, db):
    app_id = awaiting(registry)
    registry.ok("registry", "test", app_id, "--score", 40, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    refused = registry.ok("registry", "test", app_id, "--score", 62, "--proctoring", "pass", "--at", "2025-03-07T10:00")
    assert refused["status"] == "refused" and refused["due"] is None
    texts = {x["lang"]: x["text"] for x in refused["messages"]}
    assert "Уведомляем Вас об отказе на включение в реестр" in texts["ru"]
    assert "отрицательным результатом тестирования на платформе skills.enbek.kz" in texts["ru"]
    assert "прокторинга" not in texts["ru"]
    message = registry.refused("registry", "test", app_id, "--score", 90, "--proctoring", "pass", "--at",
                               "2025-03-08T10:00")
    assert "'Refused'" in message and "nothing" in message  # a third test: the procedure has ended


def test_negative_proctoring_fails_even_a_full_score(registry):
    app_id = awaiting(registry)
    first = registry.ok("registry", "test", app_id, "--score", 90, "--proctoring", "fail", "--at", "2025-03-05T10:00")
    assert first["status"] == "retest_allowed"
    second = registry.ok("registry", "test", app_id, "--score", 90, "--proctoring", "fail", "--at", "2025-03-06T10:00")
    ru = next(x["text"] for x in second["messages"] if x["lang"] == "ru")
    assert second["status"] == "refused" and "отрицательным результатом прокторинга" in ru
    assert "отрицательным результатом тестирования" not in ru


def test_a_technical_failure_allows_the_retest(registry):
    app_id = awaiting(registry)
    first = registry.ok("registry", "test", app_id, "--score", 0, "--proctoring", "pass", "--technical-failure",
                        "--at", "2025-03-05T10:00")
    assert first["status"] == "retest_allowed" and first["due"] == "2025-03-15T23:59+05:00"
    assert registry.ok("registry", "test", app_id, "--score", 70, "--proctoring", "pass", "--at",
                       "2025-03-14T10:00")["status"] == "passed"


def test_a_technical_failure_of_the_retest_voids_it_and_opens_a_new_window(registry):
    """p. 9: a retest is allowed after "технических сбоев в работе информационных систем государственных органов,
    подтвержденных актом о техническом сбое"; App 5 refuses only for a negative result, negative proctoring or
    no test in the 10 days — none of which a failure of the state's systems is.  The voided attempt does not
    use up the one retest ("однократное повторное тестирование")."""
    app_id = awaiting(registry)
    registry.ok("registry", "test", app_id, "--score", 40, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    voided = registry.ok("registry", "test", app_id, "--score", 0, "--proctoring", "pass", "--technical-failure",
                         "--at", "2025-03-07T10:00")
    # a new p. 7(2) window of 10 calendar days after the day of the notice: 8-17 March
    assert (voided["status"], voided["due"]) == ("retest_allowed", "2025-03-17T23:59+05:00")
    refused = registry.ok("registry", "test", app_id, "--score", 50, "--proctoring", "pass", "--at",
                          "2025-03-12T10:00")
    assert refused["status"] == "refused"  # the one retest, failed


def test_no_test_within_ten_calendar_days_is_refused_by_tick(registry):
    app_id = awaiting(registry)  # SMS on Tuesday 4 March: window to Friday 14 March, 23:59
    assert registry.ok("registry", "tick", "--at", "2025-03-14T23:59") == []
    late = registry.refused("registry", "test", app_id, "--score", 80, "--proctoring", "pass", "--at",
                            "2025-03-15T09:00")
    assert "ran out" in late
    refused = registry.ok("registry", "tick", "--at", "2025-03-15T00:00")
    ru = next(x["text"] for x in refused[0]["messages"] if x["lang"] == "ru")
    assert "не прохождением обязательного или повторного тестирования" in ru


def test_tick_twice_changes_nothing_the_second_time(registry, db):
    awaiting(registry)
    signing = awaiting(registry, "2025-03-03T11:00", iin=OTHER_IIN)
    registry.ok("registry", "test", signing, "--score", 70, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    registry.ok("registry", "contract", signing, "--at", "2025-03-05T11:00")  # to sign by Tuesday 11 March
    first = registry.ok("registry", "tick", "--at", "2025-03-20T10:00")
    assert sorted(r["status"] for r in first) == ["refused", "refused"]
    sms = [x["text"] for r in first for x in r["messages"] if x["lang"] == "ru"]
    assert any("не подписанием договора в течение 3 (трех) рабочих дней" in text for text in sms)
    before = snapshot(db)
    assert registry.ok("registry", "tick", "--at", "2025-03-20T10:00") == []
    assert snapshot(db) == before


def test_the_office_s_own_deadlines_make_an_application_overdue_not_refused(registry, db):
    """p. 7, p. 10, p. 11 bind the Committee: the applicant is not refused for its delay."""
    registry.apply("2025-03-03T10:00")
    assert registry.ok("registry", "tick", "--at", "2025-04-30T10:00") == []


# -- steps out of order ----------------------------------------------------------------------------
@pytest.mark.parametrize(("steps", "wrong", "state", "next_steps"), [
    ((), ("sign",), "Application submitted", "check"),
    ((), ("include",), "Application submitted", "check"),
    (("check",), ("contract",), "Awaiting test", "test"),
    (("check", "test"), ("test", "--score", 80, "--proctoring", "pass"), "Test passed", "contract"),
    (("check", "test", "contract"), ("include",), "Contract sent", "sign"),
])
def test_a_step_out_of_order_names_the_state_and_changes_nothing(registry, db, steps, wrong, state, next_steps):
    app_id = registry.apply("2025-03-03T10:00")
    arguments = {"check": ("--complete",), "test": ("--score", 80, "--proctoring", "pass"), "contract": ()}
    for number, step in enumerate(steps, start=4):
        registry.ok("registry", step, app_id, *arguments[step], "--at", f"2025-03-{number:02d}T10:00")
    before = snapshot(db)
    message = registry.refused("registry", wrong[0], app_id, *wrong[1:], "--at", "2025-03-07T11:00")
    assert f"'{state}'" in message and message.endswith(f"next may come: {next_steps}.")
    assert snapshot(db) == before


def test_a_step_dated_before_the_last_one_is_refused(registry, db):
    app_id = awaiting(registry)
    before = snapshot(db)
    assert "before the application's last step" in registry.refused(
        "registry", "test", app_id, "--score", 80, "--proctoring", "pass", "--at", "2025-03-03T12:00")
    assert snapshot(db) == before


def test_the_refusal_speaks_the_chosen_language(registry):
    app_id = registry.apply("2025-03-03T10:00")
    message = registry.refused("registry", "sign", app_id, "--at", "2025-03-04T10:00", lang="ru")
    assert "Заявление подано" in message or "подан" in message


# -- exclusion (p. 13) -----------------------------------------------------------------------------
def included(registry) -> str:
    app_id = awaiting(registry)
    registry.ok("registry", "test", app_id, "--score", 75, "--proctoring", "pass", "--at", "2025-03-05T10:00")
    registry.ok("registry", "contract", app_id, "--at", "2025-03-05T11:00")
    registry.ok("registry", "sign", app_id, "--at", "2025-03-06T10:00")
    return registry.ok("registry", "include", app_id, "--at", "2025-03-07T10:00")["expert"]


def test_reason_2_bars_a_later_application_of_the_same_iin(registry, db, tmp_path):
    expert_id = included(registry)
    excluded = registry.ok("registry", "exclude", expert_id, "--reason", 2, "--at", "2025-06-02T10:00")
    assert excluded["status"] == "excluded" and excluded["excluded_on"] == "2025-06-02"
    path = tmp_path / "again.json"
    path.write_text(json.dumps(application(), ensure_ascii=False), encoding="utf-8")
    before = snapshot(db)
    message = registry.refused("registry", "apply", path, "--at", "2026-01-12T10:00")
    assert "p. 13(2)" in message and "2 June 2025" in message and "may not be included again" in message
    assert APPLICANT_IIN not in message and KAZAKH_NAME[0] not in message
    assert snapshot(db) == before


@pytest.mark.parametrize("reason", [1, 3, 4, 5, 6])
def test_other_reasons_leave_a_new_application_possible(registry, db, reason):
    expert_id = included(registry)
    registry.ok("registry", "exclude", expert_id, "--reason", reason, "--at", "2025-06-02T10:00")
    with db.session() as session:
        expert = session.get(m.StaffMember, int(expert_id))
        assert (expert.status, expert.exclusion_reason) == (m.RegistryStatus.EXCLUDED, reason)
    again = registry.apply("2025-09-01T10:00")
    assert again != "1"
    assert "not an independent expert in the registry" in registry.refused(
        "registry", "exclude", expert_id, "--reason", 3, "--at", "2025-09-02T10:00")


def test_an_application_while_another_is_open_or_the_expert_is_in_the_registry(registry, tmp_path):
    registry.apply("2025-03-03T10:00")
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(application(), ensure_ascii=False), encoding="utf-8")
    assert "already under way" in registry.refused("registry", "apply", path, "--at", "2025-03-04T10:00")


# -- personal data ---------------------------------------------------------------------------------
def test_no_message_log_or_audit_entry_holds_the_applicant_s_data(registry, db, data_dir, tmp_path):
    bad = tmp_path / "bad.json"
    wrong_iin = APPLICANT_IIN[:-1] + str((int(APPLICANT_IIN[-1]) + 1) % 10)
    bad.write_text(json.dumps(application(iin=wrong_iin), ensure_ascii=False), encoding="utf-8")
    messages = [registry.refused("registry", "apply", bad, "--at", "2025-03-03T10:00")]
    bad.write_text(json.dumps({**application(), "phone": "call me"}, ensure_ascii=False), encoding="utf-8")
    messages.append(registry.refused("registry", "apply", bad, "--at", "2025-03-03T10:00"))
    app_id = registry.apply("2025-03-03T10:00")
    messages.append(registry.refused("registry", "sign", app_id, "--at", "2025-03-04T10:00"))
    registry.ok("registry", "check", app_id, "--complete", "--at", "2025-03-04T10:00")
    logging.shutdown()
    logged = "".join(p.read_text(encoding="utf-8") for p in (data_dir / "logs").glob("*.log"))
    with db.session() as session:
        audit = json.dumps([e.changes for e in session.scalars(select(m.AuditEntry))], ensure_ascii=False)
    for text in (*messages, logged, audit):
        for secret in (APPLICANT_IIN, wrong_iin, KAZAKH_NAME[0], "+77011234567", "Абай даңғылы"):
            assert secret not in text


def test_a_day_off_marked_later_moves_the_open_due_dates(registry, db):
    """docs/domain.md §8: working days follow the production calendar as the administrator keeps it."""
    from app.services import production_calendar
    app_id = registry.apply("2025-03-03T10:00")  # Tue 4, Wed 5, Thu 6, Fri 7, (Mon 10 off), Tue 11
    with db.session() as session:
        assert session.get(m.RegistryApplication, int(app_id)).due_at.isoformat() == "2025-03-11T13:00:00+00:00"
        moved = production_calendar.set_day(session, date(2025, 3, 5), False, "test")
    with db.session() as session:
        assert moved >= 1
        assert session.get(m.RegistryApplication, int(app_id)).due_at.isoformat() == "2025-03-12T13:00:00+00:00"
