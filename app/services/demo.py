"""Demonstration data: departments in every region, experts, and draft acts in every state
of the proactive pipeline, with realistic names, valid IINs and App 15 diagnoses.

Rows are written with bulk inserts in chunks so that 100,000 acts take seconds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from ..models.base import SyncMixin, new_uid
from ..domain import names
from ..domain.app15 import APP15_ITEMS
from ..domain.clock import KZ_TIME, now_kz
from ..domain.collation import full_name, sort_key
from ..domain.iin import make_iin
from ..domain.regions import REGIONS
from ..domain.deadlines import due as due_rule
from ..errors import UserError
from ..storage import Database, record_audit
from . import production_calendar, workstation

CHUNK = 10_000
Progress = Callable[[int, int], None]

# Share of acts per pipeline state: the last week's acts are still in the pipeline (§20.3 gives
# experts 3 working days), older ones have ended.
RECENT_DAYS = 7
RECENT_STATUS_WEIGHTS = {
    m.ActStatus.WAITING: 20, m.ActStatus.UNDER_REVIEW: 55, m.ActStatus.HEAD_DECIDES: 5, m.ActStatus.IN_PERSON: 5,
    m.ActStatus.CONCLUDED: 10, m.ActStatus.SIGNED: 5,
}
OLDER_STATUS_WEIGHTS = {m.ActStatus.SIGNED: 90, m.ActStatus.REJECTED: 8, m.ActStatus.IN_PERSON: 2}
ACTS_PER_DAY = 450  # proactive referrals per working day nationally (DOMAIN.md §2)
PURPOSE_WEIGHTS = {"disability_primary": 40, "disability_repeat": 45, "uot": 5, "ipr": 6, "ipr_correction": 4}
GROUP_BY_DEGREE = {3: "I", 2: "II", 1: "III"}  # §58-61
CHILD_GROUP_BY_DEGREE = {3: "child_I", 2: "child_II", 1: "child_III"}  # §26


@dataclass
class _Ids:
    """Next free primary key of each table, so rows can reference each other before insert."""

    session: Session

    def start(self, model) -> int:
        return (self.session.scalar(select(func.max(model.id))) or 0) + 1


def _icd10_codes() -> list[tuple[str, str, object]]:
    """Concrete codes inside the App 15 ranges, with the item's name and the item itself."""
    return [(code, item.name_ru, item) for item in APP15_ITEMS for code in item.codes()]


CONCOMITANT = [("I10", "Эссенциальная гипертензия"), ("E11.9", "Сахарный диабет 2 типа"),
               ("I25.1", "Атеросклеротическая болезнь сердца"), ("K29.5", "Хронический гастрит"),
               ("J44.9", "Хроническая обструктивная болезнь лёгких"), ("E66.0", "Ожирение")]


