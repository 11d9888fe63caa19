"""Age in full years and the age bands of the MSE Rules (§3.18, §26, §30)."""

from datetime import date

import pytest

from app.domain.rules.age import add_months, age_band, age_on, band_end, band_on, birthday


@pytest.mark.parametrize(("birth", "on", "age"), [
    (date(2018, 5, 10), date(2025, 5, 9), 6),    # day before the 7th birthday
    (date(2018, 5, 10), date(2025, 5, 10), 7),   # 7th birthday
    (date(2018, 5, 10), date(2025, 5, 11), 7),   # day after
    (date(2007, 5, 10), date(2025, 5, 9), 17),   # day before the 18th birthday
    (date(2007, 5, 10), date(2025, 5, 10), 18),  # 18th birthday
    (date(2007, 5, 10), date(2025, 5, 11), 18),
    (date(2025, 5, 10), date(2025, 5, 10), 0),   # born that day
    (date(1990, 12, 31), date(2025, 1, 1), 34),
])
def test_age_in_full_years(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(("on", "age"), [
    (date(2023, 2, 27), 6),
    (date(2023, 2, 28), 7),  # common year: the birthday of 29 February is 28 February
    (date(2024, 2, 28), 7),
    (date(2024, 2, 29), 8),  # leap year: 29 February itself
])
def test_age_of_a_person_born_on_29_february(on, age):
    assert age_on(date(2016, 2, 29), on) == age


def test_age_before_birth_is_refused():
    with pytest.raises(ValueError):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


@pytest.mark.parametrize(("age", "band"), [
    (0, "under_7"), (6, "under_7"), (7, "7_18"), (17, "7_18"), (18, "adult"), (90, "adult"),
])
def test_p26_p30_age_bands(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(("on", "band"), [
    (date(2025, 5, 9), "under_7"), (date(2025, 5, 10), "7_18"),
    (date(2036, 5, 9), "7_18"), (date(2036, 5, 10), "adult"),
])
def test_band_changes_on_the_birthday(on, band):
    assert band_on(date(2018, 5, 10), on) == band


def test_band_end_is_the_7th_or_18th_birthday():
    born = date(2018, 5, 10)
    assert band_end(born, "under_7") == date(2025, 5, 10)
    assert band_end(born, "7_18") == date(2036, 5, 10)
    assert band_end(born, "adult") is None


@pytest.mark.parametrize(("day", "months", "result"), [
    (date(2025, 8, 31), 6, date(2026, 2, 28)),
    (date(2023, 8, 31), 6, date(2024, 2, 29)),
    (date(2025, 3, 15), 12, date(2026, 3, 15)),
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),
])
def test_add_months_clamps_to_month_end(day, months, result):
    assert add_months(day, months) == result


def test_birthday_of_29_february_in_a_common_year():
    assert birthday(date(2016, 2, 29), 7) == date(2023, 2, 28)
    assert birthday(date(2016, 2, 29), 8) == date(2024, 2, 29)
