"""What a printed form about one act shows, as plain data read from the models (no database
session is needed to build a form)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .layout import DepartmentHeading
from .words import local_date


@dataclass(frozen=True)
class Issued:
    """A result document's identity (App 19-23; App 8 items 32.1-32.6)."""

    kind: str
    series: str
    number: str
    issued_at: datetime

    @property
    def series_number(self) -> str:
        return f"{self.series} № {self.number}"


@dataclass
class ActPaper:
    """An act with its person, department, decision and issued documents (App 8)."""

    number: str
    registered_at: datetime
    purpose: str
    kind: str  # primary | repeat (App 8 item 7)
    status: str
    heading: DepartmentHeading
    full_name: str
    iin: str
    birth_date: date
    age: int
    sex: str
    working: bool
    address: str
    diagnosis_main: str
    diagnoses_concomitant: str
    decision: dict = field(default_factory=dict)
    proactive: bool = True
    concluded_at: datetime | None = None
    arrived_at: datetime | None = None  # §45: the person came to the department for the in-person examination
    signed_at: datetime | None = None
    signed_by: str = ""
    experts: list[tuple[str, str]] = field(default_factory=list)  # (role, full name)
    decisions: list[dict] = field(default_factory=list)  # the experts' own decisions, in panel order
    issued: dict[str, Issued] = field(default_factory=dict)
    appeal: dict | None = None  # registration, control department and its conclusion (§56, App 8 appendix)
    control: dict | None = None  # the control re-examination's no-show protocol (§73-2, App 26)
    clinical: dict = field(default_factory=dict)

    @property
    def established_on(self) -> date:
        """The date of establishing: of the person's applying to the department when examined in person
        (§24.1, after §45), else the date the draft act was formed (§24.2)."""
        return local_date(self.arrived_at if self.arrived_at and not self.proactive else self.registered_at)

    @property
    def signed_on(self) -> date | None:
        return local_date(self.signed_at or self.concluded_at)
