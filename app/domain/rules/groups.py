"""Group or category of disability from the degrees of restriction (§19, §26, §57–61, App 6).

Categories of life activity (App 6 §3, keys of docs/interfaces.md §3 ``restrictions``):
self-care, mobility, learning, work, orientation, communication, behaviour (control of
one's behaviour), and for children play (игровая и познавательная деятельность, App 6
§3.8, "в детском возрасте") and motor activity (двигательная активность, App 6 §3.9,
"способность ребенка").  Each is restricted to degree 1, 2 or 3 (App 6 §4); 0 = none.

How the paragraphs were read:

* §58/§59/§60: a restriction of the third / second / first degree of *one* of the
  categories "либо их сочетанию" gives group I / II / III (for 7–18: "ребенок с
  инвалидностью первой/второй/третьей группы").  So the highest degree decides.
* §26: under 7 the only category is "ребенок с инвалидностью" (``child``), without a
  group; from 7 to 18 ``child_I``/``child_II``/``child_III``; adults ``I``/``II``/``III``.
* §61 (under 7): any of degree 1, 2 or 3 of self-care, mobility, learning, orientation,
  communication, play, behaviour, motor activity gives ``child``.  §61 does **not**
  list work capacity, so ``work`` is not counted under 7.
* 7–18: §58–60 list seven categories (no play, no motor activity).  §19 and App 6 §3.8–3.9
  make play and motor activity categories of childhood, and a restriction of them alone
  is enough for §19 not to apply; the seed gives no other way to grade them.  Reading
  used here: for 7–18 they grade the group like the seven others.  (A strict reading of
  §58–60 would ignore them; it would leave a child with only such a restriction in no
  group at all, against §19.)
* Adults: play and motor activity are children's categories and are not counted.
* §19: no restriction at all → disability is not established (``none``).
* §57: age-related changes alone are no ground; that is the expert's judgement, not
  something degrees can show.
"""

from __future__ import annotations

from collections.abc import Mapping

from .age import AgeBand

CATEGORIES = (
    "self_care", "mobility", "learning", "work", "orientation", "communication", "behavior",
    "play", "motor",
)
ADULT_CATEGORIES = CATEGORIES[:7]  # §58–60
UNDER_7_CATEGORIES = ("self_care", "mobility", "learning", "orientation", "communication",
                      "play", "behavior", "motor")  # §61 (no work capacity)
CHILD_7_18_CATEGORIES = CATEGORIES  # §58–60 plus play and motor (see the module docstring)
CHILD_ONLY_CATEGORIES = ("play", "motor")
MAX_DEGREE = 3

GROUPS = ("I", "II", "III", "child", "child_I", "child_II", "child_III", "none")
ADULT_GROUPS = ("I", "II", "III")
CHILD_7_18_GROUPS = ("child_I", "child_II", "child_III")
UNDER_7_GROUPS = ("child",)

# heaviest first; used to compare groups (§73-3)
_SEVERITY = {"I": 3, "child_I": 3, "II": 2, "child_II": 2, "III": 1, "child_III": 1,
             "child": 1, "none": 0}


def counted_categories(band: AgeBand) -> tuple[str, ...]:
    """The categories that grade the group in this age band (§58–61)."""
    if band == "under_7":
        return UNDER_7_CATEGORIES
    if band == "7_18":
        return CHILD_7_18_CATEGORIES
    return ADULT_CATEGORIES


def ignored_categories(restrictions: Mapping[str, int], band: AgeBand) -> list[str]:
    """Categories restricted (> 0) that do not count in this band (work under 7, play and
    motor activity for adults)."""
    counted = counted_categories(band)
    return [name for name in CATEGORIES if restrictions.get(name, 0) and name not in counted]


def highest_degree(restrictions: Mapping[str, int], band: AgeBand) -> int:
    return max((restrictions.get(name, 0) or 0 for name in counted_categories(band)), default=0)


def group_for(degree: int, band: AgeBand) -> str:
    """§26, §58–61: the group or category for the highest degree of restriction."""
    if degree not in range(MAX_DEGREE + 1):
        raise ValueError(f"degree must be 0..3, not {degree!r}")
    if degree == 0:
        return "none"  # §19
    if band == "under_7":
        return "child"  # §26, §61
    roman = {3: "I", 2: "II", 1: "III"}[degree]  # §58, §59, §60
    return f"child_{roman}" if band == "7_18" else roman


def suggest_group(restrictions: Mapping[str, int], band: AgeBand) -> str:
    """The group that the degrees of restriction give for this age band (§19, §26, §58–61)."""
    return group_for(highest_degree(restrictions, band), band)


def groups_for_band(band: AgeBand) -> tuple[str, ...]:
    """§26: the groups or categories that exist in this age band (plus ``none``)."""
    if band == "under_7":
        return UNDER_7_GROUPS + ("none",)
    if band == "7_18":
        return CHILD_7_18_GROUPS + ("none",)
    return ADULT_GROUPS + ("none",)


def severity(group: str) -> int:
    """3 for group I (or child_I), 2 for II, 1 for III and ``child``, 0 for ``none``."""
    return _SEVERITY[group]


def roman(group: str) -> str | None:
    """"I", "II" or "III" for adult and 7–18 groups; None for ``child`` and ``none``."""
    if group in ADULT_GROUPS:
        return group
    if group in CHILD_7_18_GROUPS:
        return group.removeprefix("child_")
    return None
