"""A draft act of the demonstration ready for review tests: adult, under review, its three
experts without a decision, a head of its department of permanent registration; and lawful
decisions for it."""

from __future__ import annotations

from sqlalchemy import delete, select

from app import models as m
from app.services.review import decisions


def conclusion(group="II", term="1y", **extra) -> dict:
    """A lawful adult conclusion: degree 2 of mobility and work gives group II (§58-61)."""
    degree = {"I": 3, "II": 2, "III": 1}[group]
    return {"outcome": "conclusion", "group": group, "cause": "general_disease", "term": term,
            "restrictions": {"mobility": degree, "work": degree}, "uot_percent": None, "upt_percent": None,
            "recommendations": {"medical": "ЛФК"}, **extra}


def prepare_case(db) -> dict:
    with db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW,
                                                       m.DraftAct.age_years.between(20, 55),
                                                       m.DraftAct.purpose == "disability_primary")
                              .order_by(m.DraftAct.id)).first()
        session.execute(delete(m.ExpertDecision).where(m.ExpertDecision.assignment_id.in_(
            [a.id for a in act.assignments])))
        act.person.language = "ru"
        head = m.StaffMember(role=m.StaffRole.HEAD, iin="800101300017", last_name="Басшы", first_name="Б",
                             sort_name="b", region_code=act.department.region_code, department_id=act.department_id)
        session.add(head)
        session.flush()
        places = decisions.current_assignments(act)
        return {"id": act.id, "number": act.number, "experts": [a.expert_id for a in places],
                "home_head": head.id, "iin": act.person.iin, "surname": act.person.last_name,
                "department": act.department.code}
