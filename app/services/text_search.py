"""Looking words up in the text index of draft acts (migration ``0002_text_search``): an FTS5
table with the trigram tokenizer on SQLite, a table with a ``pg_trgm`` GIN index on
PostgreSQL, both kept in step with the acts, persons and departments by database triggers.

Its columns: ``number``, ``person`` (full name and IIN), ``icd10``, ``diagnosis`` (code and
name), ``concomitant``, ``department`` (code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Select, column, literal_column, or_, select, table

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

MIN_TERM = 3  # characters: a trigram index finds nothing shorter
COLUMNS = ("number", "person", "icd10", "diagnosis", "concomitant", "department")

_pg_table = table("act_search", column("act_id"), *(column(name) for name in COLUMNS))


def matching(session: Session | Connection, columns: list[str], term: str) -> Select:
    """The ids of the draft acts with ``term`` (at least ``MIN_TERM`` characters, any case)
    inside any of ``columns`` of the index."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"not in the text index: {sorted(unknown)}")
    bind = session.get_bind() if hasattr(session, "get_bind") else session  # a unit of work, or a bare connection
    if bind.dialect.name == "postgresql":
        lowered = term.lower()
        return select(_pg_table.c.act_id).where(
            or_(*(_pg_table.c[name].contains(lowered, autoescape=True) for name in dict.fromkeys(columns))))
    phrase = '"' + term.replace('"', '""') + '"'
    query = "{" + " ".join(dict.fromkeys(columns)) + "} : " + phrase
    return select(column("rowid")).select_from(table("act_search")).where(
        literal_column("act_search").op("MATCH")(query))
