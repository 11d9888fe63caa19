"""SQL building blocks of the statistics, the same on SQLite and PostgreSQL: the App 15 chapter of
each diagnosis the database holds, Kazakhstan dates and weeks, spans in days.  Everything here is
evaluated by the database, never a loop over rows."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Float


from ...domain.app15 import APP15_ITEMS, chapter_number
from ...domain.clock import KZ_TIME

KZ_OFFSET_HOURS = 5  # UTC+5 all year (app.domain.clock); stored datetimes are UTC
FIELDS = ("decision", "group", "cause", "term")  # what agreement is measured on (DOMAIN.md §2.5 compares more)


# -- App 15 chapters ----------------------------------------------------------------------------
CHAPTERS = tuple(dict.fromkeys(chapter_number(item.number) for item in APP15_ITEMS))


# -- dates and spans ----------------------------------------------------------------------------
class kz_date(FunctionElement):
    """The Kazakhstan calendar day of a stored (UTC) moment ('YYYY-MM-DD' text on SQLite, a date
    on PostgreSQL: :func:`plain` makes them alike); with ``shift_hours``, of the moment that many
    hours later."""

    type = String()
    inherit_cache = False

    def __init__(self, moment, shift_hours: int = 0):
        self.shift_hours = shift_hours
        super().__init__(moment)


@compiles(kz_date, "sqlite")
def _kz_date_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+{KZ_OFFSET_HOURS + element.shift_hours} hours')"


@compiles(kz_date, "postgresql")
def _kz_date_postgresql(element, compiler, **kw):  # a date (cheaper than text per row); plain() writes it out
    hours = KZ_OFFSET_HOURS + element.shift_hours
    return f"CAST({compiler.process(element.clauses, **kw)} + interval '{hours} hours' AS date)"


class kz_week(FunctionElement):
    """The Monday of the Kazakhstan week of a stored (UTC) moment, as :class:`kz_date` gives a day."""

    type = String()
    inherit_cache = True


@compiles(kz_week, "sqlite")
def _kz_week_sqlite(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"date({moment}, '+{KZ_OFFSET_HOURS} hours', '-6 days', 'weekday 1')"


@compiles(kz_week, "postgresql")
def _kz_week_postgresql(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(date_trunc('week', {moment} + interval '{KZ_OFFSET_HOURS} hours') AS date)"


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
    Decimal, and days (``kz_date``, ``kz_week``) as dates where SQLite gives 'YYYY-MM-DD'."""
    return {key: _plain(value) for key, value in row._mapping.items()}


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
