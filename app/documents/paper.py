"""What a printed form about one act shows, as plain data read from the models (no database
session is needed to build a form); which result documents an act's paper calls for (§51); and
the paper as the canonical content an issued document keeps (``content`` / ``from_content``):
a reprint is rendered from that, never from the database as it is now."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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


@dataclass(frozen=True)
class ActPaper:
    """An act with its person, department, decision and issued documents (App 8); read once,
    then only read (``dataclasses.replace`` makes the paper of another conclusion)."""

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
    established: date | None = None  # §73-3: a control department's result applies from its own date

    @property
    def established_on(self) -> date:
        """The date of establishing: a control department's result applies from its own date (§73-3);
        of the person's applying to the department when examined in person (§24.1, after §45), else
        the date the draft act was formed (§24.2)."""
        return self.established or local_date(self.arrived_at if self.arrived_at and not self.proactive
                                              else self.registered_at)

    @property
    def signed_on(self) -> date | None:
        return local_date(self.signed_at or self.concluded_at)


# -- which result documents a paper calls for (§51 items 1, 4-7) ---------------------------------------
def _signed(p: ActPaper) -> bool:
    return p.status == "signed"


def _has(key: str) -> Callable[[ActPaper], bool]:
    return lambda p: _signed(p) and bool(p.decision.get(key))


RESULT_DOCUMENTS: dict[str, Callable[[ActPaper], bool]] = {
    "disability-certificate": lambda p: _signed(p) and p.decision.get("group") not in (None, "none"),  # §51.1
    "uot-certificate": _has("uot_percent"),  # §51.4
    "upt-certificate": _has("upt_percent"),  # §51.5
    "care-conclusion": _has("care_needs"),  # §51.6
    # §51.7: "при непризнании ... лицом с инвалидностью при очередном переосвидетельствовании"
    "non-establishment-notice": lambda p: _signed(p) and p.kind == "repeat" and p.decision.get("group") == "none",
}


def calls_for(kind: str, paper: ActPaper) -> bool:
    """Whether the conclusion on ``paper`` gives the result document ``kind``."""
    return RESULT_DOCUMENTS[kind](paper)


# -- the canonical content an issued document keeps ---------------------------------------------------
_TAGS = {"datetime": datetime, "date": date}


def _encoded(value):
    if isinstance(value, datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, DepartmentHeading):
        return {"$": "heading", "v": _encoded(dataclasses.asdict(value))}
    if isinstance(value, dict):
        return {str(k): _encoded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encoded(v) for v in value]
    return value


def _decoded(value):
    if isinstance(value, dict):
        tag = value.get("$")
        if tag in _TAGS:
            return _TAGS[tag].fromisoformat(value["v"])
        if tag == "heading":
            return DepartmentHeading(**_decoded(value["v"]))
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


def content(paper: ActPaper) -> dict:
    """The paper as JSON-ready data (dates, moments and the heading tagged), without the other
    documents of the act (``issued``), which are not part of what a result document says."""
    fields = {f.name: getattr(paper, f.name) for f in dataclasses.fields(paper) if f.name != "issued"}
    return _encoded(fields)


def from_content(data: dict) -> ActPaper:
    """The paper an issued document was rendered from (:func:`content` read back)."""
    known = {f.name for f in dataclasses.fields(ActPaper)}
    values = {k: v for k, v in _decoded(data).items() if k in known}
    values["experts"] = [tuple(pair) for pair in values.get("experts", [])]
    return ActPaper(**values)
