"""The check of one expert decision (``check``) and the ``saraptama rules check`` request
(``check_request``, docs/interfaces.md §4)."""

from datetime import date, timedelta

import pytest

from app.domain.clock import today_kz
from app.domain.rules import check, check_request
from app.errors import UserError

EXAM = date(2025, 3, 3)
ADULT = date(1980, 5, 15)
SEVEN_TODAY = date(2018, 3, 3)      # 7th birthday on EXAM
EIGHTEEN_TODAY = date(2007, 3, 3)   # 18th birthday on EXAM


def decision(**changes):
    base = {"outcome": "conclusion", "group": "II", "cause": "general_disease", "term": "1y",
            "uot_percent": None, "upt_percent": None,
            "restrictions": {"self_care": 0, "mobility": 2, "learning": 0, "work": 0,
                             "orientation": 0, "communication": 0, "behavior": 0, "play": 0,
                             "motor": 0}}
    base.update(changes)
    return base


def run(d, *, born=ADULT, on=EXAM, kind="primary", **options):
    return check(d, birth_date=born, exam_date=on, kind=kind, **options)


def rules(result, severity=None):
    return [f.rule for f in result.findings if severity in (None, f.severity)]


# ---------------------------------------------------------------- groups


def test_consistent_decision_is_ok():
    result = run(decision())
    assert result.ok and result.findings == ()
    assert result.suggested_group == "II"
    assert result.term_end == date(2026, 3, 3)


def test_p58_61_group_disagreeing_with_restrictions_is_an_error():
    result = run(decision(group="I"))
    assert not result.ok
    assert rules(result, "error") == ["§58–61"]
    assert result.suggested_group == "II"


def test_p19_group_without_any_restriction_is_an_error():
    result = run(decision(restrictions={"mobility": 0}))
    assert rules(result, "error") == ["§19"]
    assert result.suggested_group == "none"


def test_p19_none_with_no_restriction_is_ok():
    result = run(decision(group="none", cause=None, term=None, restrictions={}))
    assert result.ok and result.allowed_terms == ()


def test_p26_adult_group_for_a_child_is_an_error():
    result = run(decision(cause="child_7_18", term="1y"), born=date(2013, 1, 1))
    assert rules(result, "error") == ["§26"]


def test_p58_61_missing_restrictions_warn():
    result = run(decision(restrictions=None))
    assert result.ok and rules(result) == ["§58–61"] and result.suggested_group is None


def test_p61_work_capacity_under_7_warns():
    result = run(decision(group="child", cause="child_under_7", restrictions={"work": 2,
                                                                              "motor": 1}),
                 born=date(2021, 1, 1))
    assert result.ok and rules(result) == ["§61"]


def test_children_categories_for_adults_warn():
    result = run(decision(restrictions={"mobility": 2, "motor": 3}))
    assert result.ok and rules(result) == ["§58–61"]


# ---------------------------------------------------------------- boundary ages


def test_day_before_7th_birthday_child_category_until_7():
    result = run(decision(group="child", cause="child_under_7", term="until_7"),
                 born=SEVEN_TODAY + timedelta(days=1))
    assert result.ok, result.findings
    assert result.allowed_terms == ("6m", "1y", "2y", "5y", "until_7")
    assert result.term_end == date(2025, 3, 4)


def test_on_7th_birthday_the_child_category_is_wrong():
    result = run(decision(group="child", cause="child_under_7", term="until_7"), born=SEVEN_TODAY)
    assert rules(result, "error") == ["§26", "§27", "§30"]
    good = run(decision(group="child_II", cause="child_7_18", term="until_18"), born=SEVEN_TODAY)
    assert good.ok and good.term_end == date(2036, 3, 3)


def test_day_after_7th_birthday():
    result = run(decision(group="child_II", cause="child_7_18", term="2y"),
                 born=SEVEN_TODAY - timedelta(days=1))
    assert result.ok and result.allowed_terms == ("6m", "1y", "2y", "5y", "until_18")


def test_day_before_18th_birthday_child_groups():
    born = EIGHTEEN_TODAY + timedelta(days=1)
    assert run(decision(group="child_II", cause="child_7_18", term="until_18"), born=born).ok
    assert rules(run(decision(term="until_18"), born=born), "error") == ["§26"]


