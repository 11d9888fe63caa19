"""What a decision establishes, as text the database keeps beside the decision's JSON (generated
columns, computed by the database on every write): the statistics compare and count decisions
by these without reading the JSON again (app.services.statistics).

A conclusion's key joins the fields two decisions must share to agree (DOMAIN.md §2.5;
app.domain.review.compared): group, cause, term, УОТ and УПТ; a mark (§43-45) is its outcome.
The per-field keys (group, cause, term) are the field, or the mark.  The SQL is the same on
SQLite (3.38 and later) and PostgreSQL: ``->>`` gives a JSON member as an SQL value."""

from __future__ import annotations

from sqlalchemy import Computed

COMPARED = ("group", "cause", "term", "uot_percent", "upt_percent")
KEY_LENGTH = 120


def _member(document: str, name: str) -> str:
    return f"coalesce({document} ->> '{name}', '')"


def _whole(document: str) -> str:
    return "'c' || " + " || ".join(f"'|' || {_member(document, name)}" for name in COMPARED)


def decision_key(field: str | None = None, persisted: bool | None = None) -> Computed:
    """An expert decision (columns ``outcome`` and ``content``): the whole compared decision
    (``field`` None) or one field; a mark by its outcome.  ``persisted``: True on PostgreSQL
    (stored), None on SQLite (computed on reading: SQLite cannot add a stored column)."""
    value = _whole("content") if field is None else _member("content", field)
    return Computed(f"CASE WHEN outcome = 'conclusion' THEN {value} ELSE outcome END", persisted=persisted)


def result_key(column: str, persisted: bool | None = None) -> Computed:
    """A conclusion's or an appeal's decision (one JSON column, outcome inside, a conclusion
    when unsaid); NULL when the column holds no decision."""
    outcome = f"coalesce({column} ->> 'outcome', 'conclusion')"
    return Computed(f"CASE WHEN {column} ->> 'outcome' IS NULL AND {column} ->> 'group' IS NULL THEN NULL "
                    f"WHEN {outcome} = 'conclusion' THEN {_whole(column)} ELSE {outcome} END", persisted=persisted)


def field_of(key: str, field: str) -> str:
    """One field of a decision's whole key (as :func:`decision_key` makes it, read back in Python):
    the field of a conclusion ('c|group|cause|term|uot|upt'), or the mark a mark is."""
    parts = key.split("|")
    if parts[0] != "c" or len(parts) != len(COMPARED) + 1:
        return key
    return parts[1 + COMPARED.index(field)]
