"""Draft acts and experts as plain data, for the command line and the sync layer.

``show_act(..., as_expert=True)`` is what may leave the department for an expert's laptop:
the depersonalised case only (§25.2) — no IIN, name, birth date, address, workplace,
medical organisation or representative, and none of them inside free text either.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..domain.clock import KZ_TIME
from ..errors import UserError

STATUS_NAMES = tuple(s.value for s in m.ActStatus)
EXPERT_STATUS_NAMES = tuple(s.value for s in m.RegistryStatus)
REDACTED = "***"


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def list_acts(session: Session, *, status: str | None = None, limit: int = 100) -> list[dict]:
    if limit < 0:
        raise UserError("The limit cannot be negative.")
    query = (select(m.DraftAct.number, m.DraftAct.status, m.Department.code, m.DraftAct.registered_at,
                    m.DraftAct.due_at, m.DraftAct.id)
             .join(m.Department, m.DraftAct.department_id == m.Department.id)
             .order_by(m.DraftAct.registered_at, m.DraftAct.id).limit(limit))
    if status:
        query = query.where(m.DraftAct.status == m.ActStatus(status))
    rows = session.execute(query).all()
    documents = _documents(session, [row.id for row in rows])
    return [{"number": row.number, "status": row.status.value, "department": row.code,
             "registered_at": _kz(row.registered_at), "due": _kz(row.due_at),
             "documents": documents.get(row.id, [])} for row in rows]


def _documents(session: Session, act_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for act_id, kind in session.execute(select(m.IssuedDocument.act_id, m.IssuedDocument.kind)
                                        .where(m.IssuedDocument.act_id.in_(act_ids))):
        result.setdefault(act_id, []).append(kind)
    return result


def _act(session: Session, number: str) -> m.DraftAct:
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number)
                         .options(selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision)))
    if act is None:
        raise UserError("There is no draft act with the number {number}.", number=number)
    return act


def _depersonalised(act: m.DraftAct) -> dict:
    return {
        "number": act.number, "status": act.status.value, "registered_at": _kz(act.registered_at),
        "due": _kz(act.due_at), "purpose": act.purpose, "age_years": act.age_years,
        "sex": act.sex, "working": act.working,
        "diagnosis_main": {"icd10": act.diagnosis_main_icd10, "text": act.diagnosis_main_text},
        "diagnoses_concomitant": act.diagnoses_concomitant, "clinical": act.clinical,
        "decisions": [a.decision.content for a in act.assignments if a.decision and not a.withdrawn],
    }


def personal_values(person: m.Person) -> list[str]:
    """Everything identifying a person that must not appear in an expert's copy (§25.2)."""
    address = person.registration_address or {}
    values = [person.iin, person.last_name, person.first_name, person.middle_name, person.phone,
              person.birth_date.isoformat(), person.birth_date.strftime("%d.%m.%Y"),
              address.get("street", ""), address.get("locality", "")]
    return [v for v in values if v and len(v) > 2]


def scrub(value, secrets: list[str]):
    """Replaces every personal value inside free text, case-insensitively, recursively."""
    if isinstance(value, str):
        for secret in secrets:
            value = re.sub(re.escape(secret), REDACTED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, secrets) for k, v in value.items()}
    return value


def show_act(session: Session, number: str, *, as_expert: bool = False) -> dict:
    act = _act(session, number)
    case = _depersonalised(act)
    if as_expert:
        return scrub(case, personal_values(act.person))
    person = act.person
    return {**case, "department": act.department.code, "person": {
        "iin": person.iin, "last_name": person.last_name, "first_name": person.first_name,
        "middle_name": person.middle_name, "birth_date": person.birth_date.isoformat(), "sex": person.sex,
        "phone": person.phone, "registration_address": person.registration_address}}


def list_experts(session: Session, *, status: str | None = None) -> list[dict]:
    query = (select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))
             .order_by(m.StaffMember.sort_name, m.StaffMember.id))
    if status:
        query = query.where(m.StaffMember.status == m.RegistryStatus(status))
    return [{"id": str(e.id), "name": e.full_name, "kind": e.role.value, "region": e.region_code,
             "status": e.status.value} for e in session.scalars(query)]
