"""The experts as the panel rules see them, and their open work."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain import panel
from ...domain.clock import KZ_TIME
from ...domain.workdays import WorkingCalendar
from .. import production_calendar


def as_expert(row: m.StaffMember, twins: Iterable[tuple[str, int | None]] = ()) -> panel.Expert:
    """The rules' view of ``row``; ``twins`` are the (region, department) of the human's other rows."""
    twins = list(twins)
    return panel.Expert(
        id=row.id, name=row.full_name, role=row.role.value, status=row.status.value, region_code=row.region_code,
        department_id=row.department_id, department_code=row.department.code if row.department else "",
        iin=row.iin, nosologies=tuple(row.nosologies or ()),
        absences=tuple((a.kind.value, a.starts_on, a.ends_on) for a in sorted(row.absences, key=lambda a: a.starts_on)),
        excluded_on=row.excluded_on, regions=frozenset(region for region, _ in twins),
        departments=frozenset(department for _, department in twins if department is not None))


def expert_rows(session: Session) -> list[m.StaffMember]:
    """Everyone who may sit on a panel (heads, chief specialists, independent experts), by id."""
    return list(session.scalars(select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))
                                .order_by(m.StaffMember.id)
                                .options(selectinload(m.StaffMember.absences), selectinload(m.StaffMember.department))))


def as_experts(session: Session, rows: Iterable[m.StaffMember]) -> list[panel.Expert]:
    """The rules' view of ``rows``, each with where its human works under other rows (same IIN)."""
    rows = list(rows)
    twins = defaultdict(list)
    for iin, region, department in session.execute(
            select(m.StaffMember.iin, m.StaffMember.region_code, m.StaffMember.department_id)
            .where(m.StaffMember.iin.in_({row.iin for row in rows}))):
        twins[iin].append((region, department))
    return [as_expert(row, twins[row.iin]) for row in rows]


def experts(session: Session) -> list[panel.Expert]:
    return as_experts(session, expert_rows(session))


def open_assignments():
    """Assignments an expert still has to decide: not withdrawn, no decision, act under review."""
    return (select(m.Assignment).join(m.DraftAct, m.Assignment.act_id == m.DraftAct.id)
            .outerjoin(m.ExpertDecision, m.ExpertDecision.assignment_id == m.Assignment.id)
            .where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW, m.Assignment.withdrawn.is_(False),
                   m.ExpertDecision.id.is_(None)))


def open_loads(session: Session) -> Counter:
    """Open assignments per expert id (the balance of §25.4 selection)."""
    query = open_assignments().with_only_columns(m.Assignment.expert_id, func.count()).group_by(m.Assignment.expert_id)
    return Counter(dict(session.execute(query).all()))


def review_window(assigned_at: datetime, redistributed: bool, calendar: WorkingCalendar
                  ) -> tuple[panel.Window, datetime]:
    """The days an expert sent an act at ``assigned_at`` must be available, and the due date:
    §20.3 for the first panel, Registry Rules p. 14 for a redistributed place."""
    due = production_calendar.assignment_due(assigned_at, redistributed, calendar)
    return (assigned_at.astimezone(KZ_TIME).date(), due.astimezone(KZ_TIME).date()), due


def assignment_window(assignment: m.Assignment) -> panel.Window:
    return (assignment.assigned_at.astimezone(KZ_TIME).date(), assignment.due_at.astimezone(KZ_TIME).date())
