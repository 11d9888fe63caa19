"""The extraterritorial methodology-and-control department of an appeal, chosen automatically
(§56: "определяется АИС ЦБДИ в автоматизированном режиме"): a control department of another
region than the person's permanent registration, the one with the fewest appeals at control now
(balanced load), ties broken by the department's code.  The loads are recorded with the step."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...errors import UserError


def control_loads(session: Session) -> dict[int, int]:
    """Open appeals at each control department (§56)."""
    rows = session.execute(select(m.Appeal.control_department_id, func.count()).where(
        m.Appeal.status == m.AppealStatus.AT_CONTROL, m.Appeal.control_department_id.is_not(None))
        .group_by(m.Appeal.control_department_id))
    return {department: count for department, count in rows if department is not None}


def choose_control_department(session: Session, person_region: str) -> tuple[m.Department, dict]:
    """The control department for a person registered in ``person_region``, and why: the
    candidates' loads."""
    candidates = list(session.scalars(select(m.Department).where(
        m.Department.kind == m.DepartmentKind.METHODOLOGY_CONTROL, m.Department.region_code != person_region)
        .order_by(m.Department.code)))
    if not candidates:
        raise UserError("There is no methodology and control department outside the person's region to send "
                        "the appeal to (§56).")
    loads = control_loads(session)
    chosen = min(candidates, key=lambda d: (loads.get(d.id, 0), d.code))
    return chosen, {"control_department": chosen.code, "loads": {d.code: loads.get(d.id, 0) for d in candidates}}
