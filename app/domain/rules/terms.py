"""Terms of disability, УОТ and УПТ; their end dates and grounds (§21, §30–36, App 7, 10, 11).

Terms (codes of docs/interfaces.md §3): ``6m``, ``1y``, ``2y``, ``5y``, ``until_7``,
``until_18``, ``no_term``.

* §30: under 7: 6 months, 1, 2, 5 years or until seven; 7–18: 6 months, 1, 2, 5 years or
  until eighteen; adults: 6 months, 1, 2, 5 years or without a re-examination term.
* §33 (УОТ): 6 months, 1, 2, 5 years, until eighteen, or until the insured person
  reaches the age of Social Code art. 207 p. 1 (pension age).  docs/interfaces.md §3 has no
  code for "until pension age"; ``no_term`` stands for it when the term is the УОТ's.
* §35 (УПТ): 6 months, 1, 2, 5 years or without a re-examination term.
* §33 part 2 / §35 part 2: УОТ or УПТ of a person whose disability has a re-examination
  term runs until the end of that disability term.  The decision has one ``term``; when a
  group is established it is the disability term and the УОТ/УПТ follow it; when no group
  is established (``none``) it is the term of the УОТ/УПТ.
* §21: an in-absentia (not proactive) examination establishes disability or loss of
  working capacity once, for at most one year: the term must end no later than one year
  after the date of establishment.

End of a term (the date after "установлена на срок до" in App 8 item 25.3 and App 19):

* 6 months, 1, 2, 5 years run from the date of establishment (§24) and end on the same
  day of the last month (Civil Code counting of periods, not a seed; 31 August + 6 months
  = end of February);
* ``until_7`` / ``until_18`` ("до достижения семилетнего/восемнадцатилетнего возраста")
  end on the **7th / 18th birthday**, the day the age is reached; the day before is the
  last day the person is under seven / eighteen.  This keeps one meaning for every "до"
  date — the day the term runs out and re-examination is due — and on that day the person
  is already in the next age band (§26), which is why the term ends;
* ``no_term`` has no end (None).
* The re-examination date (App 19 "Дата переосвидетельствования") is the end of the
  term: the seed sets no interval between them, and re-examination before the term is
  "досрочное" (§71), an exception.

Grounds (:class:`TermGrounds`; the decision format has no field for them, so the caller
passes what the expert cites):

* §31 (adult disability without term): 1) a defect of App 10; 2) stable irreversible
  state, rehabilitation ineffective, stable group and observation of the person with
  disability for at least 4 (group I), 5 (II), 6 (III) years — except App 11 conditions;
  3) unfavourable rehabilitation prognosis at pension age.  Read: 2) needs a repeat
  examination (the person already has a disability under observation).
* §32: 5 years for adults only with an App 11 condition; App 11 items "при повторном
  переосвидетельствовании" only at a repeat examination.
* §34 (УОТ until pension age): App 10, or observation for at least 4 (80–100 %), 5
  (60–79 %), 6 (30–59 %) years.  §34 has no pension-age ground.
* §36 (УПТ without term): App 10, or observation for at least 4 (90–100 %), 5 (60–89 %),
  6 (30–59 % and 5–29 %) years, or unfavourable prognosis at pension age.
* App 10 as a ground must fit the decision: its section gives group I/II/III and the
  УОТ/УПТ ranges; a heavier group (App 10 p. 5) means ordinary re-examination; a section-4
  defect (fingers) gives no group.
* App 7 (children): the cited condition's section gives the term (1: 6 months or 1 year,
  2: 2 years, 3: 5 years, 4: until 7/18); an App 10 defect cited for a child is App 7
  item 4.30 (until 7/18).
* Pension age (Social Code art. 207 p. 1, not a seed): 63 for men, 61 for women.  The Code
  raises the women's age from 2028; extend :data:`PENSION_AGE` then.  With the sex
  unknown, 63 is used, so the ground is never assumed wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from ...i18n import N_
from .age import AgeBand, add_months, age_on, birthday
from .appendices import app7_item, app10_item, app11_item
from .findings import Finding, warning
from .groups import severity

Kind = Literal["primary", "repeat"]
Sex = Literal["male", "female"]

TERMS = ("6m", "1y", "2y", "5y", "until_7", "until_18", "no_term")
TERM_MONTHS = {"6m": 6, "1y": 12, "2y": 24, "5y": 60}

DISABILITY_TERMS: dict[AgeBand, tuple[str, ...]] = {  # §30
    "under_7": ("6m", "1y", "2y", "5y", "until_7"),
    "7_18": ("6m", "1y", "2y", "5y", "until_18"),
    "adult": ("6m", "1y", "2y", "5y", "no_term"),
}
UOT_TERMS = ("6m", "1y", "2y", "5y", "until_18", "no_term")  # §33 (no_term = until pension age)
UPT_TERMS = ("6m", "1y", "2y", "5y", "no_term")  # §35


def uot_terms(band: str) -> tuple[str, ...]:
    """§33 by age: "until eighteen" only before the 18th birthday; "until the age of art. 207 of the
    Social Code" (``no_term``) only for an adult: a child reaches eighteen first."""
    return tuple(t for t in UOT_TERMS if t != ("no_term" if band != "adult" else "until_18"))
