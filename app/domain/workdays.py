"""Kazakhstan's production calendar: which days are working days.

Monday to Friday are working days, except public holidays and the days off that replace a
holiday falling on a weekend (Labour Code art. 84-85; the ``holidays`` package knows them),
and except the government's yearly transfers, which make a weekday a day off and a Saturday
or Sunday a working day.  Transfers and days an administrator adds are ``overrides`` and win
over everything else (docs/domain.md §8).  Office hours are 9:00-18:00 with lunch 13:00-14:00
(App 3 item 7).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from .clock import KZ_TIME

if TYPE_CHECKING:
    import holidays

OFFICE_OPENS = time(9, 0)  # App 3 item 7
LUNCH = (time(13, 0), time(14, 0))  # App 3 item 7
END_OF_DAY = time(18, 0)  # App 3 item 7: the working day ends at 18:00

# Transfers of days off decreed by the Government for 2025, shipped as defaults (the
# ``holidays`` package knows the day off of 3 January but not the working Sunday).
DEFAULT_TRANSFERS: dict[date, tuple[bool, str]] = {
    date(2025, 1, 3): (False, "Перенос выходного дня с 5 января 2025 года (постановление Правительства РК)"),
    date(2025, 1, 5): (True, "Рабочий день вместо 3 января 2025 года (постановление Правительства РК)"),
}


# The ``holidays`` package names Kazakhstan's holidays in Kazakh and English only.
HOLIDAY_NAMES_RU = {
    "New Year's Day": "Новый год", "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день", "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества", "Victory Day": "День Победы",
    "Capital Day": "День Столицы", "Constitution Day": "День Конституции", "Republic Day": "День Республики",
    "Independence Day": "День Независимости", "First President Day": "День Первого Президента",
    "Eid al-Adha": "Курбан айт",
}
_RU_SUFFIXES = {"(observed)": "(перенос выходного дня)", "(estimated)": "(ориентировочно)"}


def _russian_holiday_name(english: str) -> str:
    if english.startswith("Day off (substituted from"):
        month, day, year = english.rstrip(")").rsplit(" ", 1)[-1].split("/")
        return f"Выходной день (перенесён с {day}.{month}.{year})"
    for suffix, russian in _RU_SUFFIXES.items():
        if english.endswith(suffix):
            return f"{HOLIDAY_NAMES_RU.get(english[:-len(suffix)].strip(), english)} {russian}"
    return HOLIDAY_NAMES_RU.get(english, english)


def after(moment: datetime, cutoff: time) -> bool:
    """Whether ``moment`` is after ``cutoff`` o'clock, read to the minute as the Rules give hours
    ("после 16.00 часов", §20.3): 16:00 and 16:00:30 are not after 16:00, 16:01 is."""
    return moment.time().replace(second=0, microsecond=0) > cutoff


class WorkingCalendar:
    def __init__(self, overrides: Mapping[date, bool] | None = None):
        self.overrides = dict(overrides or {})
        self._working: dict[date, bool] = {}
        self._nth: dict[tuple[date, int], date] = {}

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        import holidays   # its calendars when a day is first judged (a quick start shows rows without it)

        return holidays.country_holidays("KZ")

    @cached_property
    def _holidays_kk(self) -> holidays.HolidayBase:
        import holidays

        return holidays.country_holidays("KZ", language="kk")

    def holiday_name(self, day: date, lang: str = "en") -> str | None:
        """The public holiday on ``day`` in Kazakh, Russian or English, or None."""
        if lang == "kk":
            return self._holidays_kk.get(day)
        english = self._holidays.get(day)
        return _russian_holiday_name(english) if english and lang == "ru" else english

    def is_working_day(self, day: date) -> bool:
        working = self._working.get(day)
        if working is None:
            working = self.overrides[day] if day in self.overrides else (
                day.weekday() < 5 and day not in self._holidays)
            self._working[day] = working
        return working

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def nth_working_day(self, first_candidate: date, n: int) -> date:
        """The n-th working day counting ``first_candidate`` as day 1 when it is a working day."""
        if n < 1:
            raise ValueError("a period has at least one working day")
        known = self._nth.get((first_candidate, n))
        if known is not None:
            return known
        day = first_candidate if self.is_working_day(first_candidate) else self.next_working_day(first_candidate)
        for _ in range(n - 1):
            day = self.next_working_day(day)
        self._nth[(first_candidate, n)] = day
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in the closed interval [first, last]; 0 when last < first."""
        return sum(1 for offset in range((last - first).days + 1)
                   if self.is_working_day(first + timedelta(days=offset)))

    def deadline(self, start: datetime, working_days: int, cutoff: time | None = None) -> datetime:
        """The end (18:00) of the n-th working day after ``start``, in Kazakhstan time.

        Without ``cutoff`` day 1 is the first working day after the start's day (a period
        "within N days of an event" starts the next day).  With ``cutoff`` the start's day is
        day 1 when it is a working day and the start is not after the cutoff, otherwise day 1 is
        the next working day (the 16:00 rule of §20.3: "после 16.00 часов" — a start at 16:00
        is not after 16:00; see docs/interpretations.md).
        """
        start = start.astimezone(KZ_TIME)
        day = start.date()
        if cutoff is None or not self.is_working_day(day) or after(start, cutoff):
            day = self.next_working_day(day)
        return datetime.combine(self.nth_working_day(day, working_days), END_OF_DAY, tzinfo=KZ_TIME)
