"""Kazakhstan days and weeks of stored (UTC) moments, computed by the database, the same on
SQLite and PostgreSQL: what the statistics count by (app.services.statistics) and what each act's
figures keep (app/models/figures.py)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

KZ_OFFSET_HOURS = 5  # UTC+5 all year (app.domain.clock); stored datetimes are UTC


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
