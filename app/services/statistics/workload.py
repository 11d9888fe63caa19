"""Workload and deadlines: the acts each expert has open now, the share of expert decisions
overdue by week of their due date, due dates met (§20.3: the expert's 3 working days; §48: the
head signs on the day the conclusion arrives), in-person routes and no-shows (§45), and forms
rejected as poorly completed (§44) by the medical organisation that sent them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain.clock import now_kz, today_kz
from ...domain.review import REJECTED
from .. import production_calendar
from .agreement import _expert_names
from .scope import Filters, checked, per_place, scoped_figures
from ...models.days import kz_date
from .sql import plain, share

SIGNING_SHIFT_HOURS = 6  # §48 with App 3 item 7: an arrival at or after 18:00 counts on the next day
STATES = ("met", "late", "overdue", "running")  # of a due date: met, missed, missed and still open, not yet due


def _places(filters: Filters, *, period: bool = True, where=()):
    """The places (expert, due date, first decision) of the scoped acts' panels, as rows."""
    scoped = scoped_figures(filters, period=period, department=False)
    figures = scoped.where(*(condition(scoped.selected_columns) for condition in where)).subquery("figures")
    return per_place(figures,
                     lambda p: {name: figures.c[f"{name}_{p}"] for name in ("expert", "due", "decided", "due_week")})


def _open_by_expert(session: Session, filters: Filters) -> list[dict]:
    """Acts under review whose expert has not decided, per expert, now; overdue: past §20.3."""
    places = _places(filters, period=False, where=(lambda c: c.status == m.ActStatus.UNDER_REVIEW,))
    overdue = case((places.c.due < now_kz(), 1), else_=0)
    query = (select(places.c.expert.label("expert_id"), func.count().label("open"), func.sum(overdue).label("overdue"))
             .where(places.c.expert.is_not(None), places.c.decided.is_(None)).group_by(places.c.expert))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row["overdue_share"] = share(row["overdue"], row["open"])
    return sorted(rows, key=lambda r: (-r["open"], -r["overdue"], r["expert"]))


def _expert_deadlines(filters: Filters):
    """Per place of the scoped acts: its due week and whether §20.3 was met, missed or still runs."""
    places = _places(filters)
    decided, due = places.c.decided, places.c.due
    state = case((decided <= due, "met"), (decided.is_not(None), "late"), (due < now_kz(), "overdue"),
                 else_="running")
    return select(places.c.due_week.label("week"), state.label("state")).where(places.c.expert.is_not(None)).subquery()


def _count(state_column, name: str):
    return func.sum(case((state_column == name, 1), else_=0)).label(name)


def _states(row: dict) -> dict:
    """A row of met, late, overdue (not decided, past due) and running counts, with shares of those due."""
    due = row["met"] + row["late"] + row["overdue"]
    row["due"] = due
    row["met_share"] = share(row["met"], due)
    row["overdue_share"] = share(row["late"] + row["overdue"], due)
    return row


def _by_week(session: Session, filters: Filters) -> list[dict]:
    states = _expert_deadlines(filters)
    query = select(states.c.week, *(_count(states.c.state, n) for n in STATES)).group_by(
        states.c.week).order_by(states.c.week)
    return [_states(plain(row)) for row in session.execute(query)]


def _signatures(session: Session, filters: Filters) -> dict:
    """§48: conclusions signed by the day they were due (the first working day on or after the day
    the conclusion arrived, production calendar); unsigned past that day are missed.  The database
    counts them by day of arrival and of signature; the calendar is applied to those days."""
    scoped = scoped_figures(filters, department=False)
    figures = scoped.where(scoped.selected_columns.status.in_((m.ActStatus.CONCLUDED, m.ActStatus.SIGNED))
                           ).subquery("figures")
    arrival = kz_date(figures.c.concluded_at, SIGNING_SHIFT_HOURS)
    signed = kz_date(figures.c.signed_at)
    query = select(arrival.label("arrival"), signed.label("signed"), func.count().label("n")).group_by(arrival, signed)
    calendar, today = production_calendar.load(session), today_kz()
    counts = dict.fromkeys(STATES, 0)
    for row in map(plain, session.execute(query)):
        arrived = date.fromisoformat(row["arrival"])
        due = arrived if calendar.is_working_day(arrived) else calendar.next_working_day(arrived)
        if row["signed"] is not None:
            counts["met" if date.fromisoformat(row["signed"]) <= due else "late"] += row["n"]
        else:
            counts["overdue" if due < today else "running"] += row["n"]
    return _states(counts)


def _deadlines(session: Session, filters: Filters, weeks: list[dict]) -> list[dict]:
    """§20.3 added up from the weeks, §48 from the signatures."""
    experts = _states({name: sum(week[name] for week in weeks) for name in STATES})
    return [{"rule": "§20.3", "what": "expert_decision", **experts},
            {"rule": "§48", "what": "signature", **_signatures(session, filters)}]


def _in_person(session: Session, filters: Filters) -> list[dict]:
    """§45 per department: acts routed to an in-person examination, arrivals, no-shows, refusals."""
    figures = scoped_figures(filters)
    acts = figures.where(figures.selected_columns.route == "in_person").subquery()
    reason = acts.c.closed_reason
    query = (select(acts.c.department, func.count().label("routed"),
                    func.sum(case((acts.c.arrived, 1), else_=0)).label("arrived"),
                    func.sum(case((reason == "no_show", 1), else_=0)).label("no_show"),
                    func.sum(case((reason == "refused", 1), else_=0)).label("refused"))
             .group_by(acts.c.department))
    rows = [plain(row) for row in session.execute(query)]
    for row in rows:
        row["waiting"] = row["routed"] - row["arrived"] - row["no_show"] - row["refused"]
        row["no_show_share"] = share(row["no_show"], row["routed"])
    return sorted(rows, key=lambda r: str(r["department"]))


def _rejections(session: Session, filters: Filters) -> list[dict]:
    """§44 per medical organisation (its БИН and name in the referral): acts the experts
    concluded, and those rejected as poorly completed."""
    figures = scoped_figures(filters)
    acts = figures.where(figures.selected_columns.route.is_not(None)).subquery()
    rejected = case((acts.c.route == REJECTED, 1), else_=0)
    query = (select(acts.c.organisation_bin.label("bin"), func.max(acts.c.organisation).label("organisation"),
                    func.count().label("concluded"), func.sum(rejected).label("rejected"))
             .group_by(acts.c.organisation_bin))
    rows = [plain(row) for row in session.execute(query)]
    for row in rows:
        row["rejected_share"] = share(row["rejected"], row["concluded"])
    return sorted(rows, key=lambda r: (-(r["rejected_share"] or 0), -r["rejected"], r["bin"]))


def workload(session: Session, filters: Filters) -> dict:
    """The workload view: open acts per expert (now), overdue by week, deadlines, in person, §44."""
    filters = checked(session, filters)
    weeks = _by_week(session, filters)
    return {"view": "workload", "filters": filters.as_dict(), "as_of": now_kz().isoformat(timespec="minutes"),
            "open_by_expert": _open_by_expert(session, filters),
            "by_week": weeks,
            "deadlines": _deadlines(session, filters, weeks),
            "in_person": _in_person(session, filters),
            "rejections": _rejections(session, filters)}



