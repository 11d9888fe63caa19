"""The department's (or, on the hub's database, the region's and the country's) quality figures:
agreement of the experts, reversals on appeal and control, workload and deadlines.  One service
for the window's Statistics tab and ``saraptama stats``; every figure is an aggregate query."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .agreement import agreement
from .reversals import reversals
from .scope import Filters
from .workload import workload

VIEWS = {"agreement": agreement, "reversals": reversals, "workload": workload}


def report(session: Session, view: str, filters: Filters) -> dict:
    """One view's figures as one JSON-ready document."""
    return VIEWS[view](session, filters)


__all__ = ["Filters", "VIEWS", "report"]
