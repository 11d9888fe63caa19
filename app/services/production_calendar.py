"""The production calendar kept in the database (the government's transfers and the days an
administrator marks), and the due dates that follow from it.

Changing a day recomputes the due dates of everything still open at once, so the lists
show the new deadlines immediately.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from .. import models as m
from ..models import figures
from ..domain.states import Route
from ..domain import appeals, registry
from ..domain.deadlines import due
from ..domain.workdays import DEFAULT_TRANSFERS, WorkingCalendar
from ..errors import UserError
from . import access


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
        days[day] = DayInfo(calendar.is_working_day(day), ordinary.is_working_day(day),
                            calendar.holiday_name(day, lang), override.note if override else "",
                            override.source if override else None)
        day += timedelta(days=1)
    return days


def _day_change(day: date, working: bool | None) -> bool | None:
    """What marking ``day`` stores: ``working``, or for ``None`` (back to the ordinary calendar)
    nothing, except that a shipped decree day keeps a row saying so, lest the next start ship it again."""
    if working is None and day in DEFAULT_TRANSFERS:
        return WorkingCalendar().is_working_day(day)
    return working


def set_day(session: Session, day: date, working: bool | None, note: str = "", source: str = "admin",
            refresh: bool = True) -> int:
    """Marks ``day`` as a working day or a day off (``None``: back to the ordinary calendar);
    returns how many open due dates moved."""
    access.require(session, "calendar.edit")
    existing = session.get(m.CalendarDay, day)
    working = _day_change(day, working)
    if working is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(m.CalendarDay(day=day, working=working, note=note.strip(), source=source))
    else:
        existing.working, existing.note, existing.source = working, note.strip(), source
    session.flush()
    return refresh_due_dates(session) if refresh else 0


def moves_if_marked(session: Session, day: date, working: bool | None) -> int:
    """How many open due dates ``set_day(day, working)`` would move; changes nothing."""
    calendar = load(session)
    overrides = dict(calendar.overrides)
    working = _day_change(day, working)
    if working is None:
        overrides.pop(day, None)
    else:
        overrides[day] = working
    return sum(len(changes) for _table, changes in _due_changes(session, WorkingCalendar(overrides)))


MAX_DECREE_DAYS = 366  # a decree moves days of one year, never more than the year has


DECREE_YEARS = (2000, 2100)  # the production calendar of a working department, not of history


def parse_decree(entries) -> list[tuple[date, bool, str]]:
    """A year's decree as parsed JSON: ``[{"date": "YYYY-MM-DD", "working": true|false, "note": "..."}]``."""
    if not isinstance(entries, list):
        raise UserError("The calendar file must hold a list of days.")
    if len(entries) > MAX_DECREE_DAYS:
        raise UserError("The calendar file lists {count} days; a decree lists at most {limit}.",
                        count=len(entries), limit=MAX_DECREE_DAYS)
    days = [_decree_day(number, entry) for number, entry in enumerate(entries, start=1)]
    seen: set[date] = set()
    for day, _working, _note in days:
        if day in seen:
            raise UserError("The calendar file lists {day} twice.", day=day.isoformat())
        seen.add(day)
    return days


def _decree_day(number: int, entry) -> tuple[date, bool, str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("working"), bool):
        raise UserError("Entry {number} of the calendar file needs \"date\" and \"working\": true or false.",
                        number=number)
    value = entry.get("date")
    try:
        if not isinstance(value, str):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError("Entry {number} of the calendar file has an impossible date: {value}.",
                        number=number, value=str(value)[:40]) from None
    if not DECREE_YEARS[0] <= day.year <= DECREE_YEARS[1]:
        raise UserError("Entry {number} of the calendar file is for the year {year}; a decree of the Government "
                        "is for a year from {first} to {last}.", number=number, year=day.year,
                        first=DECREE_YEARS[0], last=DECREE_YEARS[1])
    note = entry.get("note", "")
    if note is not None and not isinstance(note, str):
        raise UserError("Entry {number} of the calendar file has a note that is not text.", number=number)
    return day, entry["working"], (note or "")[:200]


def import_decree(session: Session, entries) -> dict:
    access.require(session, "calendar.edit")
    days = parse_decree(entries)
    for day, working, note in days:
        set_day(session, day, working, note, source="decree", refresh=False)
    return {"imported": len(days), "moved": refresh_due_dates(session)}


# -- due dates of open work ---------------------------------------------------------------------
def act_due(status: m.ActStatus, registered_at: datetime, calendar: WorkingCalendar,
            routed_at: datetime | None = None, experts_due: datetime | None = None) -> datetime | None:
    """What an open draft act waits for: the experts' decisions (§20.3, counted from the
    draft act's forming, which is when it is sent; once experts are chosen, the latest of
    their own due dates ``experts_due``, later when the act waited or was redistributed,
    Registry Rules p. 14), or the person's visit, whose 4 working days count from the routing
    and its SMS (§45)."""
    if status == m.ActStatus.UNDER_REVIEW and experts_due:
        return experts_due
    if status in (m.ActStatus.WAITING, m.ActStatus.UNDER_REVIEW, m.ActStatus.HEAD_DECIDES):
        return due("expert_decision", registered_at, calendar).at
    if status == m.ActStatus.IN_PERSON:
        start = routed_at or due("expert_decision", registered_at, calendar).at
        return due("in_person_no_show", start, calendar).at
    return None


