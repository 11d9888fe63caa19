"""SQL building blocks of the statistics, the same on SQLite and PostgreSQL: the App 15 chapter of
each diagnosis the database holds, Kazakhstan dates and weeks, spans in days.  Everything here is
evaluated by the database, never a loop over rows."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Float


from ...domain.app15 import APP15_ITEMS, chapter_number
from ...domain.clock import KZ_TIME


FIELDS = ("decision", "group", "cause", "term")  # what agreement is measured on (DOMAIN.md §2.5 compares more)


# -- App 15 chapters ----------------------------------------------------------------------------
CHAPTERS = tuple(dict.fromkeys(chapter_number(item.number) for item in APP15_ITEMS))


# -- dates and spans ----------------------------------------------------------------------------
class days_between(FunctionElement):
    """Days (with fractions) from the first stored moment to the second."""

    type = Float()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(julianday({end}) - julianday({start}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(extract(epoch from ({end} - {start})) / 86400.0)"


def day_start(day: date) -> datetime:
    """The first moment of a Kazakhstan day (compared with stored moments in SQL)."""
    return datetime.combine(day, time(0), tzinfo=KZ_TIME)


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole rounded to four places; None when there is nothing to divide by."""
    return round((part or 0) / whole, 4) if whole else None



def plain(row) -> dict:
    """A result row as a dict of plain numbers and texts: PostgreSQL gives sums and means as
    Decimal, and days (app.models.days, act_figures' weeks) as dates where SQLite may give text."""
    return {key: _plain(value) for key, value in row._mapping.items()}


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
