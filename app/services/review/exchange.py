"""Acts and decisions by file, for an expert who works offline (§25.5).

``export_for_expert``: the depersonalised copies (``acts.show_act(as_expert=True)``, §25.2) of
the acts under review on which the expert has an open place, with that place (its uid, the act's
uid, when it was given and when it is due) and the expert's own decisions — never another
expert's.  The laptop's side of the round trip is ``laptop``.  ``import_decisions``: the decisions made on the laptop,
each with the uid it was made with, so importing a file twice records each decision once; each
is checked, signed and routed as if submitted here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain.clock import KZ_TIME
from ...errors import UserError
from ...i18n import N_
from .. import acts
from . import decisions
from .. import access

FORMAT = "saraptama-expert-acts/1"
DECISIONS_FORMAT = "saraptama-expert-decisions/1"


def export_for_expert(session: Session, expert_id: int) -> dict:
    """The file for ``expert_id``'s laptop: the department's act (``acts.export_for_expert``), or
    the expert's own pull from the hub (a token's expert receives their own acts only)."""
    actor = access.actor_of(session)
    if actor is None or actor.unprotected or expert_id not in actor.expert_ids:
        access.require(session, "acts.export_for_expert")
    expert = session.get(m.StaffMember, expert_id)
    if expert is None or expert.role not in m.EXPERT_ROLES:
        raise UserError(N_("There is no expert with the id {expert}."), expert=expert_id)
    places = session.scalars(select(m.Assignment).join(m.DraftAct).where(
        m.Assignment.expert_id == expert_id, m.Assignment.withdrawn.is_(False),
        m.DraftAct.status == m.ActStatus.UNDER_REVIEW).order_by(m.Assignment.due_at, m.Assignment.id))
    exported = []
    for place in places:
        case = acts.show_act(session, place.act.number, as_expert=True)
        own = [decisions.decision_record(d) for d in place.decisions]
        exported.append({"act": case, "act_uid": place.act.uid, "assignment": place.uid, "role": place.role,
                         "assigned_at": _kz(place.assigned_at), "due": _kz(place.due_at), "decisions": own})
    return {"format": FORMAT, "expert_id": expert_id, "expert": expert_record(expert), "acts": exported}


def _kz(moment: datetime) -> str:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes")


def expert_record(expert: m.StaffMember) -> dict:
    """Who the file is for: the expert's own name, kind and region (nothing of anyone examined)."""
    return {"id": expert.id, "last_name": expert.last_name, "first_name": expert.first_name,
            "middle_name": expert.middle_name, "role": expert.role.value, "region": expert.region_code}


def read_entry(entry) -> tuple[str, str, dict, bool, bool, datetime]:
    if not isinstance(entry, dict) or not isinstance(entry.get("content"), dict):
        raise UserError(N_("Each decision of the file needs act, uid, decided_at and content."))
    try:
        at = datetime.fromisoformat(entry["decided_at"])
        number, uid = str(entry["act"]), str(entry["uid"])
    except (KeyError, TypeError, ValueError):
        raise UserError(N_("Each decision of the file needs act, uid, decided_at and content.")) from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=KZ_TIME)
    return number, uid[:32], entry["content"], entry.get("confirm_warnings") is True, \
        entry.get("correction") is True, at


def is_recorded(session: Session, decision_uid: str) -> bool:
    return session.scalar(select(m.ExpertDecision.id).where(m.ExpertDecision.uid == decision_uid)) is not None


def import_decisions(session: Session, document) -> dict:
    """Records the file's decisions in order; one already here (same uid) is skipped.  A damaged
    file changes nothing; a decision that can no longer be recorded (the act was reassigned or
    routed meanwhile, or the rules refuse it) is listed under ``refused`` with the reason, and the
    others are recorded — one stale decision does not hold back the rest of the expert's work."""
    access.require(session, "acts.import_decisions")
    if not isinstance(document, dict) or document.get("format") != DECISIONS_FORMAT \
            or not isinstance(document.get("decisions"), list) or not isinstance(document.get("expert_id"), int):
        raise UserError(N_("This is not a file of expert decisions ({format})."), format=DECISIONS_FORMAT)
    entries = [read_entry(entry) for entry in document["decisions"]]
    recorded, skipped, refused = [], 0, []
    for number, uid, content, confirm, correction, at in entries:
        if is_recorded(session, uid):
            skipped += 1
            continue
        try:
            act = decisions.act_by_number(session, number)
            decisions.check_carried_moment(act, at)
            decisions.checked_place(act, document["expert_id"], content, confirm_warnings=confirm,
                                    correction=correction)
        except UserError as refusal:  # checked before anything is written
            refused.append({"act": number, "uid": uid, "reason": refusal.text()})
            continue
        decisions.record(session, act, document["expert_id"], content, at, confirm_warnings=confirm,
                         correction=correction, uid=uid)
        recorded.append(number)
    return {"recorded": len(recorded), "already_recorded": skipped, "acts": recorded, "refused": refused}
