"""Every legal deadline of the pipeline, registry and appeals as a named rule with its
paragraph (docs/domain.md §8), so the rest of the program asks "when is this due" by name and the
window can say "due Thursday 27 March, 18:00 (§20.3)".

Reading of the seeds used here (see also docs/interpretations.md):
- "within N working days of an event": day 1 is the first working day after the event's day,
  the deadline is the end of the N-th working day, 18:00 (App 3 item 7);
- §20.3 is the one exception: a draft act arriving before 16:00 on a working day makes that
  day day 1;
- "within N calendar days": the N-th day after the event, to its end (23:59), whether or not
  it is a working day (Registry Rules p. 7-9 give the applicant a window, not the office);
- "within N months": the same date N months later (the last day of a shorter month), to its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..i18n import N_
from .clock import KZ_TIME
from .rules.age import add_months
from .workdays import WorkingCalendar

END_OF_CALENDAR_DAY = time(23, 59)


@dataclass(frozen=True)
class DeadlineRule:
    name: str
    amount: int
    unit: str  # working_days | calendar_days | months
    paragraph: str
    title: str  # message id
    cutoff: time | None = None  # only §20.3


RULES: dict[str, DeadlineRule] = {rule.name: rule for rule in (
    DeadlineRule("expert_decision", 3, "working_days", "§20.3", N_("Expert decision on a draft act"),
                 cutoff=time(16, 0)),
    DeadlineRule("redistributed_decision", 3, "working_days", "Registry Rules p. 14",
                 N_("Decision on a redistributed draft act")),
    DeadlineRule("in_person_visit", 2, "working_days", "§45", N_("Visit for an in-person examination")),
    DeadlineRule("in_person_no_show", 4, "working_days", "§45", N_("No-show closes the in-person routing")),
    DeadlineRule("control_consultation", 10, "working_days", "§20.2",
                 N_("Consultation in the methodology and control department")),
    DeadlineRule("appeal_filing", 3, "months", "§54", N_("Appeal against an in-person conclusion")),
    DeadlineRule("appeal_review", 20, "working_days", "§54", N_("Review of an appeal")),
    DeadlineRule("appeal_registration", 2, "working_days", "§56", N_("Registration of an appeal by the deputy head")),
    DeadlineRule("appeal_forwarding", 2, "working_days", "§56",
                 N_("Forwarding of an appeal to a control department")),
    DeadlineRule("appeal_conclusion", 5, "working_days", "§56", N_("Conclusion of the control department")),
    DeadlineRule("service_complaint_head", 5, "working_days", "§55",
                 N_("Review of a complaint by the head of the territorial department")),
    DeadlineRule("service_complaint_quality", 15, "working_days", "§55",
                 N_("Review of a complaint by the quality-control body")),
    # §55 sets 5 working days for a complaint to the territorial department only; one to the head of the
    # Committee is a complaint to the higher administrative body, reviewed as §54 says of the APPC
    DeadlineRule("service_complaint_committee", 20, "working_days", "§55, §54",
                 N_("Review of a complaint by the head of the Committee")),
    DeadlineRule("control_visit", 3, "working_days", "§73-1", N_("Visit for a control re-examination")),
    DeadlineRule("form_validity", 1, "months", "§9.2, §11.5, §16.5", N_("Validity of form 031/u")),
    DeadlineRule("registry_document_check", 5, "working_days", "Registry Rules p. 7",
                 N_("Check of the registry application")),
    DeadlineRule("registry_test", 10, "calendar_days", "Registry Rules p. 7-9", N_("Registry test")),
    DeadlineRule("registry_contract", 5, "working_days", "Registry Rules p. 10",
                 N_("Decision and contract after the test")),
    DeadlineRule("registry_signing", 3, "working_days", "Registry Rules p. 10", N_("Signing of the contract")),
    DeadlineRule("registry_inclusion", 3, "working_days", "Registry Rules p. 11", N_("Inclusion in the registry")),
)}


@dataclass(frozen=True)
class Deadline:
    rule: DeadlineRule
    at: datetime  # Kazakhstan time

    @property
    def paragraph(self) -> str:
        return self.rule.paragraph


def due(rule_name: str, event: datetime, calendar: WorkingCalendar) -> Deadline:
    """When the step named ``rule_name`` that follows ``event`` is due."""
    rule = RULES[rule_name]
    event = event.astimezone(KZ_TIME)
    if rule.unit == "working_days":
        at = calendar.deadline(event, rule.amount, cutoff=rule.cutoff)
    elif rule.unit == "calendar_days":
        at = datetime.combine(event.date() + timedelta(days=rule.amount), END_OF_CALENDAR_DAY, tzinfo=KZ_TIME)
    else:
        at = datetime.combine(add_months(event.date(), rule.amount), END_OF_CALENDAR_DAY, tzinfo=KZ_TIME)
    return Deadline(rule, at)
