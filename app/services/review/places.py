"""The places of a draft act's panel as they stand, and the decision in force on each (§25.4, §42-46)."""

from __future__ import annotations

from ... import models as m
from ...domain.states import AssignmentRole
from ...errors import UserError
from ...i18n import N_


def current_assignments(act: m.DraftAct) -> list[m.Assignment]:
    """The panel's three places as they stand, the head's first (§25.4)."""
    return sorted((a for a in act.assignments if not a.withdrawn), key=lambda a: (a.role != AssignmentRole.HEAD, a.id))


def assignment_of(act: m.DraftAct, expert_id: int) -> m.Assignment:
    found = next((a for a in current_assignments(act) if a.expert_id == expert_id), None)
    if found is None:
        raise UserError(N_("Expert {expert} is not on the panel of draft act {number}."), expert=expert_id,
                        number=act.number)
    return found


def in_force(assignment: m.Assignment) -> m.ExpertDecision | None:
    return next((d for d in assignment.decisions if d.superseded_at is None), None)
