"""First cut of the working-day calendar (the production calendar issue extends it)."""

from datetime import date, datetime

from app.domain.clock import KZ_TIME
from app.domain.workdays import WorkingCalendar

calendar = WorkingCalendar()


def kz(*args) -> datetime:
    return datetime(*args, tzinfo=KZ_TIME)


def test_public_holidays_and_weekends_are_days_off():
    assert not calendar.is_working_day(date(2025, 3, 21))  # Nauryz
    assert not calendar.is_working_day(date(2025, 3, 22))  # Saturday
    assert calendar.is_working_day(date(2025, 3, 3))


def test_overrides_win():
    assert WorkingCalendar({date(2025, 3, 22): True}).is_working_day(date(2025, 3, 22))
    assert not WorkingCalendar({date(2025, 3, 3): False}).is_working_day(date(2025, 3, 3))


def test_expert_deadline_counts_the_arrival_day_before_16_00():  # §20.3
    assert calendar.expert_deadline(kz(2025, 3, 3, 15, 59)) == kz(2025, 3, 5, 18, 0)
    assert calendar.expert_deadline(kz(2025, 3, 3, 16, 0)) == kz(2025, 3, 6, 18, 0)
    assert calendar.expert_deadline(kz(2025, 3, 19, 10, 0)) == kz(2025, 3, 26, 18, 0)  # Nauryz 21-25 March


def test_deadline_is_in_kazakhstan_time_whatever_zone_is_given():
    from datetime import timezone
    utc = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)  # 14:00 in Kazakhstan
    assert calendar.expert_deadline(utc) == kz(2025, 3, 5, 18, 0)
    assert calendar.deadline_after(utc, 2) == kz(2025, 3, 5, 18, 0)  # §56: day 1 is the next working day
