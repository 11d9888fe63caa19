"""Absences of experts: annual leave, unpaid leave, sick leave, field sessions (§25.4).

Selection reads them at once; entering or moving one that overlaps an undecided act's
review window moves that act to another expert (Registry Rules p. 14).  Sick leave and
exclusion are what p. 14 names; the other absences of §25.4 keep an expert from deciding in
time just the same, so they move the act too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...errors import UserError
from . import selection
from .. import access

KINDS = {"annual": m.AbsenceKind.ANNUAL_LEAVE, "unpaid": m.AbsenceKind.UNPAID_LEAVE,
         "sick": m.AbsenceKind.SICK_LEAVE, "field": m.AbsenceKind.FIELD_SESSION}
KIND_NAMES = {kind: name for name, kind in KINDS.items()}
FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates outside are typing mistakes



def _is_row_id(value) -> bool:
    """A whole number a row can have (not 5,000 digits typed by mistake)."""
    return str(value).isdigit() and len(str(value)) <= 18

def expert(session: Session, expert_id: int | str, *, any_role: bool = False) -> m.StaffMember:
    """The expert (or, with ``any_role``, any staff member) with this id."""
    row = session.get(m.StaffMember, int(expert_id)) if _is_row_id(expert_id) else None
    if row is None or not any_role and row.role not in m.EXPERT_ROLES:
        raise UserError("There is no expert with the id {id}.", id=str(expert_id))
    return row


def _absence(session: Session, absence_id: int | str) -> m.Absence:
    row = session.get(m.Absence, int(absence_id)) if _is_row_id(absence_id) else None
    if row is None:
        raise UserError("There is no absence with the id {id}.", id=str(absence_id))
    return row


def _kind(name: str) -> m.AbsenceKind:
    if name not in KINDS:
        raise UserError("Unknown kind of absence {kind}: use annual, unpaid, sick or field.", kind=name)
    return KINDS[name]


def _check_dates(session: Session, staff: m.StaffMember, start: date, end: date, absence_id: int | None) -> None:
    for day in (start, end):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UserError("The date {date} is outside the years {first} to {last}.", date=day,
                            first=FIRST_YEAR, last=LAST_YEAR)
    if end < start:
        raise UserError("An absence cannot end ({end}) before it starts ({start}).", start=start, end=end)
    other = session.scalar(select(m.Absence).where(
        m.Absence.staff_member_id == staff.id, m.Absence.id != (absence_id or 0),
        m.Absence.starts_on <= end, m.Absence.ends_on >= start))
    if other:
        raise UserError("The absence {start} to {end} overlaps another absence of this expert "
                        "({other_start} to {other_end}).", start=start, end=end,
                        other_start=other.starts_on, other_end=other.ends_on)


def as_dict(absence: m.Absence) -> dict:
    return {"id": str(absence.id), "expert": str(absence.staff_member_id), "kind": KIND_NAMES[absence.kind],
            "from": absence.starts_on.isoformat(), "to": absence.ends_on.isoformat()}


def list_absences(session: Session, expert_id: int | str) -> list[dict]:
    staff = expert(session, expert_id)
    return [as_dict(a) for a in sorted(staff.absences, key=lambda a: (a.starts_on, a.id))]


def add_absence(session: Session, expert_id: int | str, kind: str, start: date, end: date, at: datetime,
                seed: int | None = None) -> dict:
    """Enters an absence and moves the undecided acts it overlaps to other experts."""
    access.require(session, "experts.absences")
    staff = expert(session, expert_id)
    _check_dates(session, staff, start, end, None)
    absence = m.Absence(staff_member=staff, kind=_kind(kind), starts_on=start, ends_on=end)
    session.add(absence)
    moved = selection.release_expert(session, staff.id, at, seed)
    return {"absence": as_dict(absence), "reassigned": moved}


def edit_absence(session: Session, absence_id: int | str, at: datetime, *, kind: str | None = None,
                 start: date | None = None, end: date | None = None, seed: int | None = None) -> dict:
    """Changes an absence; acts its new days overlap move to other experts."""
    access.require(session, "experts.absences")
    absence = _absence(session, absence_id)
    start, end = start or absence.starts_on, end or absence.ends_on
    _check_dates(session, absence.staff_member, start, end, absence.id)
    absence.kind = _kind(kind) if kind else absence.kind
    absence.starts_on, absence.ends_on = start, end
    moved = selection.release_expert(session, absence.staff_member_id, at, seed)
    return {"absence": as_dict(absence), "reassigned": moved}


def delete_absence(session: Session, absence_id: int | str) -> dict:
    """Removes an absence; the expert can be chosen again at the next assignment."""
    access.require(session, "experts.absences")
    absence = _absence(session, absence_id)
    shown = as_dict(absence)
    session.delete(absence)
    return {"deleted": shown}