def test_on_18th_birthday_adult_groups():
    result = run(decision(), born=EIGHTEEN_TODAY)
    assert result.ok and result.allowed_terms == ("6m", "1y", "2y", "5y", "no_term")
    child = run(decision(group="child_II", cause="child_7_18", term="until_18"), born=EIGHTEEN_TODAY)
    assert rules(child, "error") == ["§26", "§27", "§30"]


def test_day_after_18th_birthday_since_childhood():
    result = run(decision(cause="since_childhood"), born=EIGHTEEN_TODAY - timedelta(days=1))
    assert result.ok


def test_p26_child_term_past_the_birthday_warns():
    result = run(decision(group="child_II", cause="child_7_18", term="5y"), born=date(2010, 6, 1))
    assert result.ok and rules(result) == ["§26"]


# ---------------------------------------------------------------- causes


def test_p27_cause_not_allowed_for_age_is_an_error():
    assert rules(run(decision(cause="child_under_7")), "error") == ["§27"]
    assert rules(run(decision(group="child", cause="since_childhood", term="1y"),
                     born=date(2021, 1, 1)), "error") == ["§27"]


def test_p27_general_disease_for_a_child_warns():
    result = run(decision(group="child_II", cause="general_disease"), born=date(2012, 1, 1))
    assert result.ok and rules(result) == ["§27"]


@pytest.mark.parametrize("cause", ["service_related", "ecological"])
def test_p27_causal_link_warns(cause):
    result = run(decision(cause=cause))
    assert result.ok and rules(result, "warning") == ["§27"]


def test_p27_p30_conclusion_needs_cause_and_term():
    assert rules(run(decision(cause=None, term=None)), "error") == ["§27", "§30"]


def test_p28_upt_with_a_non_occupational_cause_is_an_error():
    assert rules(run(decision(upt_percent=40, restrictions={"work": 1}, group="III")),
                 "error") == ["§28"]
    ok = run(decision(cause="work_injury", upt_percent=40, restrictions={"work": 1}, group="III"))
    assert ok.ok and ok.findings == ()


def test_p42_proactive_repeat_with_occupational_cause():
    result = run(decision(cause="occupational_disease"), kind="repeat", mode="proactive")
    assert rules(result, "error") == ["§42"]
    assert run(decision(cause="ecological"), kind="repeat", mode="proactive").ok


def test_p42_upt_is_not_proactive():
    result = run(decision(cause="work_injury", upt_percent=40, group="III",
                          restrictions={"work": 1}), mode="proactive")
    assert rules(result, "error") == ["§42", "§42"]


# ---------------------------------------------------------------- terms


@pytest.mark.parametrize(("born", "group", "cause", "term"), [
    (date(2015, 1, 1), "child_II", "child_7_18", "until_7"),
    (date(2015, 1, 1), "child_II", "child_7_18", "no_term"),
    (date(2021, 1, 1), "child", "child_under_7", "until_18"),
    (ADULT, "II", "general_disease", "until_18"),
])
def test_p30_term_not_allowed_for_age_is_an_error(born, group, cause, term):
    result = run(decision(group=group, cause=cause, term=term), born=born)
    assert rules(result, "error") == ["§30"] and result.term_end is None


def test_p31_no_term_without_grounds_warns():
    result = run(decision(term="no_term"))
    assert result.ok and rules(result) == ["§31"] and result.term_end is None


def test_p31_no_term_with_an_app10_defect_is_clean():
    result = run(decision(group="II", term="no_term", restrictions={"mobility": 2}),
                 grounds={"app10_item": "2.2"})
    assert result.ok and result.findings == ()


def test_p31_no_term_after_observation():
    result = run(decision(term="no_term"), kind="repeat", grounds={"observation_years": 5})
    assert result.findings == ()


def test_p31_3_no_term_at_pension_age():
    result = run(decision(term="no_term", rehab_prognosis="unfavorable"), born=date(1960, 1, 1),
                 sex="male")
    assert result.findings == ()


def test_p32_five_years_without_app11_warns():
    assert rules(run(decision(term="5y"))) == ["§32"]
    assert run(decision(term="5y"), grounds={"app11_item": "8"}).findings == ()


def test_app7_item_must_give_the_term():
    result = run(decision(group="child_II", cause="child_7_18", term="2y"), born=date(2012, 1, 1),
                 grounds={"app7_item": "3.1"})
    assert result.ok and rules(result) == ["App 7"]


