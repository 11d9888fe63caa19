"""Declarative base shared by every table."""

from __future__ import annotations

import secrets
import time
from datetime import datetime, UTC

from sqlalchemy import JSON, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..column_types import UtcDateTime as UtcDateTime  # the migrations name it here
from ..domain.clock import now_kz

# Fixed constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The program's clock (``app.domain.clock``) as a UTC moment, the stored form."""
    return now_kz().astimezone(UTC)


def new_uid() -> str:
    """32 hex digits: microseconds since 1970, then 72 random bits (like UUIDv7).  Ids made
    later sort later, so the unique index grows at its end instead of being rewritten at random."""
    return f"{time.time_ns() // 1000:014x}{secrets.token_hex(9)}"


# Tables that are no model: the text search index of draft acts, written only by database
# triggers (migration 0002_text_search); on SQLite FTS5 adds shadow tables named after it.
TRIGGER_KEPT_TABLES = ("act_search",)


def is_model_object(_object, name, type_, _reflected, _compare_to) -> bool:
    """For Alembic's comparison of models and database: skips the trigger-kept tables."""
    return not (type_ == "table" and name and name.startswith(TRIGGER_KEPT_TABLES))


# Kazakh collation keys (app.domain.collation) compare by code point: binary on SQLite, "C" on PostgreSQL.
SortKey = String(400).with_variant(String(400, collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict: JSON, list: JSON}


def table_of(model: type[Base]) -> Table:
    """The table a model maps, as a ``Table`` (``Model.__table__`` is typed as any FROM clause)."""
    return Base.metadata.tables[model.__tablename__]


class SyncMixin:
    """Rows that travel between workstations and the hub: a global id and a change stamp."""

    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PersonNameMixin:
    """Surname, name and patronymic, with the Kazakh collation key of the whole name."""

    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str] = mapped_column(String(100), default="")
    sort_name: Mapped[str] = mapped_column(SortKey, index=True, doc="app.domain.collation.sort_key of the full name")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)