class DemoBuilder:
    def __init__(self, session: Session, rng: random.Random, today: datetime, progress: Progress | None):
        self.session = session
        self.rng = rng
        self.today = today
        self.calendar = production_calendar.load(session)
        self.progress = progress or (lambda done, total: None)
        self.used_iins: set[str] = set(session.scalars(select(m.Person.iin)))
        self.serial = 0

    # -- helpers ---------------------------------------------------------------------------
    def _insert(self, model, rows: list[dict]) -> None:
        if issubclass(model, SyncMixin):  # given here, the defaults are not evaluated row by row
            stamp = m.utcnow()
            for row in rows:
                row["uid"], row["updated_at"] = new_uid(), stamp
        connection = self.session.connection()  # Core executemany: one statement per chunk
        for start in range(0, len(rows), CHUNK):
            connection.execute(model.__table__.insert(), rows[start:start + CHUNK])

    def _person_name(self, sex: str) -> dict:
        last, first, middle = names.random_person_name(self.rng, sex)
        return {"last_name": last, "first_name": first, "middle_name": middle,
                "sort_name": sort_key(full_name(last, first, middle))}

    def _iin(self, birth: date, sex: str) -> str:
        while True:
            self.serial = (self.serial + 1) % 10_000
            iin = make_iin(birth, sex, self.serial)
            if iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin

    def _birth_date(self, age_years: int) -> date:
        return self.today.date() - timedelta(days=age_years * 365 + self.rng.randrange(365))

    def _address(self, region) -> dict:
        return {"region": region.name_ru, "locality": region.center_ru, "street": self.rng.choice(names.STREETS),
                "house": str(self.rng.randrange(1, 120)), "apartment": str(self.rng.randrange(1, 200))}

    # -- organisation ----------------------------------------------------------------------
    def departments(self) -> list[dict]:
        """Per region: general departments, one paediatric, one methodology-and-control (§6)."""
        existing = set(self.session.scalars(select(m.Department.code)))
        rows, next_id = [], _Ids(self.session).start(m.Department)
        for region in REGIONS:
            kinds = [m.DepartmentKind.GENERAL] * self.rng.randint(2, 4) + [
                m.DepartmentKind.PAEDIATRIC, m.DepartmentKind.METHODOLOGY_CONTROL]
            for number, kind in enumerate(kinds, start=1):
                code = workstation.department_code(region.code, number)
                if code in existing:
                    continue
                last, first, middle = names.random_person_name(self.rng, self.rng.choice(("male", "female")))
                rows.append({"id": next_id, "code": code, "region_code": region.code, "kind": kind, "number": number,
                             "address": f"{region.center_ru}, {self.rng.choice(names.STREETS)}, "
                                        f"{self.rng.randrange(1, 90)}",
                             "head_name": full_name(last, first, middle)})
                next_id += 1
        self._insert(m.Department, rows)
        return [dict(id=d.id, code=d.code, region_code=d.region_code, kind=d.kind)
                for d in self.session.scalars(select(m.Department))]

    def experts(self, count: int, departments: list[dict]) -> list[dict]:
        """Department heads and chief specialists (§25.4), and independent experts (§17)."""
        working = [d for d in departments if d["kind"] != m.DepartmentKind.METHODOLOGY_CONTROL]
        rows, next_id = [], _Ids(self.session).start(m.StaffMember)
        for i in range(count):
            sex = self.rng.choice(("male", "female"))
            birth = self._birth_date(self.rng.randint(30, 62))
            department = working[(i // 4) % len(working)]  # a head, two chief specialists, an independent
            role = (m.StaffRole.HEAD, m.StaffRole.SPECIALIST, m.StaffRole.SPECIALIST, m.StaffRole.INDEPENDENT)[i % 4]
            if role == m.StaffRole.INDEPENDENT:
                dept_id, status = None, m.RegistryStatus.INCLUDED
            else:
                dept_id, status = department["id"], m.RegistryStatus.ACTIVE
            item = self.rng.choice(APP15_ITEMS)
            excluded = role == m.StaffRole.INDEPENDENT and self.rng.random() < 0.1
            included = self.today.date() - timedelta(days=self.rng.randrange(30, 700))
            rows.append({
                "id": next_id + i, "role": role, "iin": self._iin(birth, sex), **self._person_name(sex),
                "region_code": department["region_code"], "department_id": dept_id,
                "phone": f"+7701{self.rng.randrange(10**7):07d}", "email": f"expert{next_id + i}@example.kz",
                "specialty_profile": item.name_ru[:200],
                "nosologies": ["-".join(r) for r in item.ranges],
                "status": m.RegistryStatus.EXCLUDED if excluded else status,
                "included_on": included if role == m.StaffRole.INDEPENDENT else None,
                "excluded_on": included + timedelta(days=20) if excluded else None,
                "exclusion_reason": 3 if excluded else None,
            })
        self._insert(m.StaffMember, rows)
        return rows

    # -- the pipeline ----------------------------------------------------------------------
    def _registered_at(self, index: int, total: int) -> datetime:
        """Spread over as many past days as the national pace needs (at least 30), newest last,
        during office hours."""
        span = max(30, total * 7 // (5 * ACTS_PER_DAY))
        day = self.today.date() - timedelta(days=span - (span * index) // max(total, 1))
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return datetime.combine(day, time(9), tzinfo=KZ_TIME) + timedelta(minutes=self.rng.randrange(9 * 60))

    def _decision(self, age: int, group_degree: int) -> dict:
        child = age < 18
        group = "child" if age < 7 else (CHILD_GROUP_BY_DEGREE if child else GROUP_BY_DEGREE)[group_degree]
        cause = "child_under_7" if age < 7 else "child_7_18" if child else "general_disease"
        return {"outcome": "conclusion", "reasons": [], "group": group, "cause": cause,
                "term": self.rng.choice(("until_18",) if child and age >= 7 else ("1y", "2y", "5y")),
                "uot_percent": None, "upt_percent": None,
                "restrictions": {"self_care": group_degree - 1, "mobility": group_degree, "work": 0 if child else 2},
                "rehab_prognosis": "relatively_favorable", "rehab_potential": "satisfactory"}

    def acts(self, count: int, departments: list[dict], experts: list[dict], done_before: int, total: int) -> int:
        general = [d for d in departments if d["kind"] == m.DepartmentKind.GENERAL]
        by_region = {d["region_code"]: d for d in general}
        heads = [e for e in experts if e["role"] == m.StaffRole.HEAD]
        specialists = [e for e in experts if e["role"] != m.StaffRole.HEAD and e["status"] != m.RegistryStatus.EXCLUDED]
        codes = _icd10_codes()
        recent, older = (tuple(zip(*weights.items())) for weights in (RECENT_STATUS_WEIGHTS, OLDER_STATUS_WEIGHTS))
        purposes, purpose_weights = zip(*PURPOSE_WEIGHTS.items())
        ids = _Ids(self.session)
        person_id, act_id = ids.start(m.Person), ids.start(m.DraftAct)
        assignment_id, conclusion_id = ids.start(m.Assignment), ids.start(m.Conclusion)
        day_sequence: dict[date, int] = {}
        for chunk_start in range(0, count, CHUNK):
            persons, acts, assignments, decisions, conclusions = [], [], [], [], []
            for i in range(chunk_start, min(count, chunk_start + CHUNK)):
                region = self.rng.choice(REGIONS)
                age = self.rng.choice((self.rng.randint(1, 17), self.rng.randint(18, 85), self.rng.randint(40, 75)))
                sex = self.rng.choice(("male", "female"))
                birth = self._birth_date(age)
                registered = self._registered_at(i, count)
                day = registered.date()
                day_sequence[day] = day_sequence.get(day, 0) + 1
                is_recent = (self.today.date() - day).days <= RECENT_DAYS
                status = self.rng.choices(*(recent if is_recent else older))[0]
                purpose = self.rng.choices(purposes, purpose_weights)[0]
                kind = "repeat" if purpose == "disability_repeat" else "primary"
                code, text, item = self.rng.choice(codes)
                while not item.allows(age_years=age, kind=kind):  # App 15 age and exam qualifiers
                    code, text, item = self.rng.choice(codes)
                concomitant = self.rng.sample(CONCOMITANT, self.rng.randint(0, 2)) if age >= 18 else []
                working = 18 <= age < 63 and self.rng.random() < 0.45
                due = production_calendar.act_due(status, registered, self.calendar)
                persons.append({"id": person_id, "iin": self._iin(birth, sex), **self._person_name(sex),
                                "birth_date": birth, "sex": sex, "phone": f"+7707{self.rng.randrange(10**7):07d}",
                                "region_code": region.code, "registration_address": self._address(region),
                                "legal_capacity": "full"})
                acts.append({"id": act_id, "number": f"{day:%Y%m%d}{day_sequence[day]:06d}",
                             "registered_at": registered, "status": status, "due_at": due,
                             "department_id": by_region[region.code]["id"], "person_id": person_id,
                             "purpose": purpose, "age_years": age, "sex": sex,
                             "working": working, "diagnosis_main_icd10": code, "diagnosis_main_text": text,
                             "diagnoses_concomitant": [{"icd10": c, "text": t} for c, t in concomitant],
                             "concomitant_summary": "; ".join(f"{c} {t}" for c, t in concomitant),
                             "clinical": {"function_impairments": {"statodynamic": self.rng.randint(1, 4)}}})
                if status != m.ActStatus.WAITING:
                    degree = self.rng.randint(1, 3)
                    panel = [self.rng.choice(heads)] + self.rng.sample(specialists, 2)
                    expert_due = due_rule("expert_decision", registered, self.calendar).at  # §20.3
                    for position, expert in enumerate(panel):
                        assignments.append({"id": assignment_id, "act_id": act_id, "expert_id": expert["id"],
                                            "role": "head" if position == 0 else "specialist",
                                            "assigned_at": registered,
                                            "due_at": expert_due})
                        if status != m.ActStatus.UNDER_REVIEW:
                            decisions.append({"assignment_id": assignment_id, "outcome": "conclusion",
                                              "decided_at": registered + timedelta(days=1),
                                              "content": self._decision(age, degree)})
                        assignment_id += 1
                    if status in (m.ActStatus.CONCLUDED, m.ActStatus.SIGNED):
                        conclusions.append({"id": conclusion_id, "act_id": act_id, "route": "concluded",
                                            "decision": self._decision(age, degree), "agreeing": 3,
                                            "concluded_at": registered + timedelta(days=2),
                                            "signed_at": registered + timedelta(days=3)
                                            if status == m.ActStatus.SIGNED else None})
                        conclusion_id += 1
                person_id += 1
                act_id += 1
            for model, rows in ((m.Person, persons), (m.DraftAct, acts), (m.Assignment, assignments),
                                (m.ExpertDecision, decisions), (m.Conclusion, conclusions)):
                self._insert(model, rows)
            self.progress(done_before + min(count, chunk_start + CHUNK), total)
        return act_id

    def appeals(self, departments: list[dict]) -> int:
        """About one signed proactive conclusion in a hundred is appealed (§56), a small demo
        gets ten; each appeal has gone as far as its filing date allows: registered a day later,
        forwarded on the third day, concluded on the eighth."""
        control = [d for d in departments if d["kind"] == m.DepartmentKind.METHODOLOGY_CONTROL]
        signed = self.session.execute(select(m.DraftAct.id, m.DraftAct.registered_at, m.Department.region_code)
                                      .join(m.Department).where(m.DraftAct.status == m.ActStatus.SIGNED)).all()
        sample = self.rng.sample(signed, max(len(signed) // 100, min(len(signed), 10)))
        step_days = {"registered_at": 1, "forwarded_at": 3, "concluded_at": 8}
        rows = []
        for act_id, registered, region_code in sample:
            days_since = (self.today - registered).days
            if days_since < 5:  # too recent to have been appealed
                continue
            filed = datetime.combine(registered.date() + timedelta(days=self.rng.randint(3, days_since - 1)),
                                     time(self.rng.randint(9, 16), self.rng.randrange(60)), tzinfo=KZ_TIME)
            steps = {name: filed + timedelta(days=days) for name, days in step_days.items()
                     if filed + timedelta(days=days) < self.today}
            status = ("filed", "registered", "at_control", "concluded")[len(steps)]
            rows.append({
                "act_id": act_id, "status": status, "filed_at": filed, **dict.fromkeys(step_days), **steps,
                "due_at": production_calendar.appeal_due(status, max(steps.values(), default=filed), self.calendar),
                "registration_number": f"Ж-{len(rows) + 1:05d}" if steps else "",
                "control_department_id": self.rng.choice(
                    [d["id"] for d in control if d["region_code"] != region_code]) if len(steps) >= 2 else None,
            })
        self._insert(m.Appeal, rows)
        return len(rows)


def generate(db: Database, *, acts: int, experts: int, seed: int = 1, progress: Progress | None = None,
             today: datetime | None = None) -> dict:
    """Fills ``db`` with demonstration data and makes it this workstation's department."""
    if acts < 0 or experts < 3:
        raise UserError("A demonstration needs at least 3 experts and no negative number of acts.")
    rng = random.Random(seed)
    with db.session() as session:
        builder = DemoBuilder(session, rng, today or now_kz(), progress)
        departments = builder.departments()
        expert_rows = builder.experts(experts, departments)
        builder.acts(acts, departments, expert_rows, 0, acts)
        appeals = builder.appeals(departments)
        if not workstation.settings(session).department_code:
            home = next(d for d in departments if d["kind"] == m.DepartmentKind.GENERAL and d["region_code"] == "75")
            workstation.set_setting(session, workstation.DEPARTMENT_KEY, home["code"])
            workstation.set_setting(session, workstation.USER_KEY, "Демо")
        record_audit(session, "demo", "draft_act", acts=acts, experts=experts, appeals=appeals, seed=seed)
    return {"acts": acts, "experts": experts, "departments": len(departments), "appeals": appeals}