def test_p21_in_absentia_term_over_a_year_is_an_error():
    result = run(decision(term="2y"), mode="in_absentia")
    assert rules(result, "error") == ["§21"]
    assert result.allowed_terms == ("6m", "1y")
    assert run(decision(term="1y"), mode="in_absentia").ok


WORK_1 = {"work": 1}


def test_p33_capacity_only_terms():
    base = decision(group="none", cause="general_disease", restrictions=WORK_1, uot_percent=40)
    assert rules(run({**base, "term": "2y"}, insured=True)) == ["§58–61"]  # a warning (§57)
    result = run({**base, "term": "until_7"})
    assert rules(result, "error") == ["§33"]
    assert run(base).allowed_terms == ("6m", "1y", "2y", "5y", "no_term")  # an adult is past eighteen


def test_p33_terms_of_uot_alone_follow_the_age():
    """§33: "until eighteen" is for a minor, "until the age of art. 207" for an adult."""
    adult = decision(group="none", restrictions=WORK_1, uot_percent=40, term="until_18")
    assert rules(run(adult), "error") == ["§33"]
    child = decision(group="none", cause="child_7_18", restrictions=WORK_1, uot_percent=40, term="no_term")
    born = date(2010, 1, 1)
    assert rules(run(child, born=born), "error") == ["§33"]
    assert "until_18" in run({**child, "term": "until_18"}, born=born).allowed_terms


@pytest.mark.parametrize("key", ["birth_date", "exam_date"])
def test_dates_in_the_future_are_refused(key):
    request = {"birth_date": "1980-05-15", "exam_date": "2025-03-03", "kind": "primary", "decision": decision()}
    with pytest.raises(UserError) as refused:
        check_request({**request, key: (today_kz() + timedelta(days=400)).isoformat()})
    assert "future" in refused.value.text("en")


def test_lists_in_messages_are_words_not_python():
    request = {"birth_date": "2020-05-15", "exam_date": "2025-03-03", "kind": "primary", "decision": decision()}
    for lang in ("en", "ru", "kk"):
        messages = [f["message"] for f in check_request(request, lang=lang)["findings"]]
        assert messages and not any("['" in text or "']" in text for text in messages)


def test_p35_upt_only_terms():
    base = decision(group="none", cause="work_injury", restrictions=WORK_1, upt_percent=20)
    assert run({**base, "term": "5y"}).ok
    assert rules(run({**base, "term": "until_18"}, born=date(2008, 1, 1)), "error") == ["§35"]
    assert run(base).allowed_terms == ("6m", "1y", "2y", "5y", "no_term")


def test_p36_upt_without_term_needs_grounds():
    base = decision(group="none", cause="work_injury", restrictions=WORK_1, upt_percent=20,
                    term="no_term")
    assert rules(run(base)) == ["§58–61", "§36"]
    assert rules(run(base, kind="repeat", grounds={"observation_years": 6})) == ["§58–61"]


def test_p19_loss_of_capacity_without_any_restriction_is_an_error():
    result = run(decision(group="none", cause="work_injury", restrictions={}, upt_percent=20))
    assert rules(result, "error") == ["§19"]


def test_p57_capacity_without_a_group_warns_where_restrictions_give_one():
    result = run(decision(group="none", cause="work_injury", restrictions={"work": 2},
                          upt_percent=65))
    assert result.ok and rules(result) == ["§58–61"]
    assert result.findings[0].params == {"suggested": "II"}


def test_p58_61_none_against_restrictions_is_an_error():
    result = run(decision(group="none", cause=None, term=None))
    assert rules(result, "error") == ["§58–61"]


def test_p19_term_when_nothing_is_established_warns():
    result = run(decision(group="none", restrictions={}, cause=None, term="1y"))
    assert result.ok and rules(result) == ["§19"]


# ---------------------------------------------------------------- УОТ, УПТ


def test_p62_uot_only_for_insured():
    d = decision(uot_percent=65, restrictions={"work": 2})
    assert run(d, insured=True).ok
    assert run(d).ok
    assert rules(run(d, insured=False), "error") == ["§62"]


def test_p63_uot_below_30_is_an_error():
    assert rules(run(decision(uot_percent=29)), "error") == ["§63"]


