"""Dates the Rules fix: establishment (§24), change of cause (§29), credit for a missed
re-examination (§69), extension in an emergency (§70), technical failures (§72) and
results of a control re-examination (§73-3).

How the paragraphs were read:

* §24: the date of establishing disability or loss of working capacity is 1) the date
  the person (or representative) applied to the MSE department (§9) — in person and
  in absentia alike — or 2) from 2025-01-01, for a proactive examination, the date the
  draft act was formed in AIS "ЦБДИ".
* §29: a change of cause dates from the submission of the causal-link documents.
* §69 (amended by orders No. 62 and No. 104): when documents did not arrive or the person
  did not come in time and at the re-examination disability (or loss of capacity) is
  established again, the missed period is credited: 1) up to one month when the
  re-examination was missed by no more than one month from the date set; 2) up to three
  years when it was missed for a valid reason — long continuous inpatient treatment;
  3) up to one year when it was missed because of proceedings to declare the person
  incapable and appoint a guardian.  Read: in case 1 a delay longer than a month gets no
  credit at all; in cases 2 and 3 a longer delay is credited for the limit only, counted
  back from the re-examination, because the credit is written as one date, "срок зачтен
  с" (App 8 item 25.4, App 19), from which the new term runs without a gap.
* §70 (wording of order No. 104): for persons whose re-examination fell due not more
  than one month before an emergency (state of emergency or emergency situation) was
  declared, or during it, and who were not re-examined in that time, the terms of
  disability, loss of capacity and the rehabilitation programme are extended
  automatically for the emergency; "the month in which the emergency ends counts in
  full".  Read: the extended term ends on the last day of the month in which the
  emergency ended.  (Adding the emergency's length to the old term instead could end
  the extension before the emergency itself, which the paragraph rules out.)
* §72 (from 2025-01-01): after a confirmed technical failure the term is credited at a
  repeat examination "с учетом ранее установленных сроков" — from the end of the
  previous term, without a gap — and at a primary one from the date form 031/у was sent
  from the MIS to the IS of the Ministry of Health.
* §73-3 (added by order No. 62): after a control re-examination the result dates 1) from
  the date the MSE department established disability, when the group got heavier and/or
  the degree of loss of capacity rose; 2) from the date of suspension (§73-2) when the
  group got lighter or disability was not established, the degree fell or was not
  established, or nothing changed.  Groups and percentages are compared separately: call
  the function once for the group and once for each degree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ...errors import UserError
from ...i18n import N_
from .age import add_months
from .causes import cause_change_date  # §29, re-exported here with the other dates
from .effective import PROACTIVE_IN_FORCE, RULES, Version
from .groups import GROUPS, severity

Mode = Literal["in_person", "in_absentia", "proactive"]
MissedReason = Literal["none", "inpatient", "incapacity"]
MISSED_REASONS = ("none", "inpatient", "incapacity")

MISSED_LIMIT_MONTHS = {"none": 1, "inpatient": 36, "incapacity": 12}  # §69.1, 69.2, 69.3


def _not_in_force(ref: str, day: date, since: date | None = None) -> UserError:
    since = since or RULES[ref].in_force_from
    return UserError(N_("{rule} is in force from {since}; it does not apply on {day}."),
                     rule=ref, since=since.isoformat(), day=day.isoformat())


def establishment_date(*, mode: Mode, applied_on: date | None = None,
                       draft_act_formed_on: date | None = None) -> date:
    """§24: the date of establishing disability / loss of working capacity."""
    if mode == "proactive":
        if draft_act_formed_on is None:
            raise UserError(N_("Field {field} is missing."), field="draft_act_formed_on")
        if draft_act_formed_on < PROACTIVE_IN_FORCE:  # §24 subpara. 2 from 2025-01-01
            raise _not_in_force("§24.2", draft_act_formed_on, PROACTIVE_IN_FORCE)
        return draft_act_formed_on  # §24.2
    if mode not in ("in_person", "in_absentia"):
        raise UserError(N_("Field {field}: unknown value {value}."), field="mode", value=mode)
    if applied_on is None:
        raise UserError(N_("Field {field} is missing."), field="applied_on")
    return applied_on  # §24.1


@dataclass(frozen=True)
class Credit:
    """§69: the missed period credited at a re-examination."""

    credited_from: date  # "срок зачтен с"
    days: int  # credited days (from credited_from to the re-examination)
    whole: bool  # the whole missed period is credited
    version: Version | None  # wording of §69 in force on the re-examination date


def missed_reexamination_credit(*, due_on: date, reexamined_on: date,
                                reason: MissedReason = "none",
                                reestablished: bool = True) -> Credit | None:
    """§69: the credit for a missed re-examination, or None when there is none (nothing
    was missed, disability was not established again, or a delay over one month
    without a valid reason)."""
    if reason not in MISSED_REASONS:
        raise UserError(N_("Field {field}: unknown value {value}."), field="reason", value=reason)
    if not reestablished or reexamined_on <= due_on:
        return None
    whole_limit = add_months(due_on, 1)  # §69.1: missed by no more than one month
    if reexamined_on <= whole_limit:
        credited_from = due_on
    elif reason == "none":
        return None
    else:  # §69.2 up to three years, §69.3 up to one year, counted back from the re-examination
        credited_from = max(due_on, add_months(reexamined_on, -MISSED_LIMIT_MONTHS[reason]))
    return Credit(credited_from, (reexamined_on - credited_from).days,
                  credited_from == due_on, RULES["§69"].version_on(reexamined_on))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def emergency_extension(*, term_end: date, emergency_start: date, emergency_end: date,
                        reexamined_on: date | None = None) -> date | None:
    """§70: the extended end of a term, or None when §70 does not apply."""
    if emergency_end < emergency_start:
        raise UserError(N_("The emergency cannot end ({end}) before it starts ({start})."),
                        start=emergency_start.isoformat(), end=emergency_end.isoformat())
    window_start = add_months(emergency_start, -1)  # "не более чем за месяц до введения"
    if not window_start <= term_end <= emergency_end:
        return None
    if reexamined_on is not None and window_start <= reexamined_on <= emergency_end:
        return None  # re-examined in the period: nothing to extend
    return _month_end(emergency_end)  # the month the emergency ends counts in full


def technical_failure_credited_from(*, kind: Literal["primary", "repeat"], on: date,
                                    form_sent_on: date | None = None,
                                    previous_term_end: date | None = None) -> date:
    """§72 subpara. 2: the date the term is credited from after a technical failure."""
    if on < PROACTIVE_IN_FORCE:
        raise _not_in_force("§72", on)
    if kind == "primary":
        if form_sent_on is None:
            raise UserError(N_("Field {field} is missing."), field="form_sent_on")
        return form_sent_on
    if kind == "repeat":
        if previous_term_end is None:
            raise UserError(N_("Field {field} is missing."), field="previous_term_end")
        return previous_term_end
    raise UserError(N_("Field {field}: unknown value {value}."), field="kind", value=kind)


def _weight(value: str | int | None) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        raise UserError(N_("Field {field}: unknown value {value}."), field="group", value=value)
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise UserError(N_("Field {field}: {value} is not a whole number from 0 to 100."),
                            field="percent", value=value)
        return value
    if value not in GROUPS:
        raise UserError(N_("Field {field}: unknown value {value}."), field="group", value=value)
    return severity(value)


def control_result_date(*, previous: str | int | None, new: str | int | None,
                        established_on: date, suspended_on: date, on: date) -> date:
    """§73-3: the date a result of a control re-examination applies from.

    ``previous``/``new`` are both groups ("I" ... "none", None = not established) or both
    percentages of loss of capacity (None = not established).  ``on`` is the date of the
    control re-examination; §73-3 is in force from order No. 62."""
    if not RULES["§73-3"].in_force(on):
        raise _not_in_force("§73-3", on)
    if isinstance(previous, str) != isinstance(new, str) and None not in (previous, new):
        raise UserError(N_("Compare a group with a group and a percentage with a percentage."))
    if _weight(new) > _weight(previous):
        return established_on  # §73-3.1: heavier group / higher degree
    return suspended_on  # §73-3.2: lighter, not established, lower or unchanged


__all__ = [
    "Credit", "MISSED_REASONS", "cause_change_date", "control_result_date",
    "emergency_extension", "establishment_date", "missed_reexamination_credit",
    "technical_failure_credited_from",
]
