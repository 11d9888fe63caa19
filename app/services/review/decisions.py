"""Experts' decisions on draft acts (§20.3, §42-46; docs/interfaces.md §3): checked by the MSE Rules
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
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain import permissions
from ...domain.clock import KZ_TIME, now_kz
from ...errors import UserError
from ...i18n import N_
from ..assignment import history
# the rules check and the panel's places are read through this module too
from .lawful import RulesRefused as RulesRefused, check_for_act as check_for_act, require_lawful
from .lawful import rules_context as rules_context
from .places import assignment_of, current_assignments as current_assignments, in_force
from .routing import route_if_complete
from .signer import DEFAULT_SIGNER, Signer, require_own_key
from .. import access


@dataclass(frozen=True)
class Viewer:
    """Who reads decisions: an expert (``expert_id``) or the department (None)."""

    expert_id: int | None = None


DEPARTMENT = Viewer()
OUTSIDER = Viewer(0)  # no place on the panel: sees that decisions exist, none of them


def viewer_for(session: Session, act: m.DraftAct, requested: int | None = None) -> Viewer:
    """Who reads ``act``'s decisions (§25.5).  Signed in: the person's own place on the panel if
    they have one (blind until their own decision), else the department's view for the roles that
    work with the department's acts, else nothing; another expert's id is refused.  On a
    database without accounts: the expert named, else the department."""
    actor = access.require(session, "acts.view_decisions")
    if actor.unprotected:
        return Viewer(requested) if requested else DEPARTMENT
    own = actor.expert_ids or frozenset(() if actor.expert_id is None else (actor.expert_id,))
    if requested is not None and requested not in own:
        permissions.own_expert(actor, requested, "acts.view_decisions")
    place = next((a for a in current_assignments(act) if a.expert_id in own), None)
    if place is not None:
        return Viewer(place.expert_id)
    return DEPARTMENT if permissions.allows(actor, "acts.view_personal") else OUTSIDER


def act_by_number(session: Session, number: str) -> m.DraftAct:
    if not (len(number) == 14 and number.isascii() and number.isdigit()):  # §25.1
        raise UserError(N_("A draft act number has 14 digits (YYYYMMDD and a 6-digit sequence number)."))
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number).options(
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decisions)))
    if act is None:
        raise UserError(N_("There is no draft act with the number {number}."), number=number)
    return act


def may_see_others(act: m.DraftAct, viewer: Viewer) -> bool:
    """§25.5 blind review: an expert of the panel sees the others' decisions only after submitting."""
    if viewer.expert_id is None:
        return True
    own = next((a for a in current_assignments(act) if a.expert_id == viewer.expert_id), None)
    return own is not None and in_force(own) is not None


def visible_decisions(act: m.DraftAct, viewer: Viewer) -> list[dict]:
    """The panel's places with the decisions ``viewer`` may see; a hidden one shows only that it exists
    when the viewer may not know even that (an expert before submitting sees nothing of the others)."""
    others_visible = may_see_others(act, viewer)
    places = []
    for assignment in current_assignments(act):
        own = assignment.expert_id == viewer.expert_id
        decision = in_force(assignment)
        shown = decision is not None and (own or others_visible)
        places.append({"role": assignment.role, "expert_id": assignment.expert_id if (own or others_visible) else None,
                       "own": own, "hidden": not (own or others_visible),
                       "decision": decision_record(decision) if shown and decision is not None else None,
                       "history": [decision_record(d) for d in assignment.decisions if d.superseded_at is not None]
                       if shown else []})
    return places


def decision_record(decision: m.ExpertDecision) -> dict:
    return {"uid": decision.uid, "decided_at": decision.decided_at.astimezone(KZ_TIME).isoformat(timespec="minutes"),
            "content": decision.content, "signature": decision.signature,
            "superseded_at": decision.superseded_at.astimezone(KZ_TIME).isoformat(timespec="minutes")
            if decision.superseded_at else None}


