"""What the Statistics tab's filters offer: the departments of the database (the hub's holds
every department of the country) with their regions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m


def departments(session: Session) -> list[dict]:
    """Every department that receives acts (id, code, region), in code order."""
    rows = session.execute(select(m.Department.id, m.Department.code, m.Department.region_code)
                           .where(m.Department.kind != m.DepartmentKind.METHODOLOGY_CONTROL)
                           .order_by(m.Department.code))
    return [{"id": row.id, "code": row.code, "region": row.region_code} for row in rows]