IN_ABSENTIA_MAX_MONTHS = 12  # §21

PENSION_AGE = {"male": 63, "female": 61}  # Social Code art. 207 p. 1 (not a seed)

# §31.2: years of observation by group; §34.2 by УОТ range; §36.2 by УПТ range
NO_TERM_YEARS_BY_GROUP = {3: 4, 2: 5, 1: 6}
NO_TERM_YEARS_BY_UOT = ((80, 4), (60, 5), (30, 6))
NO_TERM_YEARS_BY_UPT = ((90, 4), (60, 5), (5, 6))


def allowed_terms(band: AgeBand) -> tuple[str, ...]:
    """§30: the disability terms of an age band."""
    return DISABILITY_TERMS[band]


def term_end(term: str, *, established_on: date, birth_date: date) -> date | None:
    """The day the term runs out (see the module docstring); None for ``no_term``."""
    if term in TERM_MONTHS:
        return add_months(established_on, TERM_MONTHS[term])
    if term == "until_7":
        return birthday(birth_date, 7)
    if term == "until_18":
        return birthday(birth_date, 18)
    if term == "no_term":
        return None
    raise ValueError(f"unknown term {term!r}")


def reexamination_date(term: str, *, established_on: date, birth_date: date) -> date | None:
    """App 19 "Дата переосвидетельствования": the end of the term (None without a term)."""
    return term_end(term, established_on=established_on, birth_date=birth_date)


def within_in_absentia_limit(term: str, *, established_on: date, birth_date: date) -> bool:
    """§21: an in-absentia examination gives a term of at most one year."""
    end = term_end(term, established_on=established_on, birth_date=birth_date)
    return end is not None and end <= add_months(established_on, IN_ABSENTIA_MAX_MONTHS)


def pension_age(sex: Sex | None) -> int:
    """Social Code art. 207 p. 1 (not a seed): 63 men, 61 women; 63 when unknown."""
    return PENSION_AGE.get(sex or "", PENSION_AGE["male"])


def reached_pension_age(birth_date: date, on: date, sex: Sex | None) -> bool:
    return age_on(birth_date, on) >= pension_age(sex)


@dataclass(frozen=True)
class TermGrounds:
    """What the expert cites for a term: App 7, 10 or 11 item numbers and the years the
    person with disability (or loss of capacity) has been observed with a stable result."""

    app7_item: str | None = None
    app10_item: str | None = None
    app11_item: str | None = None
    observation_years: float | None = None


