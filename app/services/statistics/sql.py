"""SQL building blocks of the statistics, the same on SQLite and PostgreSQL: the App 15 chapter of
a diagnosis, the compared part of a decision as one text key, Kazakhstan dates and weeks, spans in
days.  Everything here is an expression evaluated by the database, never a loop over rows."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import String, and_, case, cast, func, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlalchemy.types import Float

from ...domain.app15 import APP15_ITEMS, normalise_icd10
from ...domain.clock import KZ_TIME

KZ_OFFSET_HOURS = 5  # UTC+5 all year (app.domain.clock); stored datetimes are UTC
CONCLUSION = "conclusion"
FIELDS = ("decision", "group", "cause", "term")  # what agreement is measured on (DOMAIN.md §2.5 compares more)
COMPARED_PARTS = ("group", "cause", "term", "uot_percent", "upt_percent")  # with the outcome: app.domain.review


# -- App 15 chapters ----------------------------------------------------------------------------
def chapter_number(item_number: str) -> str:
    """The chapter of an App 15 item: its first number ("1.7" -> "1")."""
    return item_number.split(".")[0]


def _within(code: str, low: str, high: str) -> bool:
    return low <= code[: len(low)] and code[: len(high)] <= high


def chapter_of(code: str) -> str | None:
    """The App 15 chapter of an ICD-10 code by the code alone (the first item that lists it;
    the age and examination qualifiers are not looked at), or None."""
    code = normalise_icd10(code)
    item = next((item for item in APP15_ITEMS if item.covers_code(code)), None)
    return chapter_number(item.number) if item else None


def _range_sql(code: ColumnElement, low: str, high: str) -> ColumnElement[bool]:
    """One App 15 range in SQL, by the coverage rule of ``app.domain.app15``."""
    if "." not in low and "." not in high:
        return func.substr(code, 1, 3).between(low, high)
    decimal = and_(func.length(code) > 3, func.substr(code, 1, len(low)) >= low,
                   func.substr(code, 1, len(high)) <= high)
    category = low[:3]
    if _within(f"{category}.0", low, high) and _within(f"{category}.9", low, high):
        return or_(decimal, code == category)  # a bare category covered as a whole
    return decimal


def chapter_sql(code: ColumnElement) -> ColumnElement[str]:
    """The App 15 chapter of the diagnosis ``code`` as a CASE expression (same answer as
    :func:`chapter_of`); '' when App 15 does not list it."""
    whens = [(or_(*(_range_sql(code, low, high) for low, high in item.ranges)), chapter_number(item.number))
             for item in APP15_ITEMS if item.ranges]
    return case(*whens, else_="")


CHAPTERS = tuple(dict.fromkeys(chapter_number(item.number) for item in APP15_ITEMS))


# -- decisions as keys --------------------------------------------------------------------------
def _text(value: ColumnElement) -> ColumnElement[str]:
    return func.coalesce(cast(value, String), "")


def decision_key(outcome: ColumnElement, content, field: str = "decision") -> ColumnElement[str]:
    """What two decisions must share to agree on ``field`` (app.domain.review.compared): a mark
    (§43-45) by its kind; a conclusion by the group, cause, term, УОТ and УПТ together
    ("decision"), or by one of them.  ``content`` is the JSON column of the decision."""
    if field == "decision":
        parts = [_text(content[part].as_string()) for part in COMPARED_PARTS]
        value = literal("c")
        for part in parts:
            value = value + "|" + part
    else:
        value = _text(content[field].as_string())
    return case((outcome == CONCLUSION, value), else_=outcome)


def outcome_of(content) -> ColumnElement[str]:
    """The outcome of a decision kept as JSON without its own column; a conclusion when unsaid."""
    return func.coalesce(content["outcome"].as_string(), CONCLUSION)


# -- dates and spans ----------------------------------------------------------------------------
class kz_date(FunctionElement):
    """The Kazakhstan calendar day of a stored (UTC) moment, as 'YYYY-MM-DD' text; with
    ``shift_hours``, of the moment that many hours later."""

    type = String()
    inherit_cache = False

    def __init__(self, moment, shift_hours: int = 0):
        self.shift_hours = shift_hours
        super().__init__(moment)


@compiles(kz_date, "sqlite")
def _kz_date_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+{KZ_OFFSET_HOURS + element.shift_hours} hours')"


@compiles(kz_date, "postgresql")
def _kz_date_postgresql(element, compiler, **kw):
    hours = KZ_OFFSET_HOURS + element.shift_hours
    return f"to_char({compiler.process(element.clauses, **kw)} + interval '{hours} hours', 'YYYY-MM-DD')"


class kz_week(FunctionElement):
    """The Monday of the Kazakhstan week of a stored (UTC) moment, as 'YYYY-MM-DD' text."""

    type = String()
    inherit_cache = True


@compiles(kz_week, "sqlite")
def _kz_week_sqlite(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"date({moment}, '+{KZ_OFFSET_HOURS} hours', '-6 days', 'weekday 1')"


@compiles(kz_week, "postgresql")
def _kz_week_postgresql(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"to_char(date_trunc('week', {moment} + interval '{KZ_OFFSET_HOURS} hours'), 'YYYY-MM-DD')"


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
    return round(part / whole, 4) if whole else None

