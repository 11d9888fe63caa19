"""The draft act formed from an accepted package (§25): numbered (§25.1), depersonalised
(§25.2), on the waiting list (§25.3, App 9) with the experts' due date (§20.3).  The person's
personal part goes to ``person``, apart from the act."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import TypeVar

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ... import models as m
from ...models.base import new_uid
from ...domain.app15 import ADULT_AGE, normalise_icd10
from ...domain.clock import KZ_TIME
from ...domain.collation import full_name, sort_key
from ...domain.deadlines import due
from ...domain.regions import region_by_name
from ...domain.workdays import WorkingCalendar
from .. import depersonalise, workstation
from .checks import Package, text

T = TypeVar("T")
CLINICAL_TEXT = ("complaints", "anamnesis", "objective_status", "rehab_plan")
CLINICAL_DATA = ("function_impairments", "temporary_disability_days", "rehab_potential", "rehab_prognosis",
                 "technical_aids")
_PEOPLE, _ACTS, _COUNTERS = m.table_of(m.Person), m.table_of(m.DraftAct), m.table_of(m.ActNumberCounter)
INSERT_PERSON = _PEOPLE.insert().returning(_PEOPLE.c.id)
UPDATE_PERSON = _PEOPLE.update().where(_PEOPLE.c.id == bindparam("person_id"))
INSERT_ACT = _ACTS.insert().returning(_ACTS.c.id)


def _raise_counter(insert, greatest):
    """Insert the day's counter at ``start``, or raise an existing one to at least ``start``."""
    statement = insert(_COUNTERS).values(day=bindparam("day"), last_number=bindparam("start"))
    return statement.on_conflict_do_update(
        index_elements=[_COUNTERS.c.day],
        set_={"last_number": greatest(_COUNTERS.c.last_number, statement.excluded.last_number)},
    ).returning(_COUNTERS.c.last_number)


