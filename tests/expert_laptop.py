"""An expert's laptop beside a department's database, for the tests of the offline round trip:
which expert to take, the department's file of acts, lawful decisions for an
act whatever its age, and the personal values that must never reach the laptop."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app import models as m
from app.domain.clock import now_kz
from app.services.review import decisions, exchange
from tests.review_case import conclusion

# The demonstration's acts are registered on the days before it was made; a decision on one is
# made after that (a decision dated before its act is refused at the department, §24.2).
AT = now_kz().replace(second=0, microsecond=0)
POOR_QUALITY = {"outcome": "poor_quality", "reasons": ["no_lab_data"]}  # §44: lawful at any age


def busiest_expert(db, at_least: int = 3) -> int:
    """The expert with the most undecided places on acts under review (at least ``at_least``)."""
    with db.session() as session:
        decided = select(m.ExpertDecision.assignment_id).where(m.ExpertDecision.superseded_at.is_(None))
        expert_id, count = session.execute(
            select(m.Assignment.expert_id, func.count()).join(m.DraftAct)
            .where(m.Assignment.withdrawn.is_(False), m.Assignment.id.not_in(decided),
                   m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
            .group_by(m.Assignment.expert_id).order_by(func.count().desc(), m.Assignment.expert_id)).first()
    assert count >= at_least
    return expert_id


def export_acts(db, expert_id: int, path: Path | None = None) -> dict:
    with db.session() as session:
        document = exchange.export_for_expert(session, expert_id)
    if path is not None:
        from app.services.review.laptop import write_json
        write_json(path, document)
    return document


def undecided(document: dict) -> list[dict]:
    """The acts of an export the expert has not decided yet, oldest first."""
    return [entry for entry in document["acts"] if not entry["decisions"]]


def lawful_decision(entry: dict) -> dict:
    """Group II for an adult of working age, else the §44 mark."""
    return conclusion("II") if 20 <= entry["act"]["age_years"] <= 55 else POOR_QUALITY


def others_decide(db, number: str, expert_id: int, content: dict = POOR_QUALITY) -> None:
    """The panel's two other experts decide at the department."""
    with db.session() as session:
        act = decisions.act_by_number(session, number)
        for place in decisions.current_assignments(act):
            if place.expert_id != expert_id and place.decision is None:
                decisions.submit(session, act, place.expert_id, content, AT, confirm_warnings=True)


def personal_needles(db, numbers: list[str], expert_name: str) -> dict[str, str]:
    """Every personal value of the persons of these acts (IIN, names, birth date, address,
    phone), as text to look for; none that is part of the expert's own name."""
    needles: dict[str, str] = {}
    with db.session() as session:
        for act in session.scalars(select(m.DraftAct).where(m.DraftAct.number.in_(numbers))):
            person = act.person
            birth = person.birth_date
            address = person.registration_address or {}
            values = [person.iin, person.last_name, f"{person.last_name} {person.first_name}",
                      birth.isoformat(), birth.strftime("%d.%m.%Y"), person.phone, person.phone.lstrip("+"),
                      str(address.get("street") or "")]  # the locality may be a region's name, in every database
            for value in values:
                if len(value) >= 4 and value.lower() not in expert_name.lower():
                    needles[value] = f"{act.number}: {value[:2]}…"
    return needles


def files_holding(folder: Path, needles: dict[str, str]) -> list[str]:
    """``file: what`` for every needle found in any file under ``folder`` (bytes, UTF-8)."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lowered = data.decode("utf-8", errors="ignore").lower()
        found += [f"{path.name}: {where}" for needle, where in needles.items()
                  if needle.encode() in data or needle.lower() in lowered]
    return found
