"""The production calendar and the deadline engine (docs/domain.md §8), checked against the
official 2025 calendar of Kazakhstan by hand."""

from datetime import date, datetime, time, timedelta, UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.clock import KZ_TIME
from app.domain.deadlines import RULES, due
from app.domain.rules.age import add_months
from app.domain.workdays import DEFAULT_TRANSFERS, WorkingCalendar

calendar = WorkingCalendar({day: working for day, (working, _note) in DEFAULT_TRANSFERS.items()})


def kz(*args) -> datetime:
    return datetime(*args, tzinfo=KZ_TIME)


@pytest.mark.parametrize("day, working", [
    (date(2025, 1, 2), False),  # New Year
    (date(2025, 1, 3), False),  # day off transferred from Sunday 5 January
    (date(2025, 1, 5), True),  # the working Sunday
    (date(2025, 1, 7), False),  # Orthodox Christmas
    (date(2025, 3, 10), False),  # 8 March fell on a Saturday: moved to Monday
    (date(2025, 3, 21), False), (date(2025, 3, 24), False), (date(2025, 3, 25), False),  # Nauryz 21-25 March
    (date(2025, 3, 26), True),
    (date(2025, 7, 7), False),  # Capital Day (Sunday 6 July) moved to Monday
    (date(2025, 9, 1), False),  # Constitution Day (Saturday 30 August) moved to Monday
    (date(2025, 10, 27), False),  # Republic Day (Saturday 25 October) moved to Monday
    (date(2025, 3, 22), False), (date(2025, 3, 3), True),
])
def test_2025_days(day, working):
    assert calendar.is_working_day(day) is working


def test_2025_working_days_per_month():
    counts = [calendar.working_days_between(date(2025, m, 1), add_months(date(2025, m, 1), 1) - timedelta(days=1))
              for m in range(1, 13)]
    # counted by hand for the five-day week: e.g. March = 21 weekdays less 10, 21, 24, 25 March;
    # May = 22 weekdays less 1, 7, 9 May; December = 23 weekdays less 16 December
    assert counts == [20, 20, 17, 22, 19, 20, 22, 21, 21, 22, 20, 22]


def test_overrides_win():
    assert WorkingCalendar({date(2025, 3, 22): True}).is_working_day(date(2025, 3, 22))
    assert not WorkingCalendar({date(2025, 3, 3): False}).is_working_day(date(2025, 3, 3))


def test_p20_3_arrival_not_after_16_00_counts_that_day():
    # §20.3: "В случае поступления проекта акта МСЭ после 16.00 часов, срок ... исчисляется со следующего
    # рабочего дня" — Monday 3 March 2025 at 15:59 or 16:00 is not after 16.00: 3, 4, 5 March; 16:01 is.
    assert due("expert_decision", kz(2025, 3, 3, 15, 59), calendar).at == kz(2025, 3, 5, 18, 0)
    assert due("expert_decision", kz(2025, 3, 3, 16, 0), calendar).at == kz(2025, 3, 5, 18, 0)
    assert due("expert_decision", kz(2025, 3, 3, 16, 0, 30), calendar).at == kz(2025, 3, 5, 18, 0)
    assert due("expert_decision", kz(2025, 3, 3, 16, 1), calendar).at == kz(2025, 3, 6, 18, 0)
    assert due("expert_decision", kz(2025, 3, 19, 10, 0), calendar).at == kz(2025, 3, 26, 18, 0)  # over Nauryz
    assert due("expert_decision", kz(2025, 3, 8, 10, 0), calendar).at == kz(2025, 3, 13, 18, 0)  # Saturday


def test_p56_appeal_steps_count_from_the_next_working_day():
    assert due("appeal_registration", kz(2025, 1, 2, 9, 0), calendar).at == kz(2025, 1, 6, 18, 0)  # 5 Jan works
    assert due("appeal_conclusion", kz(2025, 3, 20, 11, 0), calendar).at == kz(2025, 4, 1, 18, 0)
    assert due("appeal_registration", kz(2025, 3, 20, 11, 0), calendar).rule.paragraph == "§56"


def test_registry_test_window_is_calendar_days():  # Registry Rules p. 7-9
    assert due("registry_test", kz(2025, 3, 20, 11, 0), calendar).at == kz(2025, 3, 30, 23, 59)


def test_p9_form_validity_is_one_month_to_the_same_date():
    assert due("form_validity", kz(2025, 1, 31, 11, 0), calendar).at == kz(2025, 2, 28, 23, 59)
    assert due("form_validity", kz(2025, 2, 20, 11, 0), calendar).at == kz(2025, 3, 20, 23, 59)


def test_every_rule_names_its_paragraph():
    assert all(rule.paragraph and rule.amount > 0 for rule in RULES.values())


def test_deadline_is_in_kazakhstan_time_whatever_zone_is_given():
    utc = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # 14:00 in Kazakhstan
    assert due("expert_decision", utc, calendar).at == kz(2025, 3, 5, 18, 0)


moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31),
                       timezones=st.just(KZ_TIME))


@settings(max_examples=300, deadline=None)
@given(start=moments, n=st.integers(1, 25), cutoff=st.sampled_from([None, time(16, 0)]))
def test_deadline_falls_on_a_working_day_at_18_00_and_counts_back_to_n(start, n, cutoff):
    end = calendar.deadline(start, n, cutoff)
    assert calendar.is_working_day(end.date()) and end.time() == time(18, 0)
    counts_start_day = (cutoff is not None and calendar.is_working_day(start.date())
                        and start.time().replace(second=0, microsecond=0) <= cutoff)  # §20.3 "после 16.00"
    first = start.date() if counts_start_day else start.date() + timedelta(days=1)
    assert calendar.working_days_between(first, end.date()) == n


@settings(max_examples=200, deadline=None)
@given(start=moments, n=st.integers(1, 25), day_off=st.dates(date(2024, 1, 1), date(2028, 3, 1)))
def test_adding_a_day_off_never_makes_a_deadline_earlier(start, n, day_off):
    with_day_off = WorkingCalendar({**calendar.overrides, day_off: False})
    assert with_day_off.deadline(start, n) >= calendar.deadline(start, n)
