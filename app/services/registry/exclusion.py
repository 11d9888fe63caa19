"""Exclusion from the registry (Registry Rules p. 13) and the redistribution of the expert's
undecided draft acts (p. 14) through the reassignment service of expert selection."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import registry as rules
from ...domain.clock import KZ_TIME
from ...errors import UserError
from ..assignment import release_expert
from ..assignment.absences import expert as expert_by_id
from ..assignment.history import user_of
from .admission import kz_text
from .. import access


def exclude(session: Session, expert_id, reason: int, at: datetime, seed: int | None = None) -> dict:
    """p. 13(1)-(6): the expert leaves the registry on ``at``'s day; every undecided act of
    theirs goes to another eligible expert, due 3 working days later (p. 14), which the act's
    history shows.  Reason 2 bars any later application of the same IIN."""
    access.require(session, "registry.exclude")
    expert = expert_by_id(session, expert_id, any_role=True)
    if expert.role != m.StaffRole.INDEPENDENT or expert.status != m.RegistryStatus.INCLUDED:
        raise UserError("Staff member {id} is not an independent expert in the registry; only they can be excluded "
                        "(Registry Rules p. 13).", id=expert.id)
    if reason not in rules.EXCLUSION_REASONS:
        raise UserError("The reason of an exclusion is a number from 1 to 6 (Registry Rules p. 13).")
    expert.status, expert.excluded_on = m.RegistryStatus.EXCLUDED, at.astimezone(KZ_TIME).date()
    expert.exclusion_reason = reason
    application = session.scalar(select(m.RegistryApplication).where(
        m.RegistryApplication.staff_member_id == expert.id).order_by(m.RegistryApplication.id.desc()).limit(1))
    if application is not None:  # the expert's admission history shows the exclusion too
        application.steps.append(m.RegistryStep(at=at, step="exclude", status_after=application.status,
                                                user=user_of(session), data={"reason": reason}))
    moved = release_expert(session, expert.id, at, seed)
    return {"id": str(expert.id), "status": expert.status.value, "due": None, "messages": [],
            "reason": reason, "excluded_on": expert.excluded_on.isoformat(), "reassigned": moved,
            "at": kz_text(at)}