def test_p64_uot_outside_the_band_of_the_restriction_warns():
    result = run(decision(uot_percent=45, restrictions={"mobility": 2, "work": 2}))
    assert result.ok and rules(result) == ["§64"]
    assert run(decision(uot_percent=65, restrictions={"mobility": 2, "work": 2})).findings == ()


def test_p65_upt_below_5_is_an_error():
    result = run(decision(cause="work_injury", upt_percent=4, group="III",
                          restrictions={"work": 1}))
    assert rules(result, "error") == ["§65"]


def test_p65_upt_outside_the_band_of_the_group_warns():
    result = run(decision(cause="work_injury", upt_percent=95, group="III",
                          restrictions={"work": 1}))
    assert result.ok and rules(result) == ["§65"]


# ---------------------------------------------------------------- marks


def test_p43_45_reasons_must_belong_to_the_mark():
    result = run({"outcome": "poor_quality", "reasons": ["no_grounds_primary"]})
    assert rules(result, "error") == ["§44"]
    assert run({"outcome": "poor_quality", "reasons": ["no_lab_data"]}).ok


def test_p43_reasons_by_examination_kind():
    assert rules(run({"outcome": "unjustified", "reasons": ["no_grounds_increase"]}),
                 "error") == ["§43"]
    assert run({"outcome": "unjustified", "reasons": ["no_grounds_increase"]}, kind="repeat").ok


def test_marks_only_in_proactive_mode():
    mark = {"outcome": "mismatch", "reasons": ["diagnosis_not_in_list"]}
    assert run(mark, mode="proactive").ok
    assert rules(run(mark, mode="in_person"), "error") == ["§45"]


# ---------------------------------------------------------------- check_request


def request(**changes):
    payload = {"birth_date": "1980-05-15", "exam_date": "2025-03-03", "kind": "primary",
               "decision": decision()}
    payload.update(changes)
    return payload


def test_check_request_answer_has_exactly_the_interface_keys():
    answer = check_request(request(decision=decision(group="I", term="5y")))
    assert set(answer) == {"ok", "findings", "suggested_group", "allowed_terms", "term_end"}
    assert answer["ok"] is False
    assert answer["suggested_group"] == "II"
    assert answer["allowed_terms"] == ["6m", "1y", "2y", "5y", "no_term"]
    assert answer["term_end"] == "2030-03-03"
    assert [set(f) for f in answer["findings"]] == [{"rule", "severity", "message"}] * 2
    assert answer["findings"][0] == {
        "rule": "§58–61", "severity": "error",
        "message": "The degrees of restriction give: group II; the decision gives: group I."}


def test_check_request_ok_and_null_term_end():
    answer = check_request(request(decision=decision(term="no_term"),
                                   grounds={"app10_item": "2.2"}))
    assert answer == {"ok": True, "findings": [], "suggested_group": "II",
                      "allowed_terms": ["6m", "1y", "2y", "5y", "no_term"], "term_end": None}


def test_check_request_warnings_keep_ok_true():
    answer = check_request(request(decision=decision(term="no_term")))
    assert answer["ok"] is True
    assert [f["severity"] for f in answer["findings"]] == ["warning"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"birth_date": None}, "birth_date"),
    ({"exam_date": None}, "exam_date"),
    ({"birth_date": "15.05.1980"}, "birth_date"),
    ({"birth_date": 19800515}, "birth_date"),
    ({"exam_date": "2025-02-30"}, "exam_date"),
    ({"exam_date": "2025-13-01"}, "exam_date"),
    ({"kind": "second"}, "kind"),
    ({"kind": None}, "kind"),
    ({"decision": None}, None),
    ({"mode": "by_mail"}, "mode"),
    ({"sex": "x"}, "sex"),
    ({"insured": "yes"}, "insured"),
    ({"grounds": {"app10_item": "9.9"}}, "grounds.app10_item"),
    ({"grounds": {"app11_item": "22"}}, "grounds.app11_item"),
    ({"grounds": {"app7_item": "5.1"}}, "grounds.app7_item"),
    ({"grounds": {"observation_years": -1}}, "grounds.observation_years"),
    ({"grounds": {"app12_item": "1"}}, "grounds"),
])
def test_check_request_bad_input(changes, field):
    payload = request(**changes)
    if changes.get("birth_date", 0) is None or changes.get("exam_date", 0) is None \
            or changes.get("kind", 0) is None:
        payload = {k: v for k, v in payload.items() if v is not None}
    with pytest.raises(UserError) as caught:
        check_request(payload)
    assert caught.value.params.get("field") == field


