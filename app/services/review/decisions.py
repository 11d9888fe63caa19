"""Experts' decisions on draft acts (§20.3, §42-46; INTERFACES.md §3): checked by the MSE Rules
with everything the act knows, signed, never edited (a correction supersedes), and blind (§25.5):
an expert sees no other expert's decision on the act until their own is submitted.

Every reader of decisions goes through ``visible_decisions``, so the window and every command
inherit the blind rule.  What the rules check is given (how the act's facts were read):

* ``mode`` proactive — every act here came by form 031/у with the proactive flag (App 5 F010);
* ``kind`` repeat for the purpose ``disability_repeat``, else primary (App 15 qualifiers);
* ``exam_date`` the day the draft act was formed (§24.2);
* ``sex`` from the act; ``insured`` (§62) — the act knows only whether the person works: a
  working person takes part in compulsory social insurance, of one who does not work the act
  knows nothing (None: the check is left to the expert);
* the birth date is never read (§25.2): the check takes the latest birth date that gives the
  act's age on the examination day, so a term "until 7/18" ends at most a year early on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain.states import AssignmentRole
from ...domain import rules
from ...domain.clock import KZ_TIME
from ...domain.rules.checking import CheckResult
from ...errors import UserError
from ...i18n import N_, gettext
from ..assignment import history
from .signer import DEFAULT_SIGNER, Signer
from .. import access


class RulesRefused(UserError):
    """A decision the MSE Rules refuse (errors), or whose warnings were not confirmed."""

    def __init__(self, message: str, findings):
        super().__init__(message)
        self.findings = tuple(findings)

    def text(self, lang: str | None = None) -> str:
        found = "; ".join(f"{f.rule}: {f.text(lang)}" for f in self.findings)
        return f"{gettext(self.message, lang)} {found}"


@dataclass(frozen=True)
class Viewer:
    """Who reads decisions: an expert (``expert_id``) or the department (None)."""

    expert_id: int | None = None


DEPARTMENT = Viewer()


def rules_context(act: m.DraftAct) -> dict:
    """The facts of the act the rules check needs (see the module's docstring)."""
    exam_date = act.registered_at.astimezone(KZ_TIME).date()
    return {"birth_date": rules.add_months(exam_date, -12 * act.age_years), "exam_date": exam_date,
            "kind": "repeat" if act.purpose == "disability_repeat" else "primary", "mode": "proactive",
            "sex": act.sex if act.sex in ("male", "female") else None, "insured": True if act.working else None}


def check_for_act(act: m.DraftAct, content: dict, **context) -> CheckResult:
    """The rules check of ``content`` with the act's facts, ``context`` overriding some of them
    (an appeal's re-examination: its own mode and date)."""
    return rules.check(content, **{**rules_context(act), **context})


def require_lawful(act: m.DraftAct, content: dict, confirm_warnings: bool, **context) -> CheckResult:
    """Errors refuse the decision; warnings need the expert's confirmation."""
    result = check_for_act(act, content, **context)
    if result.errors:
        raise RulesRefused(N_("The MSE Rules refuse this decision:"), result.errors)
    if result.warnings and not confirm_warnings:
        raise RulesRefused(N_("Confirm the warnings of the MSE Rules to submit this decision:"), result.warnings)
    return result


def act_by_number(session: Session, number: str) -> m.DraftAct:
    if not (len(number) == 14 and number.isascii() and number.isdigit()):  # §25.1
        raise UserError(N_("A draft act number has 14 digits (YYYYMMDD and a 6-digit sequence number)."))
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number).options(
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decisions)))
    if act is None:
        raise UserError(N_("There is no draft act with the number {number}."), number=number)
    return act


def current_assignments(act: m.DraftAct) -> list[m.Assignment]:
    """The panel's three places as they stand, the head's first (§25.4)."""
    return sorted((a for a in act.assignments if not a.withdrawn), key=lambda a: (a.role != AssignmentRole.HEAD, a.id))


def assignment_of(act: m.DraftAct, expert_id: int) -> m.Assignment:
    found = next((a for a in current_assignments(act) if a.expert_id == expert_id), None)
    if found is None:
        raise UserError(N_("Expert {expert} is not on the panel of draft act {number}."), expert=expert_id,
                        number=act.number)
    return found


