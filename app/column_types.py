"""Column types shared by the models and by the queries that run before the models are declared
(``app.services.act_list``): importing this module loads SQLAlchemy's core only, not the ORM."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import DateTime, TypeDecorator


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