@pytest.mark.parametrize(("changes", "field"), [
    ({"group": "IV"}, "decision.group"),
    ({"term": "3y"}, "decision.term"),
    ({"cause": "flu"}, "decision.cause"),
    ({"outcome": "maybe"}, "decision.outcome"),
    ({"uot_percent": 101}, "decision.uot_percent"),
    ({"uot_percent": -1}, "decision.uot_percent"),
    ({"upt_percent": 100.5}, "decision.upt_percent"),
    ({"upt_percent": "40"}, "decision.upt_percent"),
    ({"upt_percent": True}, "decision.upt_percent"),
    ({"restrictions": {"mobility": 4}}, "decision.restrictions.mobility"),
    ({"restrictions": {"mobility": -1}}, "decision.restrictions.mobility"),
    ({"restrictions": {"flying": 1}}, "decision.restrictions"),
    ({"restrictions": [2, 2]}, "decision.restrictions"),
    ({"reasons": "no_lab_data"}, "decision.reasons"),
    ({"reasons": ["bored"]}, "decision.reasons"),
    ({"rehab_prognosis": "great"}, "decision.rehab_prognosis"),
])
def test_check_request_bad_decision_values(changes, field):
    with pytest.raises(UserError) as caught:
        check_request(request(decision=decision(**changes)))
    assert caught.value.params["field"] == field


@pytest.mark.parametrize("bad", [[], "II", 42, None])
def test_check_request_decision_not_an_object(bad):
    with pytest.raises(UserError) as caught:
        check_request(request(decision=bad))
    assert caught.value.message == "The decision must be a JSON object."


@pytest.mark.parametrize("bad", [[], "x", None])
def test_check_request_payload_not_an_object(bad):
    with pytest.raises(UserError) as caught:
        check_request(bad)
    assert caught.value.message == "The request must be a JSON object."


def test_check_request_missing_decision():
    payload = request()
    del payload["decision"]
    with pytest.raises(UserError) as caught:
        check_request(payload)
    assert caught.value.params["field"] == "decision"


def test_check_request_exam_before_birth():
    with pytest.raises(UserError) as caught:
        check_request(request(birth_date="2025-03-04"))
    assert caught.value.params == {"exam_date": "2025-03-03", "birth_date": "2025-03-04"}


def test_check_request_exam_before_the_rules():
    with pytest.raises(UserError):
        check_request(request(exam_date="2023-06-30"))


def test_check_request_unknown_language():
    with pytest.raises(UserError):
        check_request(request(), lang="de")


def test_user_error_text_names_the_field():
    with pytest.raises(UserError) as caught:
        check_request(request(decision=decision(group="IV")))
    assert "decision.group" in caught.value.text("en")
    assert '"IV"' in caught.value.text("en")


def test_check_request_messages_in_russian_and_kazakh():
    payload = request(decision=decision(group="I"))
    ru = check_request(payload, lang="ru")["findings"][0]["message"]
    kk = check_request(payload, lang="kk")["findings"][0]["message"]
    assert ru == "Степени ограничения соответствуют: II группа; в решении: I группа."
    assert kk == "Шектелу дәрежелері мынаған сәйкес келеді: II топ; шешімде: I топ."


def test_finding_parameters_are_shown_by_their_translated_names():
    payload = request(decision=decision(term="until_7"))
    message = check_request(payload, lang="ru")["findings"][0]["message"]
    assert "до достижения семилетнего возраста" in message
    assert "без срока переосвидетельствования" in message


def test_bad_input_message_in_kazakh():
    with pytest.raises(UserError) as caught:
        check_request(request(exam_date="2025-02-30"))
    assert caught.value.text("kk") == 'exam_date өрісі: "2025-02-30" күні күнтізбеде жоқ.'


def test_p64_range_follows_the_restrictions_not_a_wrong_group():
    result = run(decision(group="I", uot_percent=65, restrictions={"mobility": 2}))
    assert rules(result) == ["§58–61"]  # 65 % fits group II, which the restrictions give
    result = run(decision(group="II", uot_percent=85, restrictions={"mobility": 2}))
    assert rules(result) == ["§64"]
