"""The department's staff in the window (a department that starts from nothing): Settings →
Department staff… lists its heads, chief specialists (with their App 15 profiles) and deputy
heads; adds one, enters an absence (§25.4), imports a list made from the template, saves the
template; and a bar above the lists says what to do next until the first act has its three
experts."""

from __future__ import annotations

from .next_steps import NextStepsBar
from .staff_dialog import StaffDialog, StaffMenu

__all__ = ["NextStepsBar", "StaffDialog", "StaffMenu"]