def _years_needed(percent: int, table: tuple[tuple[int, int], ...]) -> int | None:
    for low, years in table:
        if percent >= low:
            return years
    return None


def _kind_only(appendix: str, number: str, exam: str | None) -> Finding:
    if exam == "repeat":
        return warning(appendix, N_("{appendix} item {item} applies only at a repeat "
                                    "examination."), appendix=appendix, item=number)
    return warning(appendix, N_("{appendix} item {item} applies only at a primary "
                                "examination."), appendix=appendix, item=number)


def _app10_issues(number: str, *, kind: Kind, group: str | None, uot: int | None,
                  upt: int | None) -> tuple[bool, bool, list[Finding]]:
    """Does App 10 item ``number`` ground a term without re-examination for this decision?
    Returns (the item fits the examination and the group, the item fits the percentages,
    findings)."""
    item = app10_item(number)
    issues: list[Finding] = []
    fits = True
    percent_fits = True
    if not item.allows_kind(kind):
        fits = False
        issues.append(_kind_only("App 10", number, item.exam))
    if group is not None and group != "none":
        if item.group is None:
            fits = False
            issues.append(warning("App 10", N_(
                "App 10 item {item} concerns loss of professional working capacity only "
                "and gives no disability group."), item=number))
        elif severity(group) > severity(item.group):
            fits = False
            issues.append(warning("App 10", N_(
                "App 10 p. 5: the decision's group ({group}) is heavier than that of item "
                "{item} ({item_group}); re-examination follows the ordinary terms."),
                item=number, group=group, item_group=item.group))
        elif severity(group) < severity(item.group):
            fits = False
            issues.append(warning("App 10", N_(
                "App 10 item {item} gives: {item_group}; the decision gives: {group}."),
                item=number, group=group, item_group=item.group))
    for percent, bounds, name in ((uot, item.uot, "uot"), (upt, item.upt, "upt")):
        if percent is not None and (bounds is None or not bounds[0] <= percent <= bounds[1]):
            percent_fits = False
            if bounds is None:
                issues.append(warning("App 10", N_(
                    "App 10 item {item} sets no degree of this kind: {what}."), item=number,
                    what=name))
                continue
            issues.append(warning("App 10", N_(
                "App 10 item {item} sets {low}–{high} per cent ({what}); the decision gives "
                "{percent} per cent."), item=number, what=name, low=bounds[0], high=bounds[1],
                percent=percent))
    if item.first_established_under_18:
        issues.append(warning("App 10", N_(
            "App 10 item {item} applies only when disability for this condition was first "
            "established before the age of eighteen; confirm it."), item=number))
    return fits, percent_fits, issues


def no_term_findings(*, group: str, kind: Kind, grounds: TermGrounds, birth_date: date,
                     on: date, sex: Sex | None, rehab_prognosis: str | None,
                     uot: int | None = None, upt: int | None = None) -> list[Finding]:
    """§31: findings for an adult disability without a re-examination term."""
    issues: list[Finding] = []
    met = False
    if grounds.app10_item:  # §31.1
        fits, _percent_fits, found = _app10_issues(grounds.app10_item, kind=kind, group=group,
                                                   uot=uot, upt=upt)
        issues += found
        met = met or fits
    if grounds.observation_years is not None:  # §31.2
        needed = NO_TERM_YEARS_BY_GROUP.get(severity(group))
        if grounds.app11_item:
            issues.append(warning("§31", N_(
                "§31.2 does not apply to App 11 conditions (item {item}): their term is "
                "5 years (§32)."), item=grounds.app11_item))
        elif kind != "repeat":
            issues.append(warning("§31", N_(
                "§31.2 needs observation of a person with disability: a repeat "
                "examination.")))
        elif needed is not None and grounds.observation_years < needed:
            issues.append(warning("§31", N_(
                "§31.2: without a term, {years} years of observation at least are needed "
                "for this group ({group}); {given} given."), group=group, years=needed,
                given=grounds.observation_years))
        elif needed is not None:
            met = True
    if rehab_prognosis == "unfavorable" and reached_pension_age(birth_date, on, sex):  # §31.3
        met = True
    if not met:
        issues.append(warning("§31", N_(
            "A disability without a re-examination term needs a ground of §31: an App 10 "
            "defect, at least 4/5/6 years of observation with group I/II/III, or an "
            "unfavourable rehabilitation prognosis at pension age.")))
    return issues


