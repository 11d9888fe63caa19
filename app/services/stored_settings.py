"""A department-wide setting of ``app.domain.settings`` as this database stores it (the ``setting``
table), read with SQLAlchemy's core: a unit of work of the ORM and a bare connection opened before
the models are declared (a quick start) read it alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, column, select, table

from ..domain.settings import DEPARTMENT, Setting

_setting = table("setting", column("key", String), column("value", String))


def read_setting(db, setting: Setting, **parts: str) -> Any:
    """The setting as its type (its default if unset); ``db`` is a ``Session`` or a ``Connection``."""
    assert setting.scope == DEPARTMENT, setting.name
    stored = db.execute(select(_setting.c.value).where(_setting.c.key == setting.key(**parts))).scalar()
    return setting.parse(stored)
