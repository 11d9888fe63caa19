"""Demonstration applicants in every state of the admission procedure.

Each one is taken through the real steps of ``admission`` one working day apart, so its due
dates follow the production calendar; the plans end a few working days before ``today`` so
that open windows are still open (and one document check is overdue, to show the highlight),
and two end long enough ago that ``tick`` refuses them (test not taken, contract not signed).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import names
from ...domain.app15 import APP15_ITEMS
from ...domain.iin import SEXES, Sex, make_iin
from ...domain.regions import REGIONS
from ...domain.workdays import WorkingCalendar
from .. import production_calendar
from . import admission
from .form import read_application

STEP_TIME = time(10, 0)
PASS, FAIL = 75, 55  # of 90 (p. 9: 63 passes)

# (working days before today it applied, the steps after the application, one working day apart)
PLANS = (
    (2, ()),  # submitted, check due in 3 working days
    (8, ()),  # submitted, the check is overdue
    (4, ("check",)),  # awaiting the test
    (6, ("check", "fail")),  # retest allowed
    (4, ("check", "pass")),  # passed, decision due
    (4, ("check", "pass", "contract")),  # contract sent, signature due
    (5, ("check", "pass", "contract", "sign")),  # signed, inclusion due
    (9, ("check", "pass", "contract", "sign", "include")),  # included
    (5, ("refuse",)),  # refused by the check (App 4)
    (9, ("check", "fail", "fail")),  # refused after the retest (App 5)
    (25, ("check",)),  # refused by tick: no test within 10 calendar days
    (14, ("check", "pass", "contract")),  # refused by tick: contract not signed in 3 working days
)
REFUSALS = (["missing_training", "expired_certificate"], ["missing_bmg"])


def _working_days_back(calendar: WorkingCalendar, today: date, count: int) -> date:
    day = today
    while count:
        day -= timedelta(days=1)
        count -= calendar.is_working_day(day)
    return day


class _Applicants:
    def __init__(self, session: Session, rng: random.Random, today: datetime):
        self.session, self.rng, self.today = session, rng, today
        self.calendar = production_calendar.load(session)
        self.used = set(session.scalars(select(m.StaffMember.iin))) | set(session.scalars(select(m.Person.iin)))

    def _iin(self, birth: date, sex: Sex) -> str:
        while (iin := make_iin(birth, sex, self.rng.randrange(10_000))) in self.used:
            pass
        self.used.add(iin)
        return iin

    def form(self) -> dict:
        sex = self.rng.choice(SEXES)
        last, first, middle = names.random_person_name(self.rng, sex)
        birth = date(self.today.year - self.rng.randint(32, 60), self.rng.randint(1, 12), self.rng.randint(1, 28))
        item = self.rng.choice([item for item in APP15_ITEMS if item.ranges])
        region = self.rng.choice(REGIONS)
        return {"iin": self._iin(birth, sex), "last_name": last, "first_name": first, "middle_name": middle,
                "region": region.code, "address": f"{region.center_ru}, {self.rng.choice(names.STREETS)}, "
                                                  f"{self.rng.randrange(1, 90)}",
                "email": f"applicant{self.rng.randrange(10**6)}@example.kz",
                "phone": f"+7702{self.rng.randrange(10**7):07d}", "specialty_profile": item.profile(),
                "nosologies": ["-".join(r) for r in item.ranges],
                "documents": {"diploma": True, "experience_years": self.rng.randint(5, 25),
                              "clinical_certificate_valid_until": (self.today.date() + timedelta(days=400)).isoformat(),
                              "training_hours": 60, "mse_experience_years": 0, "bmg_registered": True}}

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, STEP_TIME, tzinfo=self.today.tzinfo)

    def expert_form(self, expert: m.StaffMember) -> dict:
        """The application an expert of the demonstration registry once made."""
        form = self.form()
        form.update({key: getattr(expert, key) for key in ("iin", "last_name", "first_name", "middle_name", "email",
                                                          "phone", "specialty_profile", "nosologies")})
        return {**form, "region": expert.region_code}

    def take(self, back: int, steps: tuple[str, ...], refusal: list[str], expert: m.StaffMember | None = None) -> None:
        """An applicant who applied ``back`` working days ago and took ``steps``; with
        ``expert``, that expert's own admission (it ends in the registry, as the expert is)."""
        day = _working_days_back(self.calendar, self.today.date(), back)
        form = self.expert_form(expert) if expert else self.form()
        application_id = admission.submit(self.session, read_application(form), self.moment(day))["id"]
        for step in steps:
            day = self.calendar.next_working_day(day)
            at = self.moment(day)
            if step == "check":
                admission.check(self.session, application_id, at, complete=True)
            elif step == "refuse":
                admission.check(self.session, application_id, at, complete=False, reasons=refusal)
            elif step in ("pass", "fail"):
                admission.record_test(self.session, application_id, at, score=PASS if step == "pass" else FAIL,
                                      proctoring_passed=True)
            else:
                getattr(admission, step)(self.session, application_id, at)


def number_registry(session: Session) -> None:
    """Registry numbers (App 1, column 1) for independent experts who have none, in order of inclusion."""
    last = session.scalar(select(func.max(m.StaffMember.registry_number))) or 0
    unnumbered = session.scalars(select(m.StaffMember).where(
        m.StaffMember.role == m.StaffRole.INDEPENDENT, m.StaffMember.registry_number.is_(None))
        .order_by(m.StaffMember.included_on, m.StaffMember.id))
    for number, expert in enumerate(unnumbered, start=last + 1):
        expert.registry_number = number


def applicants(session: Session, seed: int, today: datetime) -> int:
    """Adds the applicants of ``PLANS`` and lets the windows that ran out refuse theirs."""
    number_registry(session)
    making = _Applicants(session, random.Random(seed), today)
    expert = session.scalar(select(m.StaffMember).where(m.StaffMember.role == m.StaffRole.INDEPENDENT,
                                                       m.StaffMember.status == m.RegistryStatus.INCLUDED)
                            .order_by(m.StaffMember.id.desc()).limit(1))
    for number, (back, steps) in enumerate(PLANS):
        if steps[-1:] == ("include",) and expert is None:
            continue  # a demonstration without independent experts has no one to include
        making.take(back, steps, REFUSALS[number % len(REFUSALS)], expert if steps[-1:] == ("include",) else None)
    session.flush()
    admission.tick(session, today)
    return session.scalar(select(func.count(m.RegistryApplication.id))) or 0
