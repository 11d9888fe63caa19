"""When each rule of the MSE Rules is in force, and which wording applies on a date.

The MSE Rules (appendix 1 to order No. 260 of 29.06.2023) change over time, and a
decision is judged by the rules in force on its date (docs/domain.md §7, last item).  Every
paragraph the rules package implements is registered here as a :class:`Rule` with its
wordings (:class:`Version`), each with the date it took effect and the act it comes from.

What the seed says (``002_...``), and how it was read:

* Order No. 260, p. 5: in force from **1 July 2023**, except the listed elements, in
  force from **1 January 2025**: §3 subpara. 30, §8 subpara. 7, §10, §11, §12, §15, §16,
  §17 part 2, §20 subpara. 3, §24 subpara. 2, §25, §42–48, §51 part 3, §56, §72 and
  App 5, 9, 15, 16, 24 (and some parts of App 3).  Each of them also carries the note
  "вводится в действие с 01.01.2025".
* Order No. 62 of 04.03.2024 amended §9 (new wording), §31, §41, §69, §73 (new wording),
  added §73-1, §73-2, §73-3, and amended App 1, App 3, App 10 items 1 and 2 and App 15.
  It takes effect "по истечении десяти календарных дней после дня его первого
  официального опубликования".  **The publication date is not in the seeds.**  The
  date used, :data:`ORDER_62_IN_FORCE`, is the earliest one the seed allows: publication
  cannot precede signature (04.03.2024), ten calendar days then run out on 14.03.2024,
  so the order is in force at the earliest on 15.03.2024.  Replace the constant with the
  official date (Adilet) when known; nothing else needs to change.
* Order No. 104 of 11.04.2024 amended §69 and gave §70 a new wording, "со дня его
  официального опубликования".  Again the publication date is not in the seeds;
  :data:`ORDER_104_IN_FORCE` is the earliest possible one, the day of signature.
* The seed gives only the current wording of an amended paragraph, never the earlier
  one.  So for an amended paragraph the earlier :class:`Version` is recorded (its
  dates and source) but flagged ``wording_known=False``; the functions always apply the
  current wording, and :func:`version_on` tells the caller which wording was formally in
  force.  Paragraphs *added* by an amendment (§73-1 to §73-3) have no earlier version:
  before the amendment they are not in force at all.
* Before 1 July 2023 none of these rules is in force (the order replaced earlier rules
  that are not among the seeds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ORDER_260_IN_FORCE = date(2023, 7, 1)  # order No. 260, p. 5
PROACTIVE_IN_FORCE = date(2025, 1, 1)  # order No. 260, p. 5: the listed elements
ORDER_62_IN_FORCE = date(2024, 3, 15)  # earliest possible; publication date not in the seeds
ORDER_104_IN_FORCE = date(2024, 4, 11)  # earliest possible; publication date not in the seeds

ORDER_260 = "Order No. 260 of 2023-06-29"
ORDER_62 = "Order No. 62 of 2024-03-04"
ORDER_104 = "Order No. 104 of 2024-04-11"


@dataclass(frozen=True)
class Version:
    """One wording of a paragraph: in force from ``since`` (inclusive)."""

    since: date
    source: str
    wording_known: bool = True  # False: the seed does not give this (earlier) wording


@dataclass(frozen=True)
class Rule:
    ref: str  # "§31", "App 10"
    title: str
    versions: tuple[Version, ...]  # in date order

    @property
    def in_force_from(self) -> date:
        return self.versions[0].since

    def version_on(self, day: date) -> Version | None:
        """The wording in force on ``day``, or None before the rule took effect."""
        current = None
        for version in self.versions:
            if version.since <= day:
                current = version
        return current

    def in_force(self, day: date) -> bool:
        return self.version_on(day) is not None


def _rule(ref: str, title: str, *versions: Version) -> Rule:
    return Rule(ref, title, versions or (Version(ORDER_260_IN_FORCE, ORDER_260),))


_BASE = Version(ORDER_260_IN_FORCE, ORDER_260)
_BASE_UNKNOWN = Version(ORDER_260_IN_FORCE, ORDER_260, wording_known=False)
_FROM_2025 = Version(PROACTIVE_IN_FORCE, ORDER_260)
_BY_62 = Version(ORDER_62_IN_FORCE, ORDER_62)
_BY_104 = Version(ORDER_104_IN_FORCE, ORDER_104)

RULES: dict[str, Rule] = {
    rule.ref: rule
    for rule in (
        _rule("§8", "Places and forms of examination (subpara. 7: proactive from 2025-01-01)",
              _BASE, _FROM_2025),
        _rule("§19", "Disability not established without a restriction of life activity"),
        _rule("§21", "In-absentia examination: once, for at most one year"),
        _rule("§24", "Date of establishing disability (subpara. 2 from 2025-01-01)",
              _BASE, _FROM_2025),
        _rule("§26", "Groups and categories by age"),
        _rule("§27", "Causes of disability and of loss of general working capacity"),
        _rule("§28", "Causes of loss of professional working capacity"),
        _rule("§29", "Date of a change of cause"),
        _rule("§30", "Terms of disability by age"),
        _rule("§31", "Disability without a re-examination term", _BASE_UNKNOWN, _BY_62),
        _rule("§32", "Five-year term for adults (App 11)"),
        _rule("§33", "Terms of loss of general working capacity"),
        _rule("§34", "Loss of general working capacity until pension age"),
        _rule("§35", "Terms of loss of professional working capacity"),
        _rule("§36", "Loss of professional working capacity without a term"),
        _rule("§42", "Proactive conclusions only without causal-link documents", _FROM_2025),
        _rule("§43", "Mark 'unjustifiably referred'", _FROM_2025),
        _rule("§44", "Mark 'poorly completed'", _FROM_2025),
        _rule("§45", "Mismatch marks", _FROM_2025),
        _rule("§58–61", "Group or category from the degrees of restriction"),
        _rule("§62", "Loss of general working capacity: insured persons only"),
        _rule("§63", "Loss of general working capacity: 30 to 100 per cent"),
        _rule("§64", "Loss of general working capacity by severity"),
        _rule("§65", "Loss of professional working capacity by severity"),
        _rule("§69", "Credit for a missed re-examination", _BASE_UNKNOWN,
              Version(ORDER_62_IN_FORCE, ORDER_62, wording_known=False), _BY_104),
        _rule("§70", "Extension during an emergency", _BASE_UNKNOWN, _BY_104),
        _rule("§72", "Technical failures of information systems", _FROM_2025),
        _rule("§73-3", "Date of a result of control re-examination", _BY_62),
        _rule("App 7", "Children's terms by condition"),
        _rule("App 10", "Irreversible anatomical defects (items 1, 2 amended)",
              _BASE_UNKNOWN, _BY_62),
        _rule("App 11", "Conditions for a five-year term"),
    )
}


def rule(ref: str) -> Rule:
    """The registered rule; KeyError for an unknown reference."""
    return RULES[ref]


def in_force(ref: str, day: date) -> bool:
    """True when paragraph ``ref`` is in force on ``day``."""
    return RULES[ref].in_force(day)


def version_on(ref: str, day: date) -> Version | None:
    """The wording of ``ref`` in force on ``day`` (None before it took effect)."""
    return RULES[ref].version_on(day)
