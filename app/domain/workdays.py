"""Kazakhstan working days: Monday to Friday except public holidays (Labour Code), with the
government's transfers and extra days off given as overrides (DOMAIN.md §8).

This is the first cut used by the foundation (demo data, due dates in the lists); the
production calendar issue extends it with the administrator's table and named deadlines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cache, cached_property

import holidays

from .clock import KZ_TIME

END_OF_DAY = time(18, 0)  # office hours 9:00-18:00 (App 3 item 7)
ARRIVAL_CUTOFF = time(16, 0)  # §20.3: after 16:00 the count starts on the next working day


class WorkingCalendar:
    def __init__(self, overrides: Mapping[date, bool] | None = None):
        self.overrides = dict(overrides or {})

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("KZ")

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and day not in self._holidays

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def nth_working_day(self, first_candidate: date, n: int) -> date:
        """The n-th working day counting ``first_candidate`` as day 1 when it is a working day."""
        day = first_candidate if self.is_working_day(first_candidate) else self.next_working_day(first_candidate)
        for _ in range(n - 1):
            day = self.next_working_day(day)
        return day

    def expert_deadline(self, arrived_at: datetime, working_days: int = 3) -> datetime:
        """§20.3: decision within 3 working days of arrival; arrival before 16:00 on a working
        day makes that day day 1, later arrival starts on the next working day; the deadline
        is the end of the working day (18:00)."""
        arrived_at = arrived_at.astimezone(KZ_TIME)  # working days are Kazakhstan days
        day = arrived_at.date()
        if not self.is_working_day(day) or arrived_at.time() >= ARRIVAL_CUTOFF:
            day = self.next_working_day(day)
        return datetime.combine(self._nth_after(day, working_days), END_OF_DAY, tzinfo=arrived_at.tzinfo)

    def deadline_after(self, event: datetime, working_days: int) -> datetime:
        """The default count (DOMAIN.md §8): day 1 is the first working day after the event's
        day; the deadline is the end (18:00) of the n-th working day."""
        event = event.astimezone(KZ_TIME)
        first = self.next_working_day(event.date())
        return datetime.combine(self._nth_after(first, working_days), END_OF_DAY, tzinfo=event.tzinfo)

    @cache
    def _nth_after(self, day: date, n: int) -> date:
        return self.nth_working_day(day, n)
