"""Terms, their end dates and grounds (§21, §30–36, App 7, 10, 11)."""

from datetime import date

import pytest

from app.domain.rules.appendices import (
    app7_item, app7_items, app10_item, app10_items, app11_item, app11_items,
)
from app.domain.rules.terms import (
    TermGrounds, allowed_terms, child_term_findings, five_years_findings, no_term_findings,
    capacity_no_term_findings, pension_age, reexamination_date, term_end,
    within_in_absentia_limit,
)

BORN_CHILD = date(2020, 6, 15)
BORN_ADULT = date(1970, 6, 15)


# ---------------------------------------------------------------- §30


def test_p30_terms_under_7():
    assert allowed_terms("under_7") == ("6m", "1y", "2y", "5y", "until_7")


def test_p30_terms_7_to_18():
    assert allowed_terms("7_18") == ("6m", "1y", "2y", "5y", "until_18")


def test_p30_terms_adults():
    assert allowed_terms("adult") == ("6m", "1y", "2y", "5y", "no_term")


# ---------------------------------------------------------------- end of term


@pytest.mark.parametrize(("term", "end"), [
    ("6m", date(2025, 9, 3)),
    ("1y", date(2026, 3, 3)),
    ("2y", date(2027, 3, 3)),
    ("5y", date(2030, 3, 3)),
    ("until_7", date(2027, 6, 15)),   # the 7th birthday
    ("until_18", date(2038, 6, 15)),  # the 18th birthday
    ("no_term", None),
])
def test_term_end(term, end):
    assert term_end(term, established_on=date(2025, 3, 3), birth_date=BORN_CHILD) == end


def test_term_end_clamps_to_the_end_of_the_month():
    assert term_end("6m", established_on=date(2025, 8, 31), birth_date=BORN_ADULT) == date(2026, 2, 28)


def test_until_7_for_a_child_born_on_29_february():
    assert term_end("until_7", established_on=date(2021, 3, 1),
                    birth_date=date(2020, 2, 29)) == date(2027, 2, 28)


def test_reexamination_date_is_the_end_of_the_term():
    kwargs = {"established_on": date(2025, 3, 3), "birth_date": BORN_CHILD}
    assert reexamination_date("2y", **kwargs) == term_end("2y", **kwargs)
    assert reexamination_date("no_term", **kwargs) is None


def test_unknown_term_is_refused():
    with pytest.raises(ValueError):
        term_end("3y", established_on=date(2025, 3, 3), birth_date=BORN_ADULT)


# ---------------------------------------------------------------- §21


@pytest.mark.parametrize(("term", "within"), [
    ("6m", True), ("1y", True), ("2y", False), ("5y", False), ("no_term", False),
])
def test_p21_in_absentia_at_most_one_year(term, within):
    assert within_in_absentia_limit(term, established_on=date(2025, 3, 3),
                                    birth_date=BORN_ADULT) is within


def test_p21_until_7_within_a_year_is_allowed_in_absentia():
    born = date(2018, 9, 1)  # 7 on 2025-09-01, within a year of 2025-03-03
    assert within_in_absentia_limit("until_7", established_on=date(2025, 3, 3), birth_date=born)
    assert not within_in_absentia_limit("until_7", established_on=date(2024, 3, 3), birth_date=born)


# ---------------------------------------------------------------- §31


def _no_term(group="I", kind="repeat", grounds=TermGrounds(), prognosis=None, sex=None,
             born=BORN_ADULT, on=date(2025, 3, 3)):
    return no_term_findings(group=group, kind=kind, grounds=grounds, birth_date=born, on=on,
                            sex=sex, rehab_prognosis=prognosis)


def test_p31_no_term_without_grounds_warns():
    found = _no_term()
    assert [f.rule for f in found] == ["§31"]
    assert all(f.severity == "warning" for f in found)


def test_p31_1_app10_defect_is_a_ground():
    assert _no_term(group="I", grounds=TermGrounds(app10_item="1.3")) == []


def test_p31_1_app10_defect_of_another_group_is_not_a_ground():
    rules = [f.rule for f in _no_term(group="III", grounds=TermGrounds(app10_item="1.3"))]
    assert rules == ["App 10", "§31"]


