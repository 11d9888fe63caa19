"""Appeals and control re-examinations as data: the kinds, their states, which step may follow
which and who may take it, the deadline of each open state, and the §73-3 dating rule.

    kind             state         step              by            next state   due (rule)
    ───────────────  ────────────  ────────────────  ────────────  ───────────  ──────────────────────────────
    proactive §56    —             file              department    filed        registration: 2 working days
                     filed         register          deputy head   registered   forwarding: 2 working days
                     registered    forward           Committee     at_control   conclusion: 5 working days
                     at_control    conclude          control dept  concluded    —
    in_person §54    —             file (3 months)   department    filed        review: 20 working days
                     filed         conclude          control dept  concluded    —
    service_head §55 —             file              department    filed        review: 5 working days
                     filed         answer            dept head     concluded    —
    service_quality  —             file              department    filed        review: 15 working days
      §55            filed         answer            department    concluded    — (the body's answer recorded)
    committee_head   —             file              Committee     filed        review: 20 working days
      §55            filed         answer            Committee     concluded    — (see docs/interpretations.md)
    control §73      —             open (SMS, БМГ)   control dept  invited      visit: 3 working days (§73-1)
                     —             open (no БМГ)     control dept  letter_sent  — (counts from the letter's receipt)
                     letter_sent   letter_received   control dept  invited      visit: 3 working days (§73-1)
                     invited       no_show (App 26)  control dept  suspended    — (payments suspended, §73-2)
                     invited,      conclude          control dept  concluded    —
                     suspended

A step out of order, or by a role that may not take it, is refused and changes nothing; the
refusal names the current state and the steps that may come next (and by whom).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import N_
from .permissions import role_allows
from .roles import Role
from .states import AppealStatus

# -- kinds ------------------------------------------------------------------------------------------
PROACTIVE, IN_PERSON, SERVICE_HEAD, SERVICE_QUALITY, CONTROL = (
    "proactive", "in_person", "service_head", "service_quality", "control")
SERVICE_COMMITTEE = "committee_head"  # §55: "на имя руководителя Комитета"
KINDS = {
    PROACTIVE: N_("Appeal against a proactive conclusion (§56)"),
    IN_PERSON: N_("Appeal against an in-person conclusion (§54)"),
    SERVICE_HEAD: N_("Complaint about the service to the department head (§55)"),
    SERVICE_QUALITY: N_("Complaint about the service to the quality-control body (§55)"),
    SERVICE_COMMITTEE: N_("Complaint about the service to the head of the Committee (§55)"),
    CONTROL: N_("Control re-examination (§73)"),
}
KIND_SHORT = {PROACTIVE: N_("§56 proactive"), IN_PERSON: N_("§54 in person"), SERVICE_HEAD: N_("§55 to the head"),
              SERVICE_QUALITY: N_("§55 quality body"), SERVICE_COMMITTEE: N_("§55 to the Committee"),
              CONTROL: N_("§73 control")}  # the list's column
DECIDED_KINDS = (PROACTIVE, IN_PERSON, CONTROL)  # concluded with an expert decision (docs/interfaces.md §3)
SERVICE_KINDS = (SERVICE_HEAD, SERVICE_QUALITY, SERVICE_COMMITTEE)  # answered in words

# -- states -----------------------------------------------------------------------------------------
FILED, REGISTERED, AT_CONTROL, CONCLUDED = (AppealStatus.FILED, AppealStatus.REGISTERED, AppealStatus.AT_CONTROL,
                                            AppealStatus.CONCLUDED)
LETTER_SENT, INVITED, SUSPENDED = AppealStatus.LETTER_SENT, AppealStatus.INVITED, AppealStatus.SUSPENDED
STATES = (FILED, REGISTERED, AT_CONTROL, LETTER_SENT, INVITED, SUSPENDED, CONCLUDED)
OPEN_STATES = STATES[:-1]

# -- who acts: the roles of app.domain.roles; on a database without accounts the window chooses one,
# with accounts the signed-in role acts ------------------------------------------------------------
DEPARTMENT, DEPUTY_HEAD, COMMITTEE, CONTROL_DEPARTMENT, HEAD = (
    Role.REGISTRAR, Role.DEPUTY_HEAD, Role.COMMITTEE, Role.CONTROL_EXPERT, Role.HEAD)
ROLES = {
    DEPARTMENT: N_("MSE department (registrar)"),
    DEPUTY_HEAD: N_("Deputy head for MSE"),  # §56
    COMMITTEE: N_("Committee specialist"),  # §56
    CONTROL_DEPARTMENT: N_("Methodology and control department"),  # §56, §73
    HEAD: N_("Head of the territorial department"),  # §55
}


@dataclass(frozen=True)
class Step:
    name: str
    kind: str
    sources: tuple[str, ...]  # states the step may be taken in; () = it starts the case
    targets: tuple[str, ...]  # states it may lead to
    role: str  # who may take it
    paragraph: str
    title: str  # message id


STEPS: tuple[Step, ...] = (
    Step("file", PROACTIVE, (), (FILED,), DEPARTMENT, "§56", N_("Appeal filed")),
    Step("register", PROACTIVE, (FILED,), (REGISTERED,), DEPUTY_HEAD, "§56", N_("Registered by the deputy head")),
    Step("forward", PROACTIVE, (REGISTERED,), (AT_CONTROL,), COMMITTEE, "§56",
         N_("Forwarded to a control department")),
    Step("conclude", PROACTIVE, (AT_CONTROL,), (CONCLUDED,), CONTROL_DEPARTMENT, "§56",
         N_("Concluded by the control department")),
    Step("file", IN_PERSON, (), (FILED,), DEPARTMENT, "§54", N_("Appeal filed")),
    Step("conclude", IN_PERSON, (FILED,), (CONCLUDED,), CONTROL_DEPARTMENT, "§54", N_("Appeal reviewed")),
    Step("file", SERVICE_HEAD, (), (FILED,), DEPARTMENT, "§55", N_("Complaint registered")),
    Step("answer", SERVICE_HEAD, (FILED,), (CONCLUDED,), HEAD, "§55", N_("Complaint answered")),
    Step("file", SERVICE_QUALITY, (), (FILED,), DEPARTMENT, "§55", N_("Complaint registered")),
    Step("answer", SERVICE_QUALITY, (FILED,), (CONCLUDED,), DEPARTMENT, "§55", N_("Answer of the body recorded")),
    Step("file", SERVICE_COMMITTEE, (), (FILED,), COMMITTEE, "§55", N_("Complaint registered")),
    Step("answer", SERVICE_COMMITTEE, (FILED,), (CONCLUDED,), COMMITTEE, "§55",
         N_("Complaint answered by the head of the Committee")),
    Step("open", CONTROL, (), (INVITED, LETTER_SENT), CONTROL_DEPARTMENT, "§73, §73-1",
         N_("Control re-examination opened")),
    Step("letter_received", CONTROL, (LETTER_SENT,), (INVITED,), CONTROL_DEPARTMENT, "§73-1",
         N_("Postal invitation received")),
    Step("no_show", CONTROL, (INVITED,), (SUSPENDED,), CONTROL_DEPARTMENT, "§73-2, App 26",
         N_("Did not come: protocol, payments suspended")),
    Step("conclude", CONTROL, (INVITED, SUSPENDED), (CONCLUDED,), CONTROL_DEPARTMENT, "§73-3",
         N_("Concluded by the control department")),
)
STEP_TITLES = {(step.kind, step.name): step.title for step in STEPS}
# Every change of state any step of any kind makes (None: the case is created); which kind may take
# which step is ``refusal``'s to say.
TRANSITIONS: dict[AppealStatus | None, tuple[AppealStatus, ...]] = {
    source: tuple(dict.fromkeys(AppealStatus(t) for step in STEPS if source in (step.sources or (None,))
                                for t in step.targets))
    for source in (None, *STATES)}
# The action of the permission table (app.domain.permissions) each step needs once sign-in is on.
STEP_ACTIONS = {"file": "appeals.file", "register": "appeals.register", "forward": "appeals.forward",
                "conclude": "appeals.conclude", "answer": "appeals.answer", "open": "appeals.control",
                "letter_received": "appeals.control", "no_show": "appeals.control"}


def step_of(kind: str, name: str) -> Step | None:
    return next((s for s in STEPS if s.kind == kind and s.name == name), None)


def next_steps(kind: str, state: str) -> list[Step]:
    """The steps that may be taken on a case of ``kind`` in ``state``."""
    return [s for s in STEPS if s.kind == kind and state in s.sources]


def steps_for_role(kind: str, state: str, role: str, *, signed_in: bool = False) -> list[str]:
    """What the window offers ``role`` on such a case: the names of the steps it may take now —
    signed in, those the permission table lets the role take; else those of the chosen role."""
    if signed_in:
        return [s.name for s in next_steps(kind, state) if role_allows(Role(role), STEP_ACTIONS[s.name])]
    return [s.name for s in next_steps(kind, state) if s.role == role]


@dataclass(frozen=True)
class Refusal:
    """Why a step may not be taken: ``message`` (id) with its parameters."""

    message: str
    params: dict


def refusal(kind: str, state: str | None, name: str, role: str | None) -> Refusal | None:
    """None when ``role`` may take step ``name`` on a case of ``kind`` in ``state`` (None: no case
    yet), else why not — the current state and what may come next, by whom."""
    step = step_of(kind, name)
    if step is not None and (state in step.sources if state else not step.sources):
        if role is None or role == step.role:
            return None
        return Refusal(N_("The step '{step}' is taken by: {role}; not by: {actor}."),
                       {"step": name, "role": step.role, "actor": role})
    coming = [f"{s.name} ({s.role})" for s in next_steps(kind, state)] if state else []
    return Refusal(N_("The step '{step}' is not allowed: the case is '{state}'; next may come: {next}."),
                   {"step": name, "state": state or "—", "next": ", ".join(coming) or "—"})


# -- due dates (app.domain.deadlines) -----------------------------------------------------------------
DUE_RULE = {
    (PROACTIVE, FILED): "appeal_registration",  # §56: 2 working days
    (PROACTIVE, REGISTERED): "appeal_forwarding",  # §56: 2 working days
    (PROACTIVE, AT_CONTROL): "appeal_conclusion",  # §56: 5 working days
    (IN_PERSON, FILED): "appeal_review",  # §54: 20 working days
    (SERVICE_HEAD, FILED): "service_complaint_head",  # §55: 5 working days
    (SERVICE_QUALITY, FILED): "service_complaint_quality",  # §55: 15 working days
    (SERVICE_COMMITTEE, FILED): "service_complaint_committee",  # §55, §54 (APPC): 20 working days
    (CONTROL, INVITED): "control_visit",  # §73-1: 3 working days
}
FILING_WINDOW_RULE = "appeal_filing"  # §54: not later than 3 months from receiving the conclusion

# -- §73: grounds and §73-3 dating -------------------------------------------------------------------
GROUNDS = {
    "unreliable_documents": N_("Unreliable documents were submitted"),  # §73
    "unjustified_conclusion": N_("The expert conclusion was unjustified"),  # §73
}
INVITATIONS = {"sms": N_("SMS to the number registered in БМГ"), "post": N_("postal letter")}  # §73-1
INVITATION_SMS = N_("MSE: within 3 working days of this SMS come to the methodology and control department "
                    "{department} ({address}) for a control re-examination. Act No. {number}.")  # §73-1
CONCLUDED_SMS = N_("MSE: the methodology and control department has concluded on your appeal against the "
                   "conclusion of act No. {number}. The results are available on www.egov.kz.")  # §56

# Heaviness of a group or category (§58-61, §26): the larger, the heavier; "none" = not established.
GROUP_WEIGHT = {"none": 0, "III": 1, "child_III": 1, "child": 1, "II": 2, "child_II": 2, "I": 3, "child_I": 3}


def heavier(before: dict, after: dict) -> bool:
    """§73-3 (1): the group made heavier, or with the same group a degree of lost capacity (УОТ,
    УПТ) raised.  A lighter group with a raised degree counts as lighter (docs/interpretations.md)."""
    old, new = GROUP_WEIGHT.get(before.get("group") or "none", 0), GROUP_WEIGHT.get(after.get("group") or "none", 0)
    if new != old:
        return new > old
    return any((after.get(key) or 0) > (before.get(key) or 0) for key in ("uot_percent", "upt_percent"))


def effective_from(before: dict, after: dict, established_on: date, suspended_on: date | None,
                   concluded_on: date) -> date:
    """§73-3: from the date the MSE department established it when the result got heavier (1);
    otherwise from the date the control department suspended payments (2) — and, when the person
    came and nothing was suspended, from the control conclusion's date (docs/interpretations.md)."""
    if heavier(before, after):
        return established_on
    return suspended_on or concluded_on
