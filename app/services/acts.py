"""Draft acts and experts as plain data, for the command line.

``show_act(..., as_expert=True)`` is what may leave the department for an expert's laptop
(see ``depersonalise``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..errors import UserError
from . import audit, depersonalise
from .act_list import kz_minutes


def _act(session: Session, number: str) -> m.DraftAct:
    if not (len(number) == 14 and number.isascii() and number.isdigit()):  # §25.1: YYYYMMDD + 6 digits
        raise UserError("A draft act number has 14 digits (YYYYMMDD and a 6-digit sequence number).")
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number)
                         .options(selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision)))
    if act is None:
        raise UserError("There is no draft act with the number {number}.", number=number)
    return act


def _case(act: m.DraftAct, *, with_decisions: bool) -> dict:
    case = {
        "number": act.number, "status": act.status, "registered_at": kz_minutes(act.registered_at),
        "due": kz_minutes(act.due_at), "purpose": act.purpose, "age_years": act.age_years,
        "sex": act.sex, "working": act.working,
        "diagnosis_main": {"icd10": act.diagnosis_main_icd10, "text": act.diagnosis_main_text},
        "diagnoses_concomitant": act.diagnoses_concomitant, "clinical": act.clinical,
    }
    if with_decisions:
        case["decisions"] = [a.decision.content for a in act.assignments if a.decision and not a.withdrawn]
    return case


def show_act(session: Session, number: str, *, as_expert: bool = False) -> dict:
    """The act for the department, or (``as_expert``) the depersonalised copy an expert's laptop
    may hold: no personal data and none of the other experts' decisions (§25.2, §25.5)."""
    act = _act(session, number)
    if act.person is None:  # an expert's workstation: the copy came depersonalised and holds no person
        case = _case(act, with_decisions=not as_expert)
        return case if as_expert else {**case, "department": None, "person": None}
    if as_expert:
        package = act_package(session, act)
        return depersonalise.scrub(_case(act, with_decisions=False),
                                   depersonalise.personal_patterns(act.person, package))
    audit.opened_personal(session, "draft_act", act.id)
    department = act.department.code if act.department else None
    return {**_case(act, with_decisions=True), "department": department, "person": person_record(act.person)}


def person_record(person: m.Person) -> dict:
    """The person of an act, for the department (never for an expert, §25.2)."""
    return {"iin": person.iin, "last_name": person.last_name, "first_name": person.first_name,
            "middle_name": person.middle_name, "birth_date": person.birth_date.isoformat(), "sex": person.sex,
            "phone": person.phone, "registration_address": person.registration_address}


def act_package(session: Session, act: m.DraftAct) -> dict | None:
    package = session.get(m.ReferralPackage, act.package_id) if act.package_id else None
    return package.content if package else None


def list_experts(session: Session, *, status: str | None = None) -> list[dict]:
    query = (select(m.StaffMember).where(m.StaffMember.role.in_(m.EXPERT_ROLES))
             .order_by(m.StaffMember.sort_name, m.StaffMember.id))
    if status:
        query = query.where(m.StaffMember.status == m.RegistryStatus(status))
    return [{"id": str(e.id), "name": e.full_name, "kind": e.role.value, "region": e.region_code,
             "status": e.status.value} for e in session.scalars(query)]
