"""Demonstration data: departments in every region, experts and their absences, and draft
acts in every state of the proactive pipeline, with realistic names, valid IINs and App 15
diagnoses.

Every act is consistent with the MSE Rules: its number follows the order of arrival
(§25.1), its panel is extraterritorial (§25.4), its decisions fit its status (§44-48) and
pass ``rules.check``, and a signed act has its result document (§49-51).

Rows are written with bulk inserts in chunks so that 100,000 acts take seconds.  They are
given their primary keys beforehand (so that rows can refer to each other); on PostgreSQL
the id sequences are moved past them at the end.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from .. import models as m
from ..domain.states import AssignmentRole
from ..models import figures
from ..models.base import SyncMixin, new_uid
from ..domain import names, settings
from ..domain.app15 import APP15_ITEMS, App15Item, Kind
from ..domain.clock import KZ_TIME, now_kz
from ..domain.collation import full_name, sort_key
from ..domain.deadlines import due as due_rule
from ..domain.iin import SEXES, Sex, make_iin
from ..domain.regions import REGIONS
from ..domain.rules import AgeBand, add_months, age_band, age_on, suggest_group
from ..domain.rules.checking import MARK_REASONS
from ..errors import UserError
from ..storage import Database, record_audit
from . import documents, production_calendar, workstation
from .intake import drafting
from .appeals import demo as appeals_demo
from .appeals import demo_replacements
from .review import demo as in_person_demo
from .registry import demo as registry_demo
from .statistics import demo as statistics_demo
from . import access

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
ACTS_PER_DAY = 450  # proactive referrals per working day nationally (docs/domain.md §2)
PURPOSE_WEIGHTS = {"disability_primary": 40, "disability_repeat": 45, "uot": 5, "ipr": 6, "ipr_correction": 4}
NOT_ESTABLISHED_SHARE = 0.1  # of concluded repeat examinations: disability not established (App 23)

CAUSE_BY_BAND = {"under_7": "child_under_7", "7_18": "child_7_18", "adult": "general_disease"}  # §27.5, .6, .1
TERMS_BY_BAND = {"under_7": ("1y", "2y", "until_7"), "7_18": ("1y", "2y", "until_18"),
                 "adult": ("1y", "2y", "5y")}  # §30, three of each band's terms
CERTIFICATE = "disability-certificate"  # App 19
NOT_ESTABLISHED_NOTICE = "non-establishment-notice"  # App 23

CONCOMITANT = [("I10", "Эссенциальная гипертензия"), ("E11.9", "Сахарный диабет 2 типа"),
               ("I25.1", "Атеросклеротическая болезнь сердца"), ("K29.5", "Хронический гастрит"),
               ("J44.9", "Хроническая обструктивная болезнь лёгких"), ("E66.0", "Ожирение")]


SPECIALTIES = [item for item in APP15_ITEMS if item.ranges]  # item 1 is a heading without codes
STAFF_PROFILE = "Все нозологические формы приложения 15"


def profile(item) -> list[str]:
    """ICD-10 ranges of one App 15 item, or of all of them."""
    return ["-".join(r) for each in ((item,) if item else APP15_ITEMS) for r in each.ranges]


def _icd10_codes() -> list[tuple[str, str, App15Item]]:
    """Concrete codes inside the App 15 ranges, with the item's name and the item itself."""
    return [(code, item.name_ru, item) for item in APP15_ITEMS for code in item.codes()]