def _in_force(assignment: m.Assignment) -> m.ExpertDecision | None:
    return next((d for d in assignment.decisions if d.superseded_at is None), None)


def may_see_others(act: m.DraftAct, viewer: Viewer) -> bool:
    """§25.5 blind review: an expert of the panel sees the others' decisions only after submitting."""
    if viewer.expert_id is None:
        return True
    own = next((a for a in current_assignments(act) if a.expert_id == viewer.expert_id), None)
    return own is not None and _in_force(own) is not None


def visible_decisions(act: m.DraftAct, viewer: Viewer) -> list[dict]:
    """The panel's places with the decisions ``viewer`` may see; a hidden one shows only that it exists
    when the viewer may not know even that (an expert before submitting sees nothing of the others)."""
    others_visible = may_see_others(act, viewer)
    places = []
    for assignment in current_assignments(act):
        own = assignment.expert_id == viewer.expert_id
        decision = _in_force(assignment)
        shown = decision is not None and (own or others_visible)
        places.append({"role": assignment.role, "expert_id": assignment.expert_id if (own or others_visible) else None,
                       "own": own, "hidden": not (own or others_visible),
                       "decision": decision_record(decision) if shown else None,
                       "history": [decision_record(d) for d in assignment.decisions if d.superseded_at is not None]
                       if shown else []})
    return places


def decision_record(decision: m.ExpertDecision) -> dict:
    return {"uid": decision.uid, "decided_at": decision.decided_at.astimezone(KZ_TIME).isoformat(timespec="minutes"),
            "content": decision.content, "signature": decision.signature,
            "superseded_at": decision.superseded_at.astimezone(KZ_TIME).isoformat(timespec="minutes")
            if decision.superseded_at else None}


def signed_document(act: m.DraftAct, assignment: m.Assignment, content: dict) -> dict:
    """What the expert signs: the act, their place and the decision."""
    return {"act": act.number, "act_uid": act.uid, "assignment": assignment.uid, "decision": content}


def checked_place(act: m.DraftAct, expert_id: int, content: dict, *, confirm_warnings: bool = False,
                  correction: bool = False) -> tuple[m.Assignment, m.ExpertDecision | None]:
    """Every check of ``submit`` before it writes anything: the act under review, the expert on
    its panel, a correction only of a decision in force, the rules (§42-46).  Returns the place and
    the decision a correction supersedes; raises ``UserError`` (nothing written) otherwise."""
    if act.status != m.ActStatus.UNDER_REVIEW:
        raise UserError(N_("Decisions are submitted while the draft act is under review; it is {status}."),
                        status=act.status)
    assignment = assignment_of(act, expert_id)
    previous = _in_force(assignment)
    if previous is not None and not correction:
        raise UserError(N_("Your decision on draft act {number} is already submitted and cannot be edited; "
                           "submit a correction, which supersedes it."), number=act.number)
    if previous is None and correction:
        raise UserError(N_("There is no submitted decision on draft act {number} to correct."), number=act.number)
    require_lawful(act, content, confirm_warnings)
    return assignment, previous


def submit(session: Session, act: m.DraftAct, expert_id: int, content: dict, at: datetime, *,
           confirm_warnings: bool = False, correction: bool = False, signer: Signer = DEFAULT_SIGNER,
           uid: str | None = None) -> m.ExpertDecision:
    """Records ``expert_id``'s signed decision on ``act``; the third decision routes the act at once."""
    access.require(session, "acts.review")
    from .routing import route_if_complete  # routing uses this module's readers

    assignment, previous = checked_place(act, expert_id, content, confirm_warnings=confirm_warnings,
                                         correction=correction)
    content = {"outcome": "conclusion", **content}
    decision = m.ExpertDecision(assignment=assignment, decided_at=at, outcome=content["outcome"], content=content,
                                signature=signer.sign(signed_document(act, assignment, content)),
                                warnings_confirmed=confirm_warnings, supersedes_id=previous.id if previous else None)
    if uid:
        decision.uid = uid
    if previous is not None:
        previous.superseded_at = at
    session.add(decision)
    session.flush()
    history.record(session, act, "corrected" if previous else "decided", at, expert=assignment.expert,
                   assignment=assignment)
    route_if_complete(session, act, at)
    return decision
