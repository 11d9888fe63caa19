"""Which draft acts a statistic counts: those received in a period (the date of forming of the
draft act, §24.2), of one department (§48: the department at permanent registration) or region,
or of one App 15 chapter; the hub's database gives the country."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, text, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from ... import models as m
from ...errors import UserError
from ...i18n import N_
from .. import access
from ...models.figures import PLACES
from .sql import CHAPTERS, day_start

MAX_DAYS = 3 * 366  # a period longer than three years is a typing error
YEARS = (1990, 2200)  # the years a period of statistics may lie in (a step of the work is dated within them)


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    department: str | None = None  # code of an MSE department
    region: str | None = None  # code of a region
    chapter: str | None = None  # App 15 chapter, "1" ... "13"

    def as_dict(self) -> dict:
        return {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), "department": self.department,
                "region": self.region, "chapter": self.chapter}


PLANNER = ("SET LOCAL enable_nestloop = off", "SET LOCAL work_mem = '64MB'", "SET LOCAL jit = off")


def for_aggregates(session: Session) -> None:
    """PostgreSQL plans the statistics' joins of aggregates as hash joins in memory (it cannot
    estimate the rows of a group and would otherwise loop over them), and without compiling them
    first: over-estimated costs made it spend a second on JIT compilation per query, longer than
    the query (the unit of work ends the settings)."""
    if session.get_bind().dialect.name == "postgresql":
        for statement in PLANNER:
            session.execute(text(statement))


def checked(session: Session, filters: Filters) -> Filters:
    """``filters`` when they make sense; else a UserError naming the problem.  Prepares the
    unit of work for the statistics' queries.  The figures compare experts by name: for the
    department's staff and the Committee, never for an independent expert (§25.5 blindness)."""
    access.require(session, "stats.view")
    for_aggregates(session)
    if not (YEARS[0] <= filters.date_from.year and filters.date_to.year <= YEARS[1]):
        raise UserError(N_("A period of statistics lies between the years {first} and {last}."),
                        first=YEARS[0], last=YEARS[1])
    if filters.date_to < filters.date_from:
        raise UserError(N_("The period ends ({to}) before it begins ({start})."),
                        to=filters.date_to.isoformat(), start=filters.date_from.isoformat())
    if (filters.date_to - filters.date_from).days > MAX_DAYS:
        raise UserError(N_("A period of statistics is at most three years."))
    if filters.chapter is not None and filters.chapter not in CHAPTERS:
        raise UserError(N_("App 15 has no chapter {chapter}; its chapters are 1 to {last}."),
                        chapter=filters.chapter, last=CHAPTERS[-1])
    if filters.department is not None and session.scalar(
            select(m.Department.id).where(m.Department.code == filters.department)) is None:
        raise UserError(N_("No department has the code {code}."), code=filters.department)
    if filters.region is not None and session.get(m.Region, filters.region) is None:
        raise UserError(N_("No region has the code {code}."), code=filters.region)
    return filters


def scoped_figures(filters: Filters, *, period: bool = True, department: bool = True) -> Select:
    """The figures (app/models/figures.py) of the acts the filters select, with the department's
    code as ``department`` (``period`` False: received at any time, for what stands open now;
    ``department`` False: without the code, unless the filters need the department)."""
    figures = m.ActFigures.__table__
    query = select(figures)
    if department or filters.department is not None or filters.region is not None:
        query = (select(figures, m.Department.code.label("department"))
                 .outerjoin(m.Department, m.Department.id == figures.c.department_id))
    if period:
        query = query.where(figures.c.registered_at >= day_start(filters.date_from),
                            figures.c.registered_at < day_start(filters.date_to + timedelta(days=1)))
    if filters.department is not None:
        query = query.where(m.Department.code == filters.department)
    if filters.region is not None:
        query = query.where(m.Department.region_code == filters.region)
    if filters.chapter is not None:
        query = query.where(figures.c.chapter == filters.chapter)
    return query


def unpivot(figures, parts: list[dict]):
    """Rows of ``figures`` (a subquery of :func:`scoped_figures`) turned into one row per part
    (each a dict of name to a column of ``figures``: a place's expert, a pair's two decisions…):
    one plain scan per part joined by UNION ALL, which PostgreSQL runs in parallel.  (A lateral
    join with the parts as VALUES, one scan only, measured several times slower there, and no
    expression picks the part's column row by row.)"""
    names = list(parts[0])
    return union_all(*(select(*(part[name].label(name) for name in names)).select_from(figures)
                       for part in parts)).subquery("parts")


def per_place(figures, columns):
    """The panel's places as rows: for each place p, ``columns(p)`` (a dict of name to the column
    of place p of ``figures``), by :func:`unpivot`."""
    return unpivot(figures, [columns(p) for p in PLACES])
