"""The signatures on one draft act checked at once: each expert's decision (§46) and the
conclusion the head-expert or the head signed (§47, §48), each with its verdict."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ... import models as m
from ..review.decisions import current_assignments, signed_document_of
from .trust import Trust, trust_of
from .verification import verify_decision


def _conclusion_document(session: Session, act: m.DraftAct,
                         conclusion: m.Conclusion) -> tuple[dict, m.StaffMember] | None:
    """What the head signed (``routing.sign``) and the head; None before the signature."""
    head = session.get(m.StaffMember, conclusion.signed_by_id) if conclusion.signed_by_id else None
    if head is None:
        return None
    return ({"act": act.number, "head": head.uid, "decision": conclusion.decision,
             "proactive": conclusion.proactive}, head)


def expert_iin(decision: m.ExpertDecision) -> str | None:
    expert = decision.assignment.expert
    return expert.iin if expert is not None else None


def verify_act(session: Session, act: m.DraftAct, trust: Trust | None = None) -> dict:
    trust = trust or trust_of(session)
    decisions = [{"decision": d.uid, "role": assignment.role, "superseded": d.superseded_at is not None,
                  **verify_decision(trust, signed_document_of(d), d.signature, expert_iin(d)).as_dict()}
                 for assignment in current_assignments(act) for d in assignment.decisions]
    answer: dict = {"number": act.number, "decisions": decisions, "conclusion": None}
    conclusion = act.conclusion
    signed = _conclusion_document(session, act, conclusion) if conclusion else None
    if conclusion is not None and signed is not None:
        document, head = signed
        answer["conclusion"] = verify_decision(trust, document, conclusion.signature, head.iin).as_dict()
    return answer