def signed_document(act: m.DraftAct, assignment: m.Assignment, content: dict, decided_at: datetime,
                    outcome: str | None = None) -> dict:
    """What the expert signs (§46): the act, their place, the decision, its outcome and the moment
    it was made, so a later edit of any of them shows as ``changed``."""
    return {"act": act.number, "act_uid": act.uid, "assignment": assignment.uid, "decision": content,
            "outcome": outcome or content.get("outcome", "conclusion"), "decided_at": signed_moment(decided_at)}


def signed_moment(moment: datetime) -> str:
    """A moment as signed: UTC to the second (what the database gives back)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def signed_document_of(decision: m.ExpertDecision) -> dict:
    """The document a stored decision's signature must cover, from what is stored now."""
    assignment = decision.assignment
    return signed_document(assignment.act, assignment, decision.content, decision.decided_at, decision.outcome)


CLOCK_SKEW = timedelta(minutes=10)  # a laptop's clock may run this far ahead of the department's


def check_carried_moment(act: m.DraftAct, at: datetime) -> None:
    """A decision carried in (a laptop's file, the hub) is dated between the act's registration
    (§24.2: the review starts then) and now, give or take a laptop clock's skew; any other date is
    refused as forged or wrong."""
    if not act.registered_at - CLOCK_SKEW <= at <= now_kz() + CLOCK_SKEW:
        raise UserError(N_("The decision on draft act {number} is dated {at}, outside the time the act has been "
                           "under review; it was not recorded."), number=act.number,
                        at=at.isoformat(timespec="minutes"))


def checked_place(act: m.DraftAct, expert_id: int, content: dict, *, confirm_warnings: bool = False,
                  correction: bool = False) -> tuple[m.Assignment, m.ExpertDecision | None]:
    """Every check of ``submit`` before it writes anything: the act under review, the expert on
    its panel, a correction only of a decision in force, the rules (§42-46).  Returns the place and
    the decision a correction supersedes; raises ``UserError`` (nothing written) otherwise."""
    if act.status != m.ActStatus.UNDER_REVIEW:
        raise UserError(N_("Decisions are submitted while the draft act is under review; it is {status}."),
                        status=act.status)
    assignment = assignment_of(act, expert_id)
    previous = in_force(assignment)
    if previous is not None and not correction:
        raise UserError(N_("Your decision on draft act {number} is already submitted and cannot be edited; "
                           "submit a correction, which supersedes it."), number=act.number)
    if previous is None and correction:
        raise UserError(N_("There is no submitted decision on draft act {number} to correct."), number=act.number)
    require_lawful(act, content, confirm_warnings)
    return assignment, previous


def submit(session: Session, act: m.DraftAct, expert_id: int | None, content: dict, at: datetime, *,
           confirm_warnings: bool = False, correction: bool = False, signer: Signer = DEFAULT_SIGNER,
           uid: str | None = None) -> m.ExpertDecision:
    """Records the signed-in expert's signed decision on ``act`` (``expert_id``, when given, must
    be their own; on a database without accounts it names the expert); the third decision routes
    the act at once."""
    expert_id = access.judging_expert(session, expert_id, "acts.review")
    return record(session, act, expert_id, content, at, confirm_warnings=confirm_warnings, correction=correction,
                  signer=signer, uid=uid)


def record(session: Session, act: m.DraftAct, expert_id: int, content: dict, at: datetime, *,
           confirm_warnings: bool = False, correction: bool = False, signer: Signer = DEFAULT_SIGNER,
           uid: str | None = None) -> m.ExpertDecision:
    """Records ``expert_id``'s decision, made here (``submit``) or carried in from the expert's
    laptop (``exchange.import_decisions``, whose caller's permission is checked there)."""
    assignment, previous = checked_place(act, expert_id, content, confirm_warnings=confirm_warnings,
                                         correction=correction)
    require_own_key(signer, assignment.expert.iin)
    content = {"outcome": "conclusion", **content}
    decision = m.ExpertDecision(assignment=assignment, decided_at=at, outcome=content["outcome"], content=content,
                                signature=signer.sign(signed_document(act, assignment, content, at)),
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