def assignment_due(assigned_at: datetime, redistributed: bool, calendar: WorkingCalendar) -> datetime:
    """An expert's own deadline: §20.3, or 3 working days after redistribution (Registry Rules p. 14)."""
    return due("redistributed_decision" if redistributed else "expert_decision", assigned_at, calendar).at


def appeal_due(kind: str, status: m.AppealStatus, last_step_at: datetime, calendar: WorkingCalendar) -> datetime | None:
    """The due date of an open appeal by the rule of its kind and state (``appeals.DUE_RULE``): §56
    registration (2 working days), forwarding (2), conclusion (5); §54 review (20); §55 (5, 15);
    §73-1 the visit (3), counted from its last step ``last_step_at``."""
    rule = appeals.DUE_RULE.get((kind, status))
    return due(rule, last_step_at, calendar).at if rule else None


def appeal_anchor():
    """The moment an open appeal's due date counts from: its last dated step."""
    return func.coalesce(m.Appeal.invited_at, m.Appeal.forwarded_at, m.Appeal.registered_at, m.Appeal.filed_at)


def _update_due(session: Session, table, changes: list[dict]) -> None:
    if changes:
        session.connection().execute(update(table).where(table.c.id == bindparam("row_id"))
                                     .values(due_at=bindparam("due")), changes)


def _assignment_changes(session: Session, calendar: WorkingCalendar) -> tuple[list[dict], dict[int, datetime]]:
    """Undecided assignments of acts under review whose due date differs under ``calendar``,
    and the latest due date of every act's experts as it would then be (Registry Rules p. 14)."""
    decided = m.ExpertDecision.id.is_not(None)
    changes: list = []
    latest: dict = {}
    for row_id, act_id, assigned_at, replaces, old, is_decided, status in session.execute(
            select(m.Assignment.id, m.Assignment.act_id, m.Assignment.assigned_at, m.Assignment.replaces_id,
                   m.Assignment.due_at, decided, m.DraftAct.status)
            .join(m.DraftAct, m.Assignment.act_id == m.DraftAct.id)
            .outerjoin(m.ExpertDecision, m.ExpertDecision.assignment_id == m.Assignment.id)
            .where(m.DraftAct.status.in_(m.PENDING_STATUSES), m.Assignment.withdrawn.is_(False))):
        new = old
        if status == m.ActStatus.UNDER_REVIEW and not is_decided:
            new = assignment_due(assigned_at, replaces is not None, calendar)
            if new != old:
                changes.append({"row_id": row_id, "due": new})
        if new is not None:
            latest[act_id] = max(latest.get(act_id, new), new)
    return changes, latest


def _application_changes(session: Session, calendar: WorkingCalendar) -> list[dict]:
    """Open registry applications, due by the rule of their state from their last step
    (Registry Rules p. 7-11)."""
    last_step = func.max(m.RegistryStep.at)
    rows = session.execute(select(m.RegistryApplication.id, m.RegistryApplication.status, last_step,
                                  m.RegistryApplication.due_at)
                           .join(m.RegistryStep, m.RegistryStep.application_id == m.RegistryApplication.id)
                           .where(m.RegistryApplication.status.in_(list(registry.DUE_RULE)))
                           .group_by(m.RegistryApplication.id, m.RegistryApplication.status,
                                     m.RegistryApplication.due_at))
    return [{"row_id": row_id, "due": new} for row_id, status, last_at, old in rows
            if (new := due(registry.DUE_RULE[status], last_at, calendar).at) != old]


def _due_changes(session: Session, calendar: WorkingCalendar) -> list[tuple]:
    """The due dates of open acts, of their experts' assignments and of open appeals that
    differ under ``calendar``, per table; changes nothing."""
    assignments, experts_due = _assignment_changes(session, calendar)
    routed = (select(m.Conclusion.concluded_at).where(m.Conclusion.act_id == m.DraftAct.id,
                                                      m.Conclusion.route == Route.IN_PERSON).scalar_subquery())
    acts = [{"row_id": act_id, "due": new} for act_id, status, registered_at, routed_at, old in session.execute(
        select(m.DraftAct.id, m.DraftAct.status, m.DraftAct.registered_at, routed, m.DraftAct.due_at)
        .where(m.DraftAct.status.in_(m.PENDING_STATUSES)))
        if (new := act_due(status, registered_at, calendar, routed_at, experts_due.get(act_id))) != old]
    appeals = [{"row_id": row_id, "due": new} for row_id, kind, status, anchor, old in session.execute(
        select(m.Appeal.id, m.Appeal.kind, m.Appeal.status, appeal_anchor(), m.Appeal.due_at)
        .where(m.Appeal.status != m.AppealStatus.CONCLUDED))
        if (new := appeal_due(kind, status, anchor, calendar)) != old]
    return [(m.table_of(m.DraftAct), acts), (m.table_of(m.Assignment), assignments), (m.table_of(m.Appeal), appeals),
            (m.table_of(m.RegistryApplication), _application_changes(session, calendar))]


def refresh_due_dates(session: Session) -> int:
    """Recomputes the due dates of open acts, of their experts' assignments and of open
    appeals; returns how many moved."""
    changes = _due_changes(session, load(session))
    for table, rows in changes:
        _update_due(session, table, rows)
        if table is m.Assignment.__table__:  # the experts' due dates, in the statistics' rows
            figures.note(session, assignments=[row["row_id"] for row in rows])
    return sum(len(rows) for _table, rows in changes)