@cache
def _raise_counter_on(dialect: str):
    """The statement for the database's dialect, built when first needed (the PostgreSQL dialect's
    modules are loaded only on a PostgreSQL database)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return _raise_counter(postgresql.insert, func.greatest)
    return _raise_counter(sqlite.insert, func.max)


NEXT_NUMBER = _COUNTERS.update().where(_COUNTERS.c.day == bindparam("for_day")).values(
    last_number=_COUNTERS.c.last_number + 1).returning(_COUNTERS.c.last_number)
DAY_MAX = select(func.max(_ACTS.c.number)).where(_ACTS.c.number.between(bindparam("low"), bindparam("high")))


def raise_counters(connection: Connection, last_numbers: dict[str, int]) -> None:
    """Makes each day's counter at least the given last number (for acts numbered elsewhere, as
    by the demonstration data)."""
    for day, last in last_numbers.items():
        connection.execute(_raise_counter_on(connection.dialect.name), {"day": day, "start": last})


def next_number(connection: Connection, received_at: datetime) -> str:
    """§25.1: 14 digits, the date of receipt and the day's sequence number in order of arrival.

    The day's counter row is raised inside the package's transaction: a rolled-back package
    gives its number back, and two imports at once wait for each other (SQLite's write lock,
    PostgreSQL's row lock and the intake lock), so numbers are unique and without gaps.  A day's
    first number here follows any act of that day numbered before (demonstration data)."""
    day = f"{received_at.astimezone(KZ_TIME):%Y%m%d}"
    number = connection.execute(NEXT_NUMBER, {"for_day": day}).scalar()
    if number is None:  # the day's first act here: after any the day already has
        last = connection.execute(DAY_MAX, {"low": f"{day}000000", "high": f"{day}999999"}).scalar()
        number = connection.execute(_raise_counter_on(connection.dialect.name),
                                    {"day": day, "start": int(last[8:]) + 1 if last else 1}).scalar_one()
    return f"{day}{number:06d}"


class Departments:
    """Whose act it is (§48; docs/interpretations.md "Acts received at a workstation"): the
    workstation's own department when the person's permanent registration is in its region;
    otherwise the department at that registration — the region's paediatric department for a
    child when it has one, else its general department with the lowest number; and when the
    database knows none there, the workstation's own department, which received the act."""

    def __init__(self, session: Session):
        self.by_region: dict[tuple[str, m.DepartmentKind], int] = {}
        rows = session.execute(select(m.Department.region_code, m.Department.kind, m.Department.id)
                               .order_by(m.Department.number.desc()))
        for region_code, kind, department_id in rows:
            self.by_region[(region_code, kind)] = department_id
        own = workstation.settings(session).department(session)
        self.own_id: int | None = own.id if own is not None else None
        self.own_region: str | None = own.region_code if own is not None else None

    def for_person(self, region_code: str, age: int) -> int | None:
        if self.own_id is not None and region_code == self.own_region:
            return self.own_id
        general = self.by_region.get((region_code, m.DepartmentKind.GENERAL))
        if age < ADULT_AGE:
            general = self.by_region.get((region_code, m.DepartmentKind.PAEDIATRIC), general)
        return general if general is not None else self.own_id


def _accepted(value: T | None, what: str) -> T:
    """What the App 5 checks required of a package before it was accepted (F002, F013)."""
    if value is None:
        raise ValueError(f"an accepted package without {what}")
    return value


def _address(value) -> dict | None:
    return {k: v for k, v in value.items() if isinstance(v, str)} if isinstance(value, dict) else None


def _person_row(p: Package) -> dict:
    """The person's columns from the package."""
    patient = p.raw["patient"]
    names = [text(patient.get(key)) or "" for key in ("last_name", "first_name", "middle_name")]
    registration = _address(patient["registration_address"])
    region = region_by_name((registration or {}).get("region", ""))
    return {"iin": p.iin, "last_name": names[0], "first_name": names[1], "middle_name": names[2],
            "sort_name": sort_key(full_name(*names)), "birth_date": p.birth_date(), "sex": patient["sex"],
            "phone": (text(patient.get("phone")) or "")[:20], "registration_address": registration,
            "region_code": _accepted(region, "a region of Kazakhstan").code,
            "actual_address": _address(patient.get("actual_address")),
            "legal_capacity": patient.get("legal_capacity") or "full", "updated_at": m.utcnow()}


def store_person(connection: Connection, p: Package) -> tuple[int, dict]:
    """The person's row (Person.iin is unique), made or brought up to date from the package."""
    row = _person_row(p)
    person_id = p.history.person_id
    if person_id is None:
        person_id = connection.execute(INSERT_PERSON, {"uid": new_uid(), **row}).scalar_one()
    else:
        connection.execute(UPDATE_PERSON, {"person_id": person_id, **row})
    return person_id, row


def _diagnosis(value: dict, pattern) -> dict:
    return {"icd10": normalise_icd10(value["icd10"]),
            "text": depersonalise.scrub(text(value.get("text")) or "", pattern)}


def _clinical(clinical: dict, attachments, pattern) -> dict:
    """The depersonalised clinical part (§25.2): free text scrubbed, attachments by id, kind and
    title only."""
    kept = {key: clinical[key] for key in CLINICAL_DATA if clinical.get(key) is not None}
    kept.update({key: depersonalise.scrub(clinical[key], pattern) for key in CLINICAL_TEXT
                 if isinstance(clinical.get(key), str)})
    kept["attachments"] = [{"id": a.get("id"), "kind": a.get("kind"), "sha256": a.get("sha256"),
                            "title": depersonalise.scrub(a.get("title") or "", pattern)}
                           for a in attachments or ()]
    return kept


def form_act(connection: Connection, p: Package, package_id: int, calendar: WorkingCalendar,
             departments: Departments) -> tuple[int, str]:
    """Stores the person and the draft act of an accepted package (§25.1-25.3); returns the
    act's id and number."""
    age = _accepted(p.age(), "an age")
    person_id, person = store_person(connection, p)
    pattern = depersonalise.personal_patterns(m.Person(**person), p.raw)
    clinical = p.raw["clinical"]
    main = _diagnosis(clinical["diagnosis_main"], pattern)
    concomitant = [_diagnosis(d, pattern) for d in clinical.get("diagnosis_concomitant") or ()]
    number = next_number(connection, p.received_at)
    act_id = connection.execute(INSERT_ACT, dict(
        uid=new_uid(), updated_at=m.utcnow(), number=number, registered_at=p.received_at,  # §24.2
        status=m.ActStatus.WAITING, due_at=due("expert_decision", p.received_at, calendar).at,  # §20.3
        department_id=departments.for_person(person["region_code"], age), person_id=person_id,
        package_id=package_id, purpose=p.raw["form"]["purpose"], age_years=age, sex=person["sex"],
        working=p.get("patient.working") is True, diagnosis_main_icd10=main["icd10"],
        diagnosis_main_text=main["text"][:300], diagnoses_concomitant=concomitant,
        concomitant_summary="; ".join(f"{d['icd10']} {d['text']}".strip() for d in concomitant)[:300],
        clinical=_clinical(clinical, p.get("attachments"), pattern))).scalar_one()
    return act_id, number
