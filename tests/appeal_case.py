"""Signed conclusions of the demonstration made ready for appeal tests: dated early March 2025
(so that deadlines cross 8 March and Nauryz), adult primary acts whose lawful decisions are
``review_case.conclusion``; one of them concluded in person (§45) for §54."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME

SIGNED_AT = datetime(2025, 3, 3, 16, 0, tzinfo=KZ_TIME)  # Monday
REGISTERED_AT = datetime(2025, 2, 26, 10, 0, tzinfo=KZ_TIME)
IN_PERSON_SIGNED_AT = datetime(2024, 12, 2, 17, 0, tzinfo=KZ_TIME)  # Monday: concluded on the visit (§45)
IN_PERSON_REGISTERED_AT = datetime(2024, 11, 26, 10, 0, tzinfo=KZ_TIME)


def prepare_signed_acts(db, count: int = 4, *, in_person: int = 0) -> list[dict]:
    """``count`` signed acts (group II conclusions), the last ``in_person`` of them concluded in person."""
    with db.session() as session:
        acts = list(session.scalars(select(m.DraftAct).where(
            m.DraftAct.status == m.ActStatus.SIGNED, m.DraftAct.age_years.between(20, 55))
            .order_by(m.DraftAct.id).limit(count)))
        assert len(acts) == count
        cases = []
        for index, act in enumerate(acts):
            in_person_case = index >= count - in_person
            act.registered_at = IN_PERSON_REGISTERED_AT if in_person_case else REGISTERED_AT
            act.purpose = "disability_primary"
            act.person.language = "ru"
            act.person.phone = act.person.phone or "+77015550101"
            conclusion = act.conclusion
            conclusion.decision = {"outcome": "conclusion", "group": "II", "cause": "general_disease", "term": "1y",
                                   "restrictions": {"mobility": 2, "work": 2}, "uot_percent": None,
                                   "upt_percent": None}
            conclusion.concluded_at = conclusion.signed_at = IN_PERSON_SIGNED_AT if in_person_case else SIGNED_AT
            conclusion.proactive = not in_person_case
            cases.append({"id": act.id, "number": act.number, "region": act.person.region_code,
                          "iin": act.person.iin, "surname": act.person.last_name,
                          "first_name": act.person.first_name, "birth": act.person.birth_date.isoformat(),
                          "department": act.department.code})
        return cases
