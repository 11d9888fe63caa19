"""Age in full years and the age bands of the MSE Rules.

Bands (§26, §30, §61, §3 subpara. 18):

* ``under_7``  — "лицу до семилетнего возраста": 0 to 6 full years;
* ``7_18``     — "лицу с семи до восемнадцати лет": 7 to 17 full years;
* ``adult``    — 18 full years and more.  §30 says "лицам старше восемнадцатилетнего
  возраста" (literally "older than eighteen"); read together with §3 subpara. 18
  (a child is "лицо в возрасте до восемнадцати лет") it means "from the eighteenth
  birthday": otherwise a person on the day of turning eighteen would be in no band.

Dates are shifted by whole months and years as the Civil Code counts periods (not a
seed): a period in months or years runs out on the same day of the last month; when
that month has no such day, on its last day.  So a person born on 29 February has a
birthday on 28 February in a common year, and 31 August + 6 months = 28/29 February.
A person reaches an age on the birthday itself (age is computed with that rule:
born 2018-05-10, on 2025-05-10 the age is 7, on 2025-05-09 it is 6).
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

AgeBand = Literal["under_7", "7_18", "adult"]

CHILD_CATEGORY_AGE = 7  # §26, §30, §61
ADULT_AGE = 18  # §3 subpara. 18, §26, §30


def add_months(day: date, months: int) -> date:
    """``day`` shifted by whole months; the day of month is clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def birthday(birth_date: date, age: int) -> date:
    """The day the person reaches ``age`` full years (29 Feb -> 28 Feb in common years)."""
    return add_years(birth_date, age)


def age_on(birth_date: date, on: date) -> int:
    """Full years on ``on``.  Raises ValueError when ``on`` is before the birth date."""
    if on < birth_date:
        raise ValueError("date before birth")
    years = on.year - birth_date.year
    if birthday(birth_date, years) > on:
        years -= 1
    return years


def age_band(age: int) -> AgeBand:
    """§26/§30 band of an age in full years."""
    if age < 0:
        raise ValueError("negative age")
    if age < CHILD_CATEGORY_AGE:
        return "under_7"
    if age < ADULT_AGE:
        return "7_18"
    return "adult"


def band_on(birth_date: date, on: date) -> AgeBand:
    return age_band(age_on(birth_date, on))


def band_end(birth_date: date, band: AgeBand) -> date | None:
    """The day the person leaves ``band``: the 7th or 18th birthday; None for adults."""
    if band == "under_7":
        return birthday(birth_date, CHILD_CATEGORY_AGE)
    if band == "7_18":
        return birthday(birth_date, ADULT_AGE)
    return None