def test_app10_p5_heavier_group_means_ordinary_reexamination():
    found = _no_term(group="I", grounds=TermGrounds(app10_item="2.2"))
    assert "App 10 p. 5" in found[0].message
    assert found[-1].rule == "§31"


def test_app10_item_1_9_only_at_repeat_examination():
    assert _no_term(group="I", kind="repeat", grounds=TermGrounds(app10_item="1.9")) == []
    assert [f.rule for f in _no_term(group="I", kind="primary",
                                     grounds=TermGrounds(app10_item="1.9"))] == ["App 10", "§31"]


def test_app10_items_first_established_under_18_ask_for_confirmation():
    found = _no_term(group="I", grounds=TermGrounds(app10_item="1.4"))
    assert [f.rule for f in found] == ["App 10"]  # the ground holds, the history must be confirmed


@pytest.mark.parametrize(("group", "years", "ground"), [
    ("I", 4, True), ("I", 3, False), ("II", 5, True), ("II", 4.9, False),
    ("III", 6, True), ("III", 5, False),
])
def test_p31_2_years_of_observation(group, years, ground):
    found = _no_term(group=group, grounds=TermGrounds(observation_years=years))
    assert (found == []) is ground


def test_p31_2_needs_a_repeat_examination():
    assert _no_term(group="I", kind="primary", grounds=TermGrounds(observation_years=10)) != []


def test_p31_2_excludes_app11_conditions():
    found = _no_term(group="I", grounds=TermGrounds(observation_years=10, app11_item="8"))
    assert found and found[-1].rule == "§31"


@pytest.mark.parametrize(("age", "sex", "ground"), [
    (63, "male", True), (62, "male", False), (61, "female", True), (60, "female", False),
    (62, None, False), (63, None, True),
])
def test_p31_3_unfavourable_prognosis_at_pension_age(age, sex, ground):
    on = date(2025, 3, 3)
    born = date(on.year - age, 1, 1)
    found = _no_term(group="II", kind="primary", prognosis="unfavorable", sex=sex, born=born, on=on)
    assert (found == []) is ground


def test_p31_3_needs_an_unfavourable_prognosis():
    born = date(1950, 1, 1)
    assert _no_term(group="II", prognosis="doubtful", born=born) != []


def test_pension_age():
    assert pension_age("male") == 63
    assert pension_age("female") == 61
    assert pension_age(None) == 63


# ---------------------------------------------------------------- §32, App 11


def test_p32_five_years_for_adults_needs_app11():
    assert [f.rule for f in five_years_findings(kind="primary", grounds=TermGrounds())] == ["§32"]
    assert five_years_findings(kind="primary", grounds=TermGrounds(app11_item="8")) == []


@pytest.mark.parametrize("number", ["3", "4", "5", "11", "12", "15", "19", "20"])
def test_app11_repeat_only_items(number):
    assert app11_item(number).exam == "repeat"
    assert five_years_findings(kind="repeat", grounds=TermGrounds(app11_item=number)) == []
    assert five_years_findings(kind="primary", grounds=TermGrounds(app11_item=number))[0].rule == "App 11"


# ---------------------------------------------------------------- §34, §36


def test_p34_uot_until_pension_age_by_years():
    kwargs = dict(what="uot", kind="repeat", birth_date=BORN_ADULT, on=date(2025, 3, 3),
                  sex=None, rehab_prognosis=None)
    assert capacity_no_term_findings(percent=85, grounds=TermGrounds(observation_years=4), **kwargs) == []
    assert capacity_no_term_findings(percent=65, grounds=TermGrounds(observation_years=4), **kwargs) != []
    assert capacity_no_term_findings(percent=65, grounds=TermGrounds(observation_years=5), **kwargs) == []
    assert capacity_no_term_findings(percent=45, grounds=TermGrounds(observation_years=6), **kwargs) == []


def test_p34_has_no_pension_age_ground_but_p36_has():
    kwargs = dict(kind="repeat", grounds=TermGrounds(), birth_date=date(1950, 1, 1),
                  on=date(2025, 3, 3), sex="male", rehab_prognosis="unfavorable")
    assert capacity_no_term_findings(what="uot", percent=45, **kwargs) != []
    assert capacity_no_term_findings(what="upt", percent=45, **kwargs) == []


