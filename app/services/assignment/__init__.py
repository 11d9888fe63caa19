"""Expert selection (§25.4, §17), reassignment (Registry Rules p. 14), experts' absences and
the history of each draft act; ``app.domain.panel`` holds the rules themselves."""

from .absences import KINDS, add_absence, delete_absence, edit_absence, list_absences
from .explain import act_by_number, why
from .history import events, record
from .selection import Panels, assign, assign_waiting, panel_of, release_expert

__all__ = ["KINDS", "add_absence", "delete_absence", "edit_absence", "list_absences", "act_by_number", "why",
           "events", "record", "Panels", "assign", "assign_waiting", "panel_of", "release_expert"]
