"""Column types shared by the models and by the queries that run before the models are declared
(``app.services.act_list``): importing this module loads SQLAlchemy's core only, not the ORM."""

from __future__ import annotations

import enum
from datetime import UTC

from sqlalchemy import DateTime, Enum, String, TypeDecorator


class UtcDateTime(TypeDecorator):
    """Timezone-aware datetimes stored as UTC (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Enums are stored by value as plain strings (no native ENUM type to migrate)."""
    return Enum(enum_cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class _StringEnum(TypeDecorator):
    """A string column whose values are the members of a ``StrEnum``: stored as before, read back
    as members; a value outside the enum is refused before it reaches the database."""

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[enum.StrEnum], length: int):
        super().__init__(length)
        self.enum_cls = enum_cls

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum_cls(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_cls(value)


def string_enum(enum_cls: type[enum.StrEnum], length: int) -> _StringEnum:
    """A ``StrEnum`` kept in a ``String(length)`` column, as the migrations made it."""
    return _StringEnum(enum_cls, length)
