"""The rules check of one expert decision: ``check`` (Python) and ``check_request``
(the JSON of ``saraptama rules check``, docs/interfaces.md §4).

``check`` judges a decision (docs/interfaces.md §3) for a person born on ``birth_date``,
examined on ``exam_date`` (the date of establishment, §24), at a primary or repeat
examination, by the rules in force on ``exam_date`` (:mod:`.effective`).  It returns
findings — each names its paragraph, is an ``error`` (the decision contradicts the
Rules) or a ``warning`` (something the expert must confirm, or a fact the program cannot
see) — the group the degrees of restriction give, the terms allowed, and the end of the
term.  The program checks and suggests; the expert decides (docs/domain.md §7).

Optional inputs beyond docs/interfaces.md §4 (the decision format has no field for them):

* ``mode`` — ``in_person``, ``in_absentia`` or ``proactive`` (§8); None = not known,
  and the mode-specific checks (§8.7, §21, §42, marks only in proactive work) are skipped;
* ``sex`` — for the pension age of §31.3 / §36.3;
* ``insured`` — participation in compulsory social insurance (§62), True/False/None;
* ``grounds`` — what the expert cites for the term: ``app7_item``, ``app10_item``,
  ``app11_item`` (item numbers) and ``observation_years`` (§31.2, §34.2, §36.2).

``check_request`` accepts them as optional top-level keys of the request.

What is an error, what a warning (how the paragraphs were read):

* errors: group or category not of the person's age (§26); group other than the degrees
  of restriction give (§58–61) or a group, УОТ or УПТ without any restriction (§19); a
  conclusion that establishes disability without cause (§27) or term (§30); a cause tied
  to another age (§27.4–6); УПТ with a cause other than work injury or occupational
  disease (§28); a term not allowed for the age (§30) or for УОТ/УПТ alone (§33, §35);
  an in-absentia term over one year (§21); УОТ for a person known not to be insured
  (§62), under 30 % (§63); УПТ under 5 % (§65); from 2025: proactive conclusions with
  causal-link causes or УПТ (§42); marks (§43–45) outside proactive work, with reasons of
  another mark or of the other examination kind; a proactive examination dated before
  2025 (§8.7).
* warnings: causes needing a causal-link document (§27.7–8); general disease for a child;
  a term without re-examination without a §31 (§34, §36) ground, a 5-year adult term
  without an App 11 condition (§32); cited appendix items that do not fit; a child's term
  running past the 7th/18th birthday (§26); a percentage outside the band of the
  restriction of work capacity or of the group (§64, §65); restrictions that do not count
  at the age (work under 7, §61; play and motor activity for adults); missing degrees of
  restriction; a term when nothing is established (§19); УОТ/УПТ without a group where
  the restrictions would give one (§57: disability also needs the need for social
  protection, and App 10 p. 4 / §65.1 know УПТ without a group).
* The decision is judged as a whole only when ``outcome`` is ``conclusion`` (the default
  when absent); for marks only the mark rules apply.
* Bad input (not a decision: unknown codes, degrees outside 0–3, percentages outside
  0–100, dates that do not exist, an examination before birth or before 1 July 2023) is a
  :class:`app.errors.UserError`, not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..clock import now_kz
from typing import Any, Literal

from ...errors import UserError
from ...i18n import LANGUAGES, N_
from .age import AgeBand, age_on, age_band, band_end
from .appendices import app7_items, app10_items, app11_items
from .capacity import uot_band_for_degree, upt_band_for_degree
from .causes import (
    CAUSES, cause_allowed_for_age, needs_causal_link, proactive_cause_allowed,
    upt_cause_allowed, usual_for_age,
)
from .effective import ORDER_260_IN_FORCE, PROACTIVE_IN_FORCE, RULES
from .findings import Finding, error, warning
from .groups import (
    CATEGORIES, GROUPS, MAX_DEGREE, groups_for_band, highest_degree, ignored_categories,
    severity, suggest_group,
)
from .terms import (
    DISABILITY_TERMS, TERMS, UPT_TERMS, Sex, TermGrounds, adult_appendix7_findings,
    capacity_no_term_findings, child_term_findings, five_years_findings, no_term_findings,
    term_end as compute_term_end, uot_terms, within_in_absentia_limit,
)

Kind = Literal["primary", "repeat"]
Mode = Literal["in_person", "in_absentia", "proactive"]

KINDS = ("primary", "repeat")
MODES = ("in_person", "in_absentia", "proactive")
SEXES = ("male", "female")
OUTCOMES = ("conclusion", "unjustified", "poor_quality", "mismatch")
MARK_REASONS = {
    "unjustified": ("temp_disability_terms", "no_grounds_primary", "no_grounds_increase",
                    "examined_within_2_months"),  # §43
    "poor_quality": ("no_lab_data", "no_rehab_recommendation", "unreliable_documents"),  # §44
    "mismatch": ("diagnosis_not_in_list", "purpose_mismatch", "lab_vs_severity"),  # §45
}
MARK_RULE = {"unjustified": "§43", "poor_quality": "§44", "mismatch": "§45"}
PROGNOSES = ("favorable", "relatively_favorable", "doubtful", "unfavorable")  # §38
POTENTIALS = ("high", "satisfactory", "low", "none")  # §39

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> date:
    return now_kz().date()


@dataclass(frozen=True)
class Decision:
    """A validated expert decision (docs/interfaces.md §3); absent codes are None."""

    outcome: str = "conclusion"
    reasons: tuple[str, ...] = ()
    group: str | None = None
    cause: str | None = None
    term: str | None = None
    uot_percent: int | None = None
    upt_percent: int | None = None
    restrictions: dict[str, int] | None = None
    rehab_prognosis: str | None = None
    rehab_potential: str | None = None


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    suggested_group: str | None  # None when the degrees of restriction are not recorded
    allowed_terms: tuple[str, ...]
    term_end: date | None
    reexamination_date: date | None
    age: int
    age_band: AgeBand
    versions: dict[str, str] = field(default_factory=dict)  # rule -> wording applied

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """Exactly the JSON of ``saraptama rules check`` (docs/interfaces.md §4)."""
        return {
            "ok": self.ok,
            "findings": [{"rule": f.rule, "severity": f.severity, "message": f.text(lang)}
                         for f in self.findings],
            "suggested_group": self.suggested_group,
            "allowed_terms": list(self.allowed_terms),
            "term_end": self.term_end.isoformat() if self.term_end else None,
        }


# ---------------------------------------------------------------- input validation

def _unknown(field_name: str, value: Any, expected) -> UserError:
    return UserError(N_("Field {field}: unknown value {value}; expected one of: {expected}."),
                     field=field_name, value=_show(value), expected=", ".join(expected))


def _show(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else f'"{value}"'


def _code(data: Mapping, key: str, allowed, prefix: str = "decision.") -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in allowed:
        raise _unknown(prefix + key, value, allowed)
    return value


def _percent(data: Mapping, key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise UserError(N_("Field {field}: {value} is not a whole number from 0 to 100."),
                        field=f"decision.{key}", value=_show(value))
    return value


def _restrictions(data: Mapping) -> dict[str, int] | None:
    value = data.get("restrictions")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise UserError(N_("Field {field} must be an object."), field="decision.restrictions")
    result = {}
    for name, degree in value.items():
        if name not in CATEGORIES:
            raise _unknown("decision.restrictions", name, CATEGORIES)
        if degree is None:
            degree = 0
        if isinstance(degree, float) and degree.is_integer():
            degree = int(degree)
        if isinstance(degree, bool) or not isinstance(degree, int) or not 0 <= degree <= MAX_DEGREE:
            raise UserError(N_("Field {field}: the degree of restriction must be a whole "
                               "number from 0 to 3, not {value}."),
                            field=f"decision.restrictions.{name}", value=_show(degree))
        result[name] = degree
    return result


def parse_decision(decision: Any) -> Decision:
    """Validate a decision (docs/interfaces.md §3); UserError names the field and the problem."""
    if not isinstance(decision, Mapping):
        raise UserError(N_("The decision must be a JSON object."))
    outcome = _code(decision, "outcome", OUTCOMES) or "conclusion"
    reasons = decision.get("reasons")
    if reasons is None:
        reasons = []
    if not isinstance(reasons, list):
        raise UserError(N_("Field {field} must be a list."), field="decision.reasons")
    known = [r for values in MARK_REASONS.values() for r in values]
    for reason in reasons:
        if not isinstance(reason, str) or reason not in known:
            raise _unknown("decision.reasons", reason, known)
    return Decision(
        outcome=outcome,
        reasons=tuple(reasons),
        group=_code(decision, "group", GROUPS),
        cause=_code(decision, "cause", CAUSES),
        term=_code(decision, "term", TERMS),
        uot_percent=_percent(decision, "uot_percent"),
        upt_percent=_percent(decision, "upt_percent"),
        restrictions=_restrictions(decision),
        rehab_prognosis=_code(decision, "rehab_prognosis", PROGNOSES),
        rehab_potential=_code(decision, "rehab_potential", POTENTIALS),
    )


def parse_grounds(grounds: Any) -> TermGrounds:
    """Validate ``grounds`` ({"app7_item", "app10_item", "app11_item",
    "observation_years"}); None = nothing cited."""
    if grounds is None:
        return TermGrounds()
    if isinstance(grounds, TermGrounds):
        grounds = {k: getattr(grounds, k) for k in TermGrounds.__dataclass_fields__}
    if not isinstance(grounds, Mapping):
        raise UserError(N_("Field {field} must be an object."), field="grounds")
    for key in grounds:
        if key not in TermGrounds.__dataclass_fields__:
            raise _unknown("grounds", key, tuple(TermGrounds.__dataclass_fields__))
    items: dict[str, str | None] = {}
    for key, appendix, table in (("app7_item", "App 7", app7_items()),
                                 ("app10_item", "App 10", {**app10_items(), "4": None}),
                                 ("app11_item", "App 11", app11_items())):
        value = grounds.get(key)
        if value is None or value == "":
            items[key] = None
            continue
        value = str(value).rstrip(".")
        if value not in table:
            raise UserError(N_("Field {field}: there is no item {value} in {appendix}."),
                            field=f"grounds.{key}", value=_show(value), appendix=appendix)
        items[key] = value
    years = grounds.get("observation_years")
    if years is not None and (isinstance(years, bool) or not isinstance(years, (int, float))
                              or years < 0):
        raise UserError(N_("Field {field}: {value} is not a number of years."),
                        field="grounds.observation_years", value=_show(years))
    return TermGrounds(observation_years=years, **items)


PLAUSIBLE_YEARS = (1900, 2200)  # a person's birth and an examination; far from the calendar's year 9999


def parse_date(value: Any, field_name: str) -> date:
    """A ``YYYY-MM-DD`` date; UserError for a missing, malformed or impossible one."""
    if value is None:
        raise UserError(N_("Field {field} is missing."), field=field_name)
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise UserError(N_("Field {field}: {value} is not a date in the form YYYY-MM-DD."),
                        field=field_name, value=_show(value))
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise UserError(N_("Field {field}: {value} is not a real calendar date."),
                        field=field_name, value=_show(value)) from None
    if not PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]:  # terms counted from it must stay in range
        raise UserError(N_("Field {field}: {value} is not a plausible date (years {first}–{last})."),
                        field=field_name, value=_show(value), first=PLAUSIBLE_YEARS[0], last=PLAUSIBLE_YEARS[1])
    return parsed


# ---------------------------------------------------------------- the check

def _mark_findings(d: Decision, *, kind: Kind, mode: Mode | None, exam_date: date) -> list[Finding]:
    rule_ref = MARK_RULE[d.outcome]
    found: list[Finding] = []
    if exam_date < PROACTIVE_IN_FORCE:
        found.append(error(rule_ref, N_(
            "Expert marks (§43–45) exist only in proactive examination, in force from "
            "{since}."), since=PROACTIVE_IN_FORCE.isoformat()))
        return found
    if mode is not None and mode != "proactive":
        found.append(error(rule_ref, N_(
            "Expert marks (§43–45) are made only in a proactive examination.")))
    if not d.reasons:
        found.append(warning(rule_ref, N_("Give at least one reason for the mark.")))
    allowed = MARK_REASONS[d.outcome]
    found.extend(error(rule_ref, N_("Reason {reason} does not belong to this mark; allowed: {allowed}."),
                       reason=reason, allowed=", ".join(allowed))
                 for reason in d.reasons if reason not in allowed)
    if "no_grounds_primary" in d.reasons and kind != "primary":
        found.append(error("§43", N_(
            "Reason no_grounds_primary applies only at a primary examination (§43.2).")))
    if "no_grounds_increase" in d.reasons and kind != "repeat":
        found.append(error("§43", N_(
            "Reason no_grounds_increase applies only at a repeat examination (§43.3).")))
    return found


def _band_finding(rule_ref: str, message: str, percent: int,
                  bounds: tuple[int, int] | None) -> list[Finding]:
    if bounds is None or bounds[0] <= percent <= bounds[1]:
        return []
    return [warning(rule_ref, message, low=bounds[0], high=bounds[1], percent=percent)]


@dataclass(frozen=True)
class _Case:
    """One decision with everything the checkers read of the person and the examination."""

    d: Decision
    cited: TermGrounds
    kind: Kind
    mode: Mode | None
    sex: Sex | None
    insured: bool | None
    birth_date: date
    exam_date: date
    age: int
    band: AgeBand
    suggested: str | None  # the group the degrees of restriction give; None when not recorded

    @property
    def establishes_group(self) -> bool:
        return self.d.group not in (None, "none")

    @property
    def capacity_only(self) -> bool:
        """§57, App 10 p. 4: УОТ or УПТ without a group."""
        return self.d.group == "none" and (self.d.uot_percent is not None or self.d.upt_percent is not None)

    @property
    def proactive(self) -> bool:
        """§42 binds the conclusions of the in-absentia proactive examination only (§8.7: from 2025)."""
        return self.mode == "proactive" and self.exam_date >= PROACTIVE_IN_FORCE


def _validate(birth_date: date, exam_date: date, kind: Any, mode: Any, sex: Any, insured: Any) -> None:
    """Bad input of ``check`` (see the module's docstring) is a UserError."""
    if exam_date < birth_date:
        raise UserError(N_("The examination date ({exam_date}) is before the birth date "
                           "({birth_date})."), exam_date=exam_date.isoformat(),
                        birth_date=birth_date.isoformat())
    if exam_date < ORDER_260_IN_FORCE:
        raise UserError(N_("The MSE Rules of order No. 260 are in force from {since}; the "
                           "examination date {day} is earlier."),
                        since=ORDER_260_IN_FORCE.isoformat(), day=exam_date.isoformat())
    for field_name, value, allowed in (("kind", kind, KINDS), ("mode", mode, MODES), ("sex", sex, SEXES)):
        if (value is not None or field_name == "kind") and value not in allowed:
            raise _unknown(field_name, value, allowed)
    if insured is not None and not isinstance(insured, bool):
        raise UserError(N_("Field {field} must be true or false."), field="insured")


def check(decision: Mapping[str, Any], *, birth_date: date, exam_date: date, kind: Kind,
          mode: Mode | None = None, sex: Sex | None = None, insured: bool | None = None,
          grounds: Mapping[str, Any] | TermGrounds | None = None) -> CheckResult:
    """Check one expert decision against the MSE Rules in force on ``exam_date``."""
    _validate(birth_date, exam_date, kind, mode, sex, insured)
    d = parse_decision(decision)
    age = age_on(birth_date, exam_date)
    band = age_band(age)
    c = _Case(d, parse_grounds(grounds), kind, mode, sex, insured, birth_date, exam_date, age, band,
              suggest_group(d.restrictions, band) if d.restrictions is not None else None)
    versions = {ref: version.source for ref, r in RULES.items() if (version := r.version_on(exam_date)) is not None}
    findings = _mode_findings(c)
    if d.outcome != "conclusion":
        findings += _mark_findings(d, kind=kind, mode=mode, exam_date=exam_date)
        return CheckResult(tuple(findings), c.suggested, DISABILITY_TERMS[band], None, None, age, band, versions)
    for checker in (_category_findings, _group_findings, _cause_findings, _upt_cause_findings,
                    _capacity_findings):
        findings += checker(c)
    end, term_findings = _term_check(c)
    return CheckResult(tuple(findings + term_findings), c.suggested, _allowed_terms(c), end, end, age, band,
                       versions)


def _mode_findings(c: _Case) -> list[Finding]:
    """Order No. 260 p. 5, §8 subpara. 7: proactive examination from 2025."""
    if c.mode == "proactive" and c.exam_date < PROACTIVE_IN_FORCE:
        return [error("§8", N_(
            "Proactive examination is in force from {since}; the examination date is {day}."),
            since=PROACTIVE_IN_FORCE.isoformat(), day=c.exam_date.isoformat())]
    return []


def _category_findings(c: _Case) -> list[Finding]:
    """§58–61, §61: degrees recorded for categories that do not count at the person's age."""
    found = []
    for name in ignored_categories(c.d.restrictions or {}, c.band):
        if name == "work":
            found.append(warning("§61", N_(
                "Under seven, work capacity is not a category of life activity (§61); its "
                "degree is not counted.")))
        else:
            found.append(warning("§58–61", N_(
                "For persons over eighteen this children's category (App 6) is not "
                "counted: {category}."), category=name))
    return found


def _group_findings(c: _Case) -> list[Finding]:
    """§26, §19, §58–61: the group or category against the age and the degrees; §27, §30: a group
    needs its cause and its term."""
    d, found = c.d, []
    if d.group is not None:
        found += _group_against_degrees(c)
    if c.establishes_group and d.cause is None:
        found.append(error("§27", N_(
            "A conclusion that establishes disability must name its cause (§27).")))
    if c.establishes_group and d.term is None:
        found.append(error("§30", N_(
            "A conclusion that establishes disability must set its term (§30).")))
    return found


def _group_against_degrees(c: _Case) -> list[Finding]:
    d, suggested = c.d, c.suggested
    if d.group not in groups_for_band(c.band):
        return [error("§26", N_(
            "At the age of {age} the category or group must be one of: {groups}; the "
            "decision gives: {group}."), age=c.age, groups=list(groups_for_band(c.band)), group=d.group)]
    if suggested is None:
        return [warning("§58–61", N_(
            "The degrees of restriction are not recorded, so the group cannot be "
            "checked."))] if c.establishes_group else []
    if d.group == suggested:
        return []
    if suggested == "none":
        return [error("§19", N_(
            "No category of life activity is restricted, so disability is not "
            "established (§19); the decision gives: {group}."), group=d.group)]
    if c.capacity_only:  # §57: УОТ/УПТ may be set without a group (App 10 p. 4)
        return [warning("§58–61", N_(
            "The degrees of restriction give: {suggested}; the decision establishes "
            "only a loss of working capacity. Confirm that the conditions of §57 for "
            "disability are not met."), suggested=suggested)]
    return [error("§58–61", N_(
        "The degrees of restriction give: {suggested}; the decision gives: "
        "{group}."), suggested=suggested, group=d.group)]


def _cause_findings(c: _Case) -> list[Finding]:
    """§27: the cause against the age and its causal-link document; §42: not in proactive work."""
    cause = c.d.cause
    if cause is None:
        return []
    found = []
    if not cause_allowed_for_age(cause, c.band):
        found.append(error("§27", N_(
            "At the age of {age} this cause is not allowed: {cause}."), age=c.age, cause=cause))
    elif not usual_for_age(cause, c.band):
        found.append(warning("§27", N_(
            "For a person under eighteen the cause is that of §27 subparagraph 5 or 6; "
            "the decision gives: {cause}."), cause=cause))
    if needs_causal_link(cause):
        found.append(warning("§27", N_(
            "This cause needs the causal-link document of the authorised body (§27, §9 "
            "subparagraph 10): {cause}."), cause=cause))
    if c.proactive and not proactive_cause_allowed(cause, c.kind):
        found.append(error("§42", N_(
            "A proactive conclusion cannot rest on causal-link documents (§42); this "
            "cause needs them: {cause}."), cause=cause))
    return found


def _upt_cause_findings(c: _Case) -> list[Finding]:
    """§28: УПТ for a work injury or an occupational disease only; §42: never in proactive work."""
    if c.d.upt_percent is None:
        return []
    found = []
    if not upt_cause_allowed(c.d.cause):
        found.append(error("§28", N_(
            "Loss of professional working capacity is established only for a work injury "
            "or an occupational disease (§28).")))
    if c.proactive:
        found.append(error("§42", N_(
            "Loss of professional working capacity is not determined in a proactive "
            "examination (§42): it needs the accident report.")))
    return found


def _capacity_degree(c: _Case) -> int:
    """The degree the percentages are read against (capacity.py): the restriction of work capacity,
    else the group the restrictions give, else the decision's group."""
    work = (c.d.restrictions or {}).get("work", 0) if c.band != "under_7" else 0
    group = c.suggested if c.suggested is not None else c.d.group
    return work or (severity(group) if group not in (None, "child") else 0)


def _capacity_findings(c: _Case) -> list[Finding]:
    """§19, §62–65: degrees of loss of working capacity."""
    d, found = c.d, []
    if (d.uot_percent is not None or d.upt_percent is not None) and d.restrictions is not None \
            and highest_degree(d.restrictions, c.band) == 0:
        found.append(error("§19", N_(
            "No category of life activity is restricted, so no loss of working capacity is "
            "established (§19).")))
    degree = _capacity_degree(c)
    if d.uot_percent is not None:
        found += _uot_findings(d.uot_percent, c.insured, degree)
    if d.upt_percent is not None:
        found += _upt_findings(d.upt_percent, degree)
    return found


def _uot_findings(percent: int, insured: bool | None, degree: int) -> list[Finding]:
    found = []
    if insured is False:
        found.append(error("§62", N_(
            "Loss of general working capacity is established only for participants of "
            "compulsory social insurance (§62).")))
    if percent < 30:
        found.append(error("§63", N_(
            "Loss of general working capacity is established from 30 to 100 per cent; "
            "the decision gives {percent} per cent."), percent=percent))
    else:
        found += _band_finding("§64", N_(
            "The restriction of work capacity (or the group) fits {low}–{high} per cent "
            "of loss of general working capacity; the decision gives {percent} per "
            "cent."), percent, uot_band_for_degree(degree))
    return found


def _upt_findings(percent: int, degree: int) -> list[Finding]:
    if percent < 5:
        return [error("§65", N_(
            "Loss of professional working capacity is established from 5 to 100 per "
            "cent; the decision gives {percent} per cent."), percent=percent)]
    return _band_finding("§65", N_(
        "The restriction of work capacity (or the group) fits {low}–{high} per cent "
        "of loss of professional working capacity; the decision gives {percent} per "
        "cent."), percent, upt_band_for_degree(degree))


def _allowed_terms(c: _Case) -> tuple[str, ...]:
    """§30, §33, §35: the terms the decision may set; §21: at most a year in absentia."""
    d = c.d
    if c.capacity_only:
        uot_allowed = uot_terms(c.band)  # §33
        allowed = tuple(t for t in TERMS if (d.uot_percent is None or t in uot_allowed)
                        and (d.upt_percent is None or t in UPT_TERMS))
    elif d.group == "none":
        allowed = ()
    else:
        allowed = DISABILITY_TERMS[c.band]
    if c.mode == "in_absentia":
        allowed = tuple(t for t in allowed if within_in_absentia_limit(
            t, established_on=c.exam_date, birth_date=c.birth_date))
    return allowed


def _term_check(c: _Case) -> tuple[date | None, list[Finding]]:
    """§19, §30, §33, §35: the term against what is established; then its grounds (``_term_findings``)."""
    d = c.d
    if d.term is None:
        return None, []
    if d.group == "none" and not c.capacity_only:
        return None, [warning("§19", N_(
            "Nothing is established, so no term is set (§19); the decision gives: "
            "{term}."), term=d.term)]
    if c.capacity_only:
        wrong = _capacity_term_findings(c)
        if wrong:
            return None, wrong
    elif d.term not in DISABILITY_TERMS[c.band]:
        return None, [error("§30", N_(
            "At the age of {age} the term must be one of: {terms}; the decision gives: "
            "{term}."), age=c.age, terms=list(DISABILITY_TERMS[c.band]), term=d.term)]
    end = compute_term_end(d.term, established_on=c.exam_date, birth_date=c.birth_date)
    return end, _term_findings(
        d, c.cited, kind=c.kind, mode=c.mode, band=c.band, age=c.age, end=end, birth_date=c.birth_date,
        exam_date=c.exam_date, sex=c.sex, establishes_group=c.establishes_group, capacity_only=c.capacity_only)


def _capacity_term_findings(c: _Case) -> list[Finding]:
    """§33, §35: the terms of УОТ and УПТ set without a group."""
    d, found = c.d, []
    uot_allowed = uot_terms(c.band)
    if d.uot_percent is not None and d.term not in uot_allowed:
        found.append(error("§33", N_(
            "The term of loss of general working capacity must be one of: {terms}; "
            "the decision gives: {term}."), terms=list(uot_allowed), term=d.term))
    if d.upt_percent is not None and d.term not in UPT_TERMS:
        found.append(error("§35", N_(
            "The term of loss of professional working capacity must be one of: "
            "{terms}; the decision gives: {term}."), terms=list(UPT_TERMS), term=d.term))
    return found


def _term_findings(d: Decision, cited: TermGrounds, *, kind: Kind, mode: Mode | None,
                   band: AgeBand, age: int, end: date | None, birth_date: date,
                   exam_date: date, sex: Sex | None, establishes_group: bool,
                   capacity_only: bool) -> list[Finding]:
    found: list[Finding] = []
    term = d.term
    assert term is not None
    if mode == "in_absentia" and not within_in_absentia_limit(
            term, established_on=exam_date, birth_date=birth_date):
        found.append(error("§21", N_(
            "An in-absentia examination sets a term of at most one year (§21); the decision "
            "gives: {term}."), term=term))
    limit = band_end(birth_date, band)
    if establishes_group and limit is not None and end is not None and end > limit:
        found.append(warning("§26", N_(
            "The term ends on {end}, later than the day the person reaches the age of "
            "{years} ({birthday}), when the category changes (§26)."),
            end=end.isoformat(), years=7 if band == "under_7" else 18,
            birthday=limit.isoformat()))
    group = d.group if establishes_group else None
    if group is not None:
        if band == "adult":
            found += adult_appendix7_findings(cited)
            if term == "no_term":
                found += no_term_findings(group=group, kind=kind, grounds=cited,
                                          birth_date=birth_date, on=exam_date, sex=sex,
                                          rehab_prognosis=d.rehab_prognosis,
                                          uot=d.uot_percent, upt=d.upt_percent)
            elif term == "5y":
                found += five_years_findings(kind=kind, grounds=cited)
        else:
            found += child_term_findings(term=term, kind=kind, grounds=cited)
    elif capacity_only and term == "no_term":
        capacities: tuple[tuple[Literal["uot", "upt"], int | None], ...] = (("uot", d.uot_percent),
                                                                           ("upt", d.upt_percent))
        for what, percent in capacities:
            if percent is not None and percent >= (30 if what == "uot" else 5):
                found += capacity_no_term_findings(
                    what=what, percent=percent, kind=kind, grounds=cited,
                    birth_date=birth_date, on=exam_date, sex=sex,
                    rehab_prognosis=d.rehab_prognosis)
    return found


# ---------------------------------------------------------------- the CLI request

def check_request(payload: Any, lang: str = "en") -> dict[str, Any]:
    """Validate the request of ``saraptama rules check`` (docs/interfaces.md §4) and return its
    answer: ``{"ok", "findings": [{"rule", "severity", "message"}], "suggested_group",
    "allowed_terms", "term_end"}``, messages in ``lang``.  Bad input raises UserError."""
    if lang not in LANGUAGES:
        raise _unknown("lang", lang, LANGUAGES)
    if not isinstance(payload, Mapping):
        raise UserError(N_("The request must be a JSON object."))
    birth_date = parse_date(payload.get("birth_date"), "birth_date")
    exam_date = parse_date(payload.get("exam_date"), "exam_date")
    for field_name, day in (("birth_date", birth_date), ("exam_date", exam_date)):
        if day > today():  # a decision is made on an examination that took place, of a person born
            raise UserError(N_("Field {field}: {value} is in the future."), field=field_name, value=day.isoformat())
    kind = payload.get("kind")
    if kind is None:
        raise UserError(N_("Field {field} is missing."), field="kind")
    if "decision" not in payload:
        raise UserError(N_("Field {field} is missing."), field="decision")
    mode = payload.get("mode")
    result = check(payload["decision"], birth_date=birth_date, exam_date=exam_date,
                   kind=kind, mode=mode, sex=payload.get("sex"),
                   insured=payload.get("insured"), grounds=payload.get("grounds"))
    return result.as_dict(lang)