class _Rows:
    """Rows waiting for a bulk insert, by table, each given its primary key beforehand (after
    the largest stored one).  Tables are inserted in the order of their first row, which is
    parents before children."""

    def __init__(self, session: Session):
        self.session = session
        self.next_id: dict[type[m.Base], int] = {}
        self.pending: dict[type[m.Base], list[dict]] = {}

    def new_id(self, model) -> int:
        if model not in self.next_id:
            self.next_id[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1
        row_id = self.next_id[model]
        self.next_id[model] = row_id + 1
        return row_id

    def add(self, model, **row) -> int:
        """Queues ``row`` and returns its id (a new one unless ``row`` has it)."""
        if "id" not in row:
            row["id"] = self.new_id(model)
        self.pending.setdefault(model, []).append(row)
        return row["id"]

    def take(self) -> dict[type[m.Base], list[dict]]:
        pending, self.pending = self.pending, {}
        return pending


class _Panels:
    """Extraterritorial experts (§25.4): a department head and two chief specialists from
    regions other than the person's; independent experts of the registry act as chief
    specialists (§17 part 2), unless excluded from it."""

    def __init__(self, experts: list[dict]):
        available = [e for e in experts if e["status"] != m.RegistryStatus.EXCLUDED]
        heads = [e for e in available if e["role"] == m.StaffRole.HEAD]
        specialists = [e for e in available if e["role"] != m.StaffRole.HEAD]
        self.heads = {r.code: [e["id"] for e in heads if e["region_code"] != r.code] for r in REGIONS}
        self.specialists = {r.code: [e["id"] for e in specialists if e["region_code"] != r.code] for r in REGIONS}

    def possible(self, region_code: str) -> bool:
        return bool(self.heads[region_code]) and len(self.specialists[region_code]) >= 2

    def choose(self, rng: random.Random, region_code: str) -> list[tuple[int, str]]:
        """(expert id, role) of the head and the two specialists."""
        return [(rng.choice(self.heads[region_code]), AssignmentRole.HEAD)] + [
            (expert, AssignmentRole.SPECIALIST) for expert in rng.sample(self.specialists[region_code], 2)]


@dataclass
class _Review:
    """The experts' decisions in order of arrival and their consolidation (§44-48)."""

    decisions: list[dict] = field(default_factory=list)
    route: str | None = None  # of the Conclusion row; None while the experts are still deciding
    decision: dict | None = None  # the decision that stands (route "concluded")
    agreeing: int = 0


class DemoBuilder:
    def __init__(self, session: Session, rng: random.Random, today: datetime, progress: Progress | None):
        self.session = session
        self.rng = rng
        self.today = today
        self.calendar = production_calendar.load(session)
        self.progress = progress or (lambda done, total: None)
        self.used_iins: set[str] = set(session.scalars(select(m.Person.iin)))
        self.serial = 0
        self.rows = _Rows(session)
        self.inserted: set[str] = set()  # tables that received rows with explicit ids
        self.document_numbers: dict[tuple[str, str], int] = {}  # last number of each kind of document in a series
        self.department_codes: dict[int, str] = {}
        self.codes = _icd10_codes()
        self._localities = {region.code: names.localities_in(region.code) for region in REGIONS}

    # -- helpers ---------------------------------------------------------------------------
    def _flush(self) -> None:
        """Writes the pending rows, one Core executemany per table and chunk."""
        connection = self.session.connection()
        stamp = m.utcnow()
        for model, rows in self.rows.take().items():
            if issubclass(model, SyncMixin):  # given here, the defaults are not evaluated row by row
                for row in rows:
                    row["uid"], row["updated_at"] = new_uid(), stamp
            for start in range(0, len(rows), CHUNK):
                connection.execute(m.table_of(model).insert(), rows[start:start + CHUNK])
            self.inserted.add(model.__tablename__)

    def advance_sequences(self) -> None:
        """PostgreSQL hands out ids from a sequence that explicit ids do not move: set each to
        the largest id, or the next ordinary insert would collide with a demo row."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for table in sorted(self.inserted):
            self.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f"(SELECT MAX(id) FROM {table}))"))

    def _person_name(self, sex: Sex) -> dict:
        last, first, middle = names.random_person_name(self.rng, sex)
        return {"last_name": last, "first_name": first, "middle_name": middle,
                "sort_name": sort_key(full_name(last, first, middle))}

    def _iin(self, birth: date, sex: Sex) -> str:
        while True:
            self.serial = (self.serial + 1) % 10_000
            iin = make_iin(birth, sex, self.serial)
            if iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin

    def _birth_date(self, age_years: int, on: date) -> date:
        """A birth date of someone who is ``age_years`` full years old on ``on``."""
        return add_months(on, -12 * age_years) - timedelta(days=self.rng.randrange(365))

    def _address(self, region) -> dict:
        _kazakh, locality = self.rng.choice(self._localities[region.code])
        return {"region": region.name_ru, "locality": locality, "street": self.rng.choice(names.STREETS),
                "house": str(self.rng.randrange(1, 120)), "apartment": str(self.rng.randrange(1, 200))}

    def _shuffled(self, items: list) -> list:
        self.rng.shuffle(items)
        return items

    # -- organisation ----------------------------------------------------------------------
    def departments(self) -> list[dict]:
        """Per region: general departments, one paediatric, one methodology-and-control (§6);
        a region that has departments already keeps just those."""
        served = set(self.session.scalars(select(m.Department.region_code)))
        for region in (r for r in REGIONS if r.code not in served):
            kinds = [m.DepartmentKind.GENERAL] * self.rng.randint(2, 4) + [
                m.DepartmentKind.PAEDIATRIC, m.DepartmentKind.METHODOLOGY_CONTROL]
            for number, kind in enumerate(kinds, start=1):
                code = workstation.department_code(region.code, number)
                last, first, middle = names.random_person_name(self.rng, self.rng.choice(SEXES))
                self.rows.add(m.Department, code=code, region_code=region.code, kind=kind, number=number,
                              address=f"{region.center_ru}, {self.rng.choice(names.STREETS)}, "
                                      f"{self.rng.randrange(1, 90)}",
                              head_name=full_name(last, first, middle))
        self._flush()
        return [dict(id=d.id, code=d.code, region_code=d.region_code, kind=d.kind, number=d.number)
                for d in self.session.scalars(select(m.Department))]

    def experts(self, count: int, departments: list[dict]) -> list[dict]:
        """Department heads and chief specialists (§25.4), and independent experts (§17): four
        to a department (a head, two chief specialists, an independent), the departments taken
        region after region so that even a few experts can form extraterritorial panels."""
        working = sorted((d for d in departments if d["kind"] != m.DepartmentKind.METHODOLOGY_CONTROL),
                         key=lambda d: (d["number"], d["region_code"]))
        roles = (m.StaffRole.HEAD, m.StaffRole.SPECIALIST, m.StaffRole.SPECIALIST, m.StaffRole.INDEPENDENT)
        experts = [self._expert(roles[i % 4], working[(i // 4) % len(working)]) for i in range(count)]
        self._flush()
        return experts

    def _expert(self, role: m.StaffRole, department: dict) -> dict:
        """Department staff examine every form of App 15; an independent expert the forms of
        one specialty (Registry Rules p. 6.2, App 1), by which selection goes (§25.4)."""
        sex = self.rng.choice(SEXES)
        birth = self._birth_date(self.rng.randint(30, 62), self.today.date())
        item = self.rng.choice(SPECIALTIES)
        independent = role == m.StaffRole.INDEPENDENT
        excluded = independent and self.rng.random() < 0.1
        included = self.today.date() - timedelta(days=self.rng.randrange(30, 700))
        status = (m.RegistryStatus.EXCLUDED if excluded else m.RegistryStatus.INCLUDED if independent
                  else m.RegistryStatus.ACTIVE)
        expert_id = self.rows.new_id(m.StaffMember)
        row = {"id": expert_id, "role": role, "iin": self._iin(birth, sex), **self._person_name(sex),
               "region_code": department["region_code"], "department_id": None if independent else department["id"],
               "phone": f"+7701{self.rng.randrange(10**7):07d}", "email": f"expert{expert_id}@example.kz",
               "specialty_profile": item.profile() if independent else STAFF_PROFILE,
               "nosologies": profile(item if independent else None), "status": status,
               "included_on": included if independent else None,
               "excluded_on": included + timedelta(days=20) if excluded else None,
               "exclusion_reason": 3 if excluded else None}
        self.rows.add(m.StaffMember, **row)
        return row

    # -- the pipeline ----------------------------------------------------------------------
    def _registered_at(self, index: int, total: int) -> datetime:
        """Spread over as many past days as the national pace needs (at least 30), newest last,
        during office hours."""
        span = max(30, total * 7 // (5 * ACTS_PER_DAY))
        day = self.today.date() - timedelta(days=span - (span * index) // max(total, 1))
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return datetime.combine(day, time(9), tzinfo=KZ_TIME) + timedelta(minutes=self.rng.randrange(9 * 60))

    def _act_numbers(self, arrivals: list[datetime]) -> list[str]:
        """§25.1: the date of receipt and the day's sequence number, given in order of arrival
        after the numbers the day already has (``arrivals`` are sorted)."""
        day_of = func.substr(m.DraftAct.number, 1, 8)
        last = {day: int(number[8:]) for day, number in
                self.session.execute(select(day_of, func.max(m.DraftAct.number)).group_by(day_of))}
        numbers = []
        for arrival in arrivals:
            day = f"{arrival:%Y%m%d}"
            last[day] = last.get(day, 0) + 1
            numbers.append(f"{day}{last[day]:06d}")
        drafting.raise_counters(self.session.connection(), last)  # intake numbers after these
        return numbers

    def _status(self, day: date) -> m.ActStatus:
        weights = RECENT_STATUS_WEIGHTS if (self.today.date() - day).days <= RECENT_DAYS else OLDER_STATUS_WEIGHTS
        return self.rng.choices(tuple(weights), tuple(weights.values()))[0]

    def _conclusion(self, band: AgeBand, degree: int) -> dict:
        """An expert's conclusion (docs/interfaces.md §3) for the highest degree of restriction:
        the group follows from the restrictions (§58-61, §26: under 7 ``child``), work capacity
        is restricted for adults only (not counted under 7, §61), the cause follows from the
        age (§27), and without any restriction nothing is established (§19)."""
        restrictions = {"self_care": max(degree - 1, 0), "mobility": degree,
                        "work": degree if band == "adult" else 0}
        group = suggest_group(restrictions, band)
        established = group != "none"
        return {"outcome": "conclusion", "reasons": [], "group": group,
                "cause": CAUSE_BY_BAND[band] if established else None,
                "term": self.rng.choice(TERMS_BY_BAND[band]) if established else None,
                "uot_percent": None, "upt_percent": None, "restrictions": restrictions,
                "rehab_prognosis": "relatively_favorable", "rehab_potential": "satisfactory"}

    def _reasons(self, outcome: str) -> list[str]:
        return self.rng.sample(MARK_REASONS[outcome], self.rng.randint(1, 2))

    def _marked(self, outcome: str, conclusion: dict) -> list[dict]:
        """Two or three experts make the mark ``outcome`` (§44, §45), the others conclude."""
        marks = self.rng.choice((2, 3))
        return self._shuffled([{"outcome": outcome, "reasons": self._reasons(outcome)} for _ in range(marks)]
                              + [conclusion] * (3 - marks))

    def _review(self, status: m.ActStatus, band: AgeBand, kind: Kind) -> _Review:
        """Decisions that lead to ``status``, compared on the whole decision (docs/domain.md §2.5)."""
        if status == m.ActStatus.WAITING:
            return _Review()
        final = status in (m.ActStatus.CONCLUDED, m.ActStatus.SIGNED)
        not_established = final and kind == "repeat" and self.rng.random() < NOT_ESTABLISHED_SHARE
        verdict = self._conclusion(band, 0 if not_established else self.rng.randint(1, 3))
        if status == m.ActStatus.UNDER_REVIEW:
            return _Review([verdict] * self.rng.randint(0, 2))
        if status == m.ActStatus.REJECTED:  # §44: two or three "poorly completed"
            return _Review(self._marked("poor_quality", verdict), "rejected_poor_quality")
        if status == m.ActStatus.IN_PERSON:  # §45: two or three mismatch marks, or three groups (1/1/1)
            if band == "under_7" or self.rng.random() < 0.5:  # under 7 there is one category only (§26)
                return _Review(self._marked("mismatch", verdict), "in_person")
            return _Review(self._shuffled([self._conclusion(band, degree) for degree in (1, 2, 3)]), "in_person")
        if status == m.ActStatus.HEAD_DECIDES:  # §47: three different decisions, one group
            return _Review(self._shuffled([{**verdict, "term": term} for term in TERMS_BY_BAND[band]]),
                           "head_decides")
        # §44-48 (docs/domain.md §2.5): the decision of two or three experts stands; a dissenter gives another term
        agreeing = 3 if not_established or self.rng.random() < 0.7 else 2
        dissent = {**verdict, "term": next(t for t in TERMS_BY_BAND[band] if t != verdict["term"])}
        return _Review(self._shuffled([verdict] * agreeing + [dissent] * (3 - agreeing)), "concluded", verdict,
                       agreeing)

    def _arrivals(self, registered: datetime, deadline: datetime, count: int) -> list[datetime]:
        """When ``count`` decisions arrived: before the §20.3 deadline, and not in the future."""
        window = (min(deadline, self.today) - registered).total_seconds()
        return sorted(registered + timedelta(seconds=self.rng.random() * window) for _ in range(count))

    def _signed_at(self, concluded: datetime) -> datetime:
        """§48: the head signs on the day the act arrives, in the following hours."""
        end_of_day = datetime.combine(concluded.astimezone(KZ_TIME).date(), time(23, 59), tzinfo=KZ_TIME)
        return concluded + (min(end_of_day, self.today) - concluded) * self.rng.random()

    def _person(self, region, birth: date, sex: Sex) -> int:
        iin = self._iin(birth, sex)
        return self.rows.add(m.Person, iin=iin, **self._person_name(sex), birth_date=birth,
                             sex=sex, phone=f"+7707{self.rng.randrange(10**7):07d}", region_code=region.code,
                             registration_address=self._address(region), legal_capacity="full",
                             language=("kk", "ru")[int(iin[-2]) % 2])  # SMS language, not drawn

    def _clinical(self, age: int, kind: Kind) -> dict:
        """The depersonalised medical part of the act: an App 15 diagnosis that admits the
        person's age and the kind of examination, concomitant diagnoses, clinical data."""
        code, name, item = self.rng.choice(self.codes)
        while not item.allows(age_years=age, kind=kind):
            code, name, item = self.rng.choice(self.codes)
        concomitant = self.rng.sample(CONCOMITANT, self.rng.randint(0, 2)) if age >= 18 else []
        return {"diagnosis_main_icd10": code, "diagnosis_main_text": name,
                "diagnoses_concomitant": [{"icd10": c, "text": t} for c, t in concomitant],
                "concomitant_summary": "; ".join(f"{c} {t}" for c, t in concomitant),
                "clinical": {"function_impairments": {"statodynamic": self.rng.randint(1, 4)}}}

    def _panel(self, act_id: int, experts: list[tuple[int, str]], registered: datetime, due_at: datetime,
               decisions: list[dict], arrivals: list[datetime]) -> None:
        """The three assignments (§25.4-25.5) and the decisions that have arrived, first ones first."""
        for position, (expert_id, role) in enumerate(experts):
            assignment_id = self.rows.add(m.Assignment, act_id=act_id, expert_id=expert_id, role=role,
                                          assigned_at=registered, due_at=due_at, withdrawn=False)
            if position < len(decisions):
                self.rows.add(m.ExpertDecision, assignment_id=assignment_id, outcome=decisions[position]["outcome"],
                              decided_at=arrivals[position], content=decisions[position], signature="")

    def _conclude(self, act_id: int, department_id: int, status: m.ActStatus, review: _Review,
                  concluded: datetime) -> None:
        """The consolidated result (§44-48); a signed one with its document (§49-51)."""
        signed = self._signed_at(concluded) if status == m.ActStatus.SIGNED else None
        self.rows.add(m.Conclusion, act_id=act_id, route=review.route, decision=review.decision,
                      agreeing=review.agreeing, concluded_at=concluded, proactive=True, signed_at=signed)
        if signed and review.decision is not None:  # a signed conclusion states its decision
            self._document(act_id, department_id, review.decision, signed)

    def _document(self, act_id: int, department_id: int, decision: dict, issued: datetime) -> None:
        """The certificate of disability (App 19), or the notice that disability was not
        established (App 23), numbered within its kind and its department's series of the year."""
        kind = CERTIFICATE if decision["group"] != "none" else NOT_ESTABLISHED_NOTICE
        series = documents.series_for(self.department_codes[department_id], issued.astimezone(KZ_TIME).year)
        if (kind, series) not in self.document_numbers:
            stored = self.session.scalars(select(m.IssuedDocument.number).where(
                m.IssuedDocument.kind == kind, m.IssuedDocument.series == series))
            self.document_numbers[kind, series] = max((int(n) for n in stored if n.isdigit()), default=0)
        self.document_numbers[kind, series] += 1
        self.rows.add(m.IssuedDocument, act_id=act_id, kind=kind, series=series, department_id=department_id,
                      number=f"{self.document_numbers[kind, series]:07d}", issued_at=issued, printed_count=0,
                      content_hash="")

    def _act(self, registered: datetime, number: str, region, department_id: int, panels: _Panels) -> None:
        """One draft act and its person, and as far as its status goes: the panel, the
        decisions, the conclusion and the document."""
        day = registered.date()
        sex = self.rng.choice(SEXES)
        birth = self._birth_date(self.rng.choice((self.rng.randint(1, 17), self.rng.randint(18, 85),
                                                  self.rng.randint(40, 75))), day)
        age = age_on(birth, day)  # full years on the date of receipt
        status = self._status(day)
        purpose = self.rng.choices(tuple(PURPOSE_WEIGHTS), tuple(PURPOSE_WEIGHTS.values()))[0]
        kind: Kind = "repeat" if purpose == "disability_repeat" else "primary"
        review = self._review(status, age_band(age), kind)
        expert_due = due_rule("expert_decision", registered, self.calendar).at  # §20.3
        arrivals = self._arrivals(registered, expert_due, len(review.decisions))
        concluded = arrivals[-1] if review.route else None  # when the third decision arrived
        routed = concluded if review.route == "in_person" else None  # §45 counts the no-show from here
        act_id = self.rows.add(
            m.DraftAct, number=number, registered_at=registered, status=status,
            due_at=production_calendar.act_due(status, registered, self.calendar, routed_at=routed),
            department_id=department_id, person_id=self._person(region, birth, sex), purpose=purpose,
            age_years=age, sex=sex, working=18 <= age < 63 and self.rng.random() < 0.45, **self._clinical(age, kind))
        if status != m.ActStatus.WAITING:
            self._panel(act_id, panels.choose(self.rng, region.code), registered, expert_due, review.decisions,
                        arrivals)
        if concluded is not None:  # the decisions were consolidated: routed (§44-48)
            self._conclude(act_id, department_id, status, review, concluded)

    def acts(self, count: int, departments: list[dict], experts: list[dict], done_before: int, total: int) -> None:
        home: dict[str, int] = {}  # §48: the first general department of each region, as for the workstation
        self.department_codes = {d["id"]: d["code"] for d in departments}
        for d in departments:
            if d["kind"] == m.DepartmentKind.GENERAL:
                home.setdefault(d["region_code"], d["id"])
        panels = _Panels(experts)
        regions = [r for r in REGIONS if r.code in home and panels.possible(r.code)]
        arrivals = sorted(self._registered_at(i, count) for i in range(count))
        numbers = self._act_numbers(arrivals)
        for chunk_start in range(0, count, CHUNK):
            for i in range(chunk_start, min(count, chunk_start + CHUNK)):
                region = self.rng.choice(regions)
                self._act(arrivals[i], numbers[i], region, home[region.code], panels)
            self._flush()
            self.progress(done_before + min(count, chunk_start + CHUNK), total)

    def absences(self, experts: list[dict]) -> int:
        """Leave, sick leave and field sessions (§25.4) of about one expert in five: past ones
        ended before the open acts arrived, coming ones start after their review windows."""
        kinds = list(m.AbsenceKind)
        count = 0
        for expert in experts:
            if self.rng.random() < 0.2:
                offset = self.rng.choice((-self.rng.randint(30, 90), self.rng.randint(14, 60)))
                start = self.today.date() + timedelta(days=offset)
                self.rows.add(m.Absence, staff_member_id=expert["id"], kind=self.rng.choice(kinds),
                              starts_on=start, ends_on=start + timedelta(days=self.rng.randint(3, 14)))
                count += 1
        self._flush()
        return count


def generate(db: Database, *, acts: int, experts: int, seed: int = 1, progress: Progress | None = None,
             today: datetime | None = None) -> dict:
    """Fills ``db`` with demonstration data and makes it this workstation's department."""
    access.require_on(db, "data.demo")
    if acts < 0 or experts < 3:
        raise UserError("A demonstration needs at least 3 experts and no negative number of acts.")
    rng = random.Random(seed)
    with db.session() as session:
        builder = DemoBuilder(session, rng, today or now_kz(), progress)
        departments = builder.departments()
        expert_rows = builder.experts(experts, departments)
        builder.acts(acts, departments, expert_rows, 0, acts)
        absences = builder.absences(expert_rows)  # last: the rest of the demonstration stays as it was
        builder.advance_sequences()
        appeals = appeals_demo.appeals(session, seed, builder.today)  # §54-56, §73, through the real steps
        in_person = in_person_demo.in_person_cases(session, builder.today)  # §45 with УОТ and УПТ (App 20, 21)
        appeals += demo_replacements.replacements(session, builder.today)  # the control department's documents
        applicants = registry_demo.applicants(session, seed, builder.today)  # Registry Rules p. 6-11
        home = workstation.settings(session).department_code
        if not home:
            home = next(d["code"] for d in departments
                        if d["kind"] == m.DepartmentKind.GENERAL and d["region_code"] == "75")
            workstation.set_setting(session, settings.DEPARTMENT_CODE, home)
            workstation.set_setting(session, settings.USER_NAME, workstation.DEMO_USER)
        statistics_demo.add_quality_cases(session, seed, builder.today, home)  # the Statistics tab's cases, last
        figures.refresh(session)  # the statistics' rows of what the bulk inserts wrote
        record_audit(session, "demo", "draft_act", acts=acts, experts=experts, appeals=appeals, seed=seed)
    return {"acts": acts, "experts": experts, "departments": len(departments), "appeals": appeals,
            "in_person": in_person,
            "absences": absences, "applicants": applicants}