def test_p36_upt_app10_range_must_fit():
    kwargs = dict(what="upt", kind="repeat", birth_date=BORN_ADULT, on=date(2025, 3, 3),
                  sex=None, rehab_prognosis=None)
    assert capacity_no_term_findings(percent=95, grounds=TermGrounds(app10_item="1.1"), **kwargs) == []
    assert capacity_no_term_findings(percent=50, grounds=TermGrounds(app10_item="1.1"), **kwargs) != []
    assert capacity_no_term_findings(percent=20, grounds=TermGrounds(app10_item="4"), **kwargs) == []


# ---------------------------------------------------------------- App 7


@pytest.mark.parametrize(("number", "term", "fits"), [
    ("1.1", "6m", True), ("1.1", "1y", True), ("1.1", "2y", False),
    ("2.8", "2y", True), ("2.8", "5y", False),
    ("3.1", "5y", True), ("3.1", "until_18", False),
    ("4.14", "until_7", True), ("4.14", "until_18", True), ("4.14", "1y", False),
])
def test_app7_section_gives_the_term(number, term, fits):
    found = child_term_findings(term=term, kind="primary" if number != "4.29" else "repeat",
                                grounds=TermGrounds(app7_item=number))
    assert (found == []) is fits


@pytest.mark.parametrize(("number", "kind"), [
    ("3.4", "primary"), ("3.14", "primary"), ("3.12", "repeat"), ("3.13", "repeat"),
    ("4.29", "repeat"),
])
def test_app7_kind_qualifiers(number, kind):
    assert app7_item(number).exam == kind
    other = "repeat" if kind == "primary" else "primary"
    term = app7_item(number).terms[0]
    assert child_term_findings(term=term, kind=kind, grounds=TermGrounds(app7_item=number)) == []
    assert child_term_findings(term=term, kind=other, grounds=TermGrounds(app7_item=number)) != []


def test_app7_item_4_30_app10_defects_until_7_or_18():
    assert child_term_findings(term="until_18", kind="primary",
                               grounds=TermGrounds(app10_item="1.3")) == []
    assert child_term_findings(term="2y", kind="primary", grounds=TermGrounds(app10_item="1.3")) != []


# ---------------------------------------------------------------- transcription


def test_app7_transcribed():
    numbers = list(app7_items())
    assert numbers == ([f"1.{i}" for i in range(1, 9)] + [f"2.{i}" for i in range(1, 24)]
                       + [f"3.{i}" for i in range(1, 15)] + [f"4.{i}" for i in range(1, 31)])
    assert app7_item("1.5").text == "сахарный диабет средней степени тяжести 2 типа на фоне повышенной массы тела"
    assert app7_item("4.24").text == "мукополисахаридоз"
    assert app7_item("2.1").terms == ("2y",)


def test_app10_transcribed():
    numbers = list(app10_items())
    assert numbers == ([f"1.{i}" for i in range(1, 11)] + [f"2.{i}" for i in range(1, 6)]
                       + [f"3.{i}" for i in range(1, 4)])
    assert app10_item("1.2").text == "культи обеих нижних конечностей на уровне верхней трети бедер"
    assert (app10_item("1.1").group, app10_item("1.1").upt, app10_item("1.1").uot) == ("I", (90, 100), (80, 100))
    assert (app10_item("2.1").group, app10_item("2.1").upt, app10_item("2.1").uot) == ("II", (60, 89), (60, 79))
    assert (app10_item("3.3").group, app10_item("3.3").upt, app10_item("3.3").uot) == ("III", (30, 59), (30, 59))
    assert (app10_item("4").group, app10_item("4").upt, app10_item("4").uot) == (None, (5, 29), None)
    assert len(app10_item("2.1").indents) == 5
    assert len(app10_item("3.2").indents) == 12
    assert app10_item("3.3").indents[-1].endswith("голени – свыше 6 сантиметров")
    assert [n for n, i in app10_items().items() if i.first_established_under_18] == ["1.4", "1.6", "2.4", "2.5"]


def test_app11_transcribed():
    assert list(app11_items()) == [str(i) for i in range(1, 22)]
    assert app11_item("16").text == "Умеренная умственная отсталость"
    assert app11_item("16").exam is None
