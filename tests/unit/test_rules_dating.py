"""Dates of the Rules: §24, §29, §69, §70, §72, §73-3."""

from datetime import date

import pytest

from app.domain.rules.dating import (
    control_result_date, emergency_extension, establishment_date, missed_reexamination_credit,
    technical_failure_credited_from,
)
from app.domain.rules.effective import ORDER_62, ORDER_104, ORDER_104_IN_FORCE, ORDER_260
from app.errors import UserError

# ---------------------------------------------------------------- §24


def test_p24_1_in_person_date_of_application():
    assert establishment_date(mode="in_person", applied_on=date(2024, 5, 6)) == date(2024, 5, 6)
    assert establishment_date(mode="in_absentia", applied_on=date(2024, 5, 6)) == date(2024, 5, 6)


def test_p24_2_proactive_date_the_draft_act_was_formed():
    assert establishment_date(mode="proactive", applied_on=date(2025, 3, 1),
                              draft_act_formed_on=date(2025, 3, 3)) == date(2025, 3, 3)


def test_p24_2_not_in_force_before_2025():
    with pytest.raises(UserError) as caught:
        establishment_date(mode="proactive", draft_act_formed_on=date(2024, 12, 31))
    assert caught.value.params["since"] == "2025-01-01"


def test_p24_missing_date_is_refused():
    with pytest.raises(UserError):
        establishment_date(mode="in_person")


# ---------------------------------------------------------------- §69

DUE = date(2025, 3, 10)


def test_p69_1_missed_by_up_to_one_month_is_credited():
    credit = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2025, 4, 10))
    assert credit.credited_from == DUE and credit.whole and credit.days == 31


def test_p69_1_missed_by_more_than_one_month_is_not_credited():
    assert missed_reexamination_credit(due_on=DUE, reexamined_on=date(2025, 4, 11)) is None


def test_p69_2_long_inpatient_treatment_up_to_three_years():
    credit = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2027, 3, 10),
                                         reason="inpatient")
    assert credit.credited_from == DUE and credit.whole
    credit = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2029, 3, 10),
                                         reason="inpatient")
    assert credit.credited_from == date(2026, 3, 10) and not credit.whole


def test_p69_3_incapacity_proceedings_up_to_one_year():
    credit = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2025, 12, 1),
                                         reason="incapacity")
    assert credit.credited_from == DUE
    credit = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2026, 9, 1),
                                         reason="incapacity")
    assert credit.credited_from == date(2025, 9, 1)


def test_p69_only_when_disability_is_established_again():
    assert missed_reexamination_credit(due_on=DUE, reexamined_on=date(2025, 3, 20),
                                       reestablished=False) is None


def test_p69_nothing_missed():
    assert missed_reexamination_credit(due_on=DUE, reexamined_on=DUE) is None


def test_p69_version_by_the_date_of_reexamination():
    before = missed_reexamination_credit(due_on=date(2024, 1, 10), reexamined_on=date(2024, 2, 1))
    between = missed_reexamination_credit(due_on=date(2024, 3, 10), reexamined_on=date(2024, 3, 20))
    after = missed_reexamination_credit(due_on=DUE, reexamined_on=date(2025, 3, 20))
    assert before.version.source == ORDER_260 and not before.version.wording_known
    assert between.version.source == ORDER_62 and not between.version.wording_known
    assert after.version.source == ORDER_104 and after.version.wording_known


# ---------------------------------------------------------------- §70

START, END = date(2020, 3, 16), date(2020, 5, 11)


@pytest.mark.parametrize(("term_end", "extended"), [
    (date(2020, 2, 15), None),              # more than a month before the emergency
    (date(2020, 2, 16), date(2020, 5, 31)),  # exactly one month before
    (date(2020, 4, 1), date(2020, 5, 31)),   # during
    (date(2020, 5, 11), date(2020, 5, 31)),  # its last day
    (date(2020, 5, 12), None),               # after it
])
def test_p70_extension_to_the_end_of_the_month_the_emergency_ends(term_end, extended):
    assert emergency_extension(term_end=term_end, emergency_start=START,
                               emergency_end=END) == extended


def test_p70_not_for_persons_reexamined_during_the_emergency():
    assert emergency_extension(term_end=date(2020, 4, 1), emergency_start=START,
                               emergency_end=END, reexamined_on=date(2020, 4, 20)) is None


def test_p70_emergency_ending_before_it_starts_is_refused():
    with pytest.raises(UserError):
        emergency_extension(term_end=START, emergency_start=END, emergency_end=START)


# ---------------------------------------------------------------- §72


def test_p72_technical_failure():
    on = date(2025, 2, 3)
    assert technical_failure_credited_from(kind="primary", on=on,
                                           form_sent_on=date(2025, 1, 20)) == date(2025, 1, 20)
    assert technical_failure_credited_from(kind="repeat", on=on,
                                           previous_term_end=date(2025, 1, 31)) == date(2025, 1, 31)
    with pytest.raises(UserError):
        technical_failure_credited_from(kind="primary", on=date(2024, 12, 31),
                                        form_sent_on=date(2024, 12, 1))


# ---------------------------------------------------------------- §73-3

ESTABLISHED, SUSPENDED, ON = date(2024, 9, 2), date(2025, 2, 3), date(2025, 3, 3)


@pytest.mark.parametrize(("previous", "new", "result"), [
    ("III", "II", ESTABLISHED),   # heavier group
    ("II", "I", ESTABLISHED),
    ("II", "III", SUSPENDED),     # lighter group
    ("II", "none", SUSPENDED),    # not established
    ("II", "II", SUSPENDED),      # unchanged
    (40, 60, ESTABLISHED),        # degree increased
    (60, 40, SUSPENDED),          # decreased
    (60, None, SUSPENDED),        # not established
    (None, 35, ESTABLISHED),
])
def test_p73_3_result_date(previous, new, result):
    assert control_result_date(previous=previous, new=new, established_on=ESTABLISHED,
                               suspended_on=SUSPENDED, on=ON) == result


def test_p73_3_not_in_force_before_order_62():
    with pytest.raises(UserError):
        control_result_date(previous="III", new="II", established_on=ESTABLISHED,
                            suspended_on=SUSPENDED, on=date(2024, 3, 1))


def test_p73_3_group_and_percentage_are_not_compared():
    with pytest.raises(UserError):
        control_result_date(previous="III", new=60, established_on=ESTABLISHED,
                            suspended_on=SUSPENDED, on=ON)


def test_order_104_date_is_not_before_its_signature():
    assert ORDER_104_IN_FORCE >= date(2024, 4, 11)
