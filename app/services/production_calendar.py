"""The production calendar kept in the database (the government's transfers and the days an
administrator marks), and the due dates that follow from it.

Changing a day recomputes the due dates of everything still open at once, so the lists
show the new deadlines immediately.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.deadlines import due
from ..domain.workdays import DEFAULT_TRANSFERS, WorkingCalendar
from ..errors import UserError


def load(session: Session) -> WorkingCalendar:
    return WorkingCalendar({day.day: day.working for day in session.scalars(select(m.CalendarDay))})


@dataclass(frozen=True)
class DayInfo:
    """How a day stands in the calendar, for the administrator's page."""

    working: bool
    ordinary: bool  # what the day would be without transfers and the administrator's marks
    holiday: str | None  # name of the public holiday in the language asked for
    note: str  # the decree's or administrator's note of an override
    source: str | None  # 'decree', 'admin' or None


def year_days(session: Session, year: int, lang: str = "en") -> dict[date, DayInfo]:
    if not 1900 <= year <= 2200:
        raise UserError("The year {year} is outside the calendar.", year=year)
    calendar = load(session)
    ordinary = WorkingCalendar()
    overrides = {d.day: d for d in session.scalars(select(m.CalendarDay).where(
        m.CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))))}
    days = {}
    day = date(year, 1, 1)
    while day.year == year:
        override = overrides.get(day)
        days[day] = DayInfo(calendar.is_working_day(day), ordinary.is_working_day(day), calendar.holiday_name(day, lang),
                            override.note if override else "", override.source if override else None)
        day += timedelta(days=1)
    return days


def ensure_default_transfers(session: Session) -> None:
    """The known transfers of 2025, unless the database already says something of those days."""
    known = set(session.scalars(select(m.CalendarDay.day).where(m.CalendarDay.day.in_(DEFAULT_TRANSFERS))))
    session.add_all(m.CalendarDay(day=day, working=working, note=note, source="decree")
                    for day, (working, note) in DEFAULT_TRANSFERS.items() if day not in known)


def set_day(session: Session, day: date, working: bool | None, note: str = "", source: str = "admin") -> int:
    """Marks ``day`` as a working day or a day off (``None``: back to the ordinary calendar);
    returns how many open due dates moved."""
    existing = session.get(m.CalendarDay, day)
    if working is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(m.CalendarDay(day=day, working=working, note=note.strip(), source=source))
    else:
        existing.working, existing.note, existing.source = working, note.strip(), source
    session.flush()
    return refresh_due_dates(session)


def parse_decree(text: str) -> list[tuple[date, bool, str]]:
    """A year's decree as JSON: ``[{"date": "YYYY-MM-DD", "working": true|false, "note": "..."}]``."""
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError("The calendar file is not valid JSON (line {line}).", line=error.lineno) from None
    if not isinstance(entries, list):
        raise UserError("The calendar file must hold a list of days.")
    days = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("working"), bool):
            raise UserError("Entry {number} of the calendar file needs \"date\" and \"working\": true or false.",
                            number=number)
        try:
            day = date.fromisoformat(str(entry.get("date")))
        except ValueError:
            raise UserError("Entry {number} of the calendar file has an impossible date: {value}.",
                            number=number, value=entry.get("date")) from None
        days.append((day, entry["working"], str(entry.get("note") or "")))
    return days


def import_decree(session: Session, path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError("Cannot read the calendar file {file}: {problem}", file=str(path),
                        problem=getattr(error, "strerror", None) or str(error)) from None
    days = parse_decree(text)
    for day, working, note in days:
        set_day(session, day, working, note, source="decree")
    return {"imported": len(days), "moved": refresh_due_dates(session)}


# -- due dates of open work ---------------------------------------------------------------------
def act_due(status: m.ActStatus, registered_at: datetime, calendar: WorkingCalendar) -> datetime | None:
    """What an open draft act waits for: the experts' decisions (§20.3, counted from the
    draft act's forming, which is when it is sent), or the person's visit (§45)."""
    if status in (m.ActStatus.WAITING, m.ActStatus.UNDER_REVIEW, m.ActStatus.HEAD_DECIDES):
        return due("expert_decision", registered_at, calendar).at
    if status == m.ActStatus.IN_PERSON:
        return due("in_person_no_show", registered_at, calendar).at
    return None


APPEAL_STEPS = {"filed": "appeal_registration", "registered": "appeal_forwarding", "at_control": "appeal_conclusion"}


def appeal_due(status: str, last_step_at: datetime, calendar: WorkingCalendar) -> datetime | None:
    """§56: registration (2 working days), forwarding (2), conclusion (5)."""
    return due(APPEAL_STEPS[status], last_step_at, calendar).at if status in APPEAL_STEPS else None


def refresh_due_dates(session: Session) -> int:
    calendar = load(session)
    changes = []
    for act_id, status, registered_at, old in session.execute(
            select(m.DraftAct.id, m.DraftAct.status, m.DraftAct.registered_at, m.DraftAct.due_at)
            .where(m.DraftAct.status.in_(m.PENDING_STATUSES))):
        new = act_due(status, registered_at, calendar)
        if new != old:
            changes.append({"row_id": act_id, "due": new})
    if changes:
        session.connection().execute(update(m.DraftAct.__table__).where(m.DraftAct.__table__.c.id == bindparam("row_id"))
                                     .values(due_at=bindparam("due")), changes)
    appeal_changes = []
    for appeal in session.scalars(select(m.Appeal).where(m.Appeal.status.in_(APPEAL_STEPS))):
        last = appeal.forwarded_at or appeal.registered_at or appeal.filed_at
        new = appeal_due(appeal.status, last, calendar)
        if new != appeal.due_at:
            appeal.due_at = new
            appeal_changes.append(appeal.id)
    session.flush()
    return len(changes) + len(appeal_changes)
