"""Degrees of loss of general (УОТ) and professional (УПТ) working capacity (§62–65)."""

import pytest

from app.domain.rules.capacity import (
    upt_band_for_degree, upt_severity, uot_band_for_degree, uot_severity,
)


@pytest.mark.parametrize(("percent", "band"), [
    (0, None), (29, None), (30, "moderate"), (59, "moderate"), (60, "pronounced"),
    (79, "pronounced"), (80, "severe"), (100, "severe"),
])
def test_p63_p64_uot_bands(percent, band):
    assert uot_severity(percent) == band


@pytest.mark.parametrize(("percent", "band"), [
    (0, None), (4, None), (5, "slight"), (29, "slight"), (30, "moderate"), (59, "moderate"),
    (60, "pronounced"), (89, "pronounced"), (90, "severe"), (100, "severe"),
])
def test_p65_upt_bands(percent, band):
    assert upt_severity(percent) == band


@pytest.mark.parametrize("percent", [-1, 101, 45.5, "45", True, None])
def test_percentages_outside_0_100_are_refused(percent):
    with pytest.raises(ValueError):
        uot_severity(percent)
    with pytest.raises(ValueError):
        upt_severity(percent)


@pytest.mark.parametrize(("degree", "uot", "upt"), [
    (3, (80, 100), (90, 100)), (2, (60, 79), (60, 89)), (1, (30, 59), (5, 59)), (0, None, None),
])
def test_p64_p65_bands_linked_to_the_degree_or_group(degree, uot, upt):
    assert uot_band_for_degree(degree) == uot
    assert upt_band_for_degree(degree) == upt
