"""Degrees of loss of general (УОТ) and professional (УПТ) working capacity (§62–66).

* §62: УОТ is established only for a participant of compulsory social insurance for whom
  social contributions were paid, on a social-risk event.  (Participation is confirmed by
  the document of §9 subpara. 7 / §12 part 3 subpara. 2; the decision format has no field
  for it, so the caller says ``insured`` True/False/None = unknown.)
* §63: УОТ from 30 to 100 per cent inclusive.
* §64: 30–59 % moderate (умеренно выраженное), 60–79 % pronounced (выраженное), 80–100 %
  severe (резко выраженное ограничение или потеря трудоспособности).
* §65: УПТ 5–29 % (slight impairments), 30–59 % (moderate), 60–89 % (pronounced),
  90–100 % (severe, total loss).
* §66: УПТ set per case of injury/disease; the most severe consequence decides; the
  program sees one ``upt_percent`` per decision (docs/interfaces.md §3) and cannot check that.

Link with the group (how it was read): §58–60 grade groups by the degree of restriction
(3rd degree "резко выраженное" → I, 2nd "выраженное" → II, 1st "умеренно выраженное" →
III) and §64 grades УОТ by the same words for restriction of work capacity; App 10
pairs them explicitly: group I ↔ УОТ 80–100 % ↔ УПТ 90–100 %, II ↔ 60–79 % ↔ 60–89 %,
III ↔ 30–59 % ↔ 30–59 %, and section 4 gives УПТ 5–29 % without a group, which with
more pronounced other restrictions may go with group III (App 10 p. 5).  So the range
expected for a restriction of work capacity of degree 1 / 2 / 3 (or, without it, for
group III / II / I) is УОТ 30–59 / 60–79 / 80–100 % and УПТ 5–59 / 60–89 / 90–100 %
(§65.1 and §65.2 both describe work with reduced qualification or volume, App 6 §4.4
degree 1).  A percentage outside it gives a warning: the seed ties the percentage to
severity, not to the group by a hard rule.

Percentages must be whole numbers from 0 to 100; anything else is bad input.
"""

from __future__ import annotations

from typing import Literal, TypeVar

UOT_MIN, UOT_MAX = 30, 100  # §63
UPT_MIN, UPT_MAX = 5, 100  # §65

Band = TypeVar("Band", bound=str)
UotSeverity = Literal["moderate", "pronounced", "severe"]
UptSeverity = Literal["slight", "moderate", "pronounced", "severe"]

UOT_BANDS: dict[UotSeverity, tuple[int, int]] = {  # §64
    "moderate": (30, 59),
    "pronounced": (60, 79),
    "severe": (80, 100),
}
UPT_BANDS: dict[UptSeverity, tuple[int, int]] = {  # §65
    "slight": (5, 29),
    "moderate": (30, 59),
    "pronounced": (60, 89),
    "severe": (90, 100),
}
# degree of restriction of work capacity (App 6 §4.4) or group severity -> expected range
UOT_RANGE_FOR_DEGREE = {1: (30, 59), 2: (60, 79), 3: (80, 100)}  # §64, App 10 p. 1-3
UPT_RANGE_FOR_DEGREE = {1: (5, 59), 2: (60, 89), 3: (90, 100)}  # §65, App 10 p. 1-5


def _check_percent(percent: int) -> None:
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValueError(f"percentage must be a whole number 0..100, not {percent!r}")


def _band_of(percent: int, bands: dict[Band, tuple[int, int]]) -> Band | None:
    _check_percent(percent)
    return next((name for name, (low, high) in bands.items() if low <= percent <= high), None)


def uot_severity(percent: int) -> UotSeverity | None:
    """§64 band of an УОТ percentage; None below 30 % (no УОТ, §63)."""
    return _band_of(percent, UOT_BANDS)


def upt_severity(percent: int) -> UptSeverity | None:
    """§65 band of an УПТ percentage; None below 5 %."""
    return _band_of(percent, UPT_BANDS)


def uot_band_for_degree(degree: int) -> tuple[int, int] | None:
    """The УОТ range that fits a restriction of work capacity of degree 1–3 (or a group
    I/II/III by its severity 3/2/1)."""
    return UOT_RANGE_FOR_DEGREE.get(degree)


def upt_band_for_degree(degree: int) -> tuple[int, int] | None:
    """The УПТ range that fits a restriction of work capacity of degree 1–3 (or a group)."""
    return UPT_RANGE_FOR_DEGREE.get(degree)