def capacity_no_term_findings(*, what: Literal["uot", "upt"], percent: int, kind: Kind,
                              grounds: TermGrounds, birth_date: date, on: date,
                              sex: Sex | None, rehab_prognosis: str | None) -> list[Finding]:
    """§34 (УОТ until pension age) and §36 (УПТ without a term), when no group is set."""
    ref = "§34" if what == "uot" else "§36"
    issues: list[Finding] = []
    met = False
    if grounds.app10_item:
        fits, percent_fits, found = _app10_issues(
            grounds.app10_item, kind=kind, group=None,
            uot=percent if what == "uot" else None, upt=percent if what == "upt" else None)
        issues += found
        met = met or (fits and percent_fits)
    if grounds.observation_years is not None:
        needed = _years_needed(percent, NO_TERM_YEARS_BY_UOT if what == "uot"
                               else NO_TERM_YEARS_BY_UPT)
        if needed is not None and grounds.observation_years >= needed:
            met = True
        elif needed is not None:
            issues.append(warning(ref, N_(
                "{paragraph}: {percent} per cent without a term needs at least {years} years "
                "of observation; {given} given."), paragraph=ref, percent=percent,
                years=needed, given=grounds.observation_years))
    if (what == "upt" and rehab_prognosis == "unfavorable"
            and reached_pension_age(birth_date, on, sex)):  # §36.3
        met = True
    if not met:
        if what == "uot":
            issues.append(warning(ref, N_(
                "Loss of general working capacity until pension age needs a ground of §34: "
                "an App 10 defect or at least 4/5/6 years of observation with 80–100/60–79/"
                "30–59 per cent.")))
        else:
            issues.append(warning(ref, N_(
                "Loss of professional working capacity without a term needs a ground of "
                "§36: an App 10 defect, at least 4/5/6 years of observation with 90–100/"
                "60–89/5–59 per cent, or an unfavourable prognosis at pension age.")))
    return issues


def five_years_findings(*, kind: Kind, grounds: TermGrounds) -> list[Finding]:
    """§32: an adult's 5-year disability term needs an App 11 condition."""
    if not grounds.app11_item:
        return [warning("§32", N_(
            "A 5-year term for an adult needs a condition of App 11 (§32)."))]
    item = app11_item(grounds.app11_item)
    if not item.allows_kind(kind):
        return [_kind_only("App 11", item.number, item.exam)]
    return []


def child_term_findings(*, term: str, kind: Kind, grounds: TermGrounds) -> list[Finding]:
    """App 7: the cited condition's section must give this term (children only)."""
    issues: list[Finding] = []
    if grounds.app11_item:
        issues.append(warning("§32", N_("App 11 applies to persons over eighteen only.")))
    number = grounds.app7_item
    if number is None and grounds.app10_item:
        number = "4.30"  # App 7 item 4.30: App 10 defects give until 7 / until 18
    if number is None:
        return issues
    item = app7_item(number)
    if term not in item.terms:
        issues.append(warning("App 7", N_(
            "App 7 item {item} gives the term: {terms}; the decision gives: {term}."),
            item=number, terms=list(item.terms), term=term))
    if not item.allows_kind(kind):
        issues.append(_kind_only("App 7", number, item.exam))
    return issues


def adult_appendix7_findings(grounds: TermGrounds) -> list[Finding]:
    if grounds.app7_item:
        return [warning("App 7", N_("App 7 applies to persons under eighteen only."))]
    return []

