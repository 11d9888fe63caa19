"""Printed documents (§49-53, App 4, 8, 16-24, 26; Registry Rules App 1): reading what a form
shows, allocating series and numbers, recording paper copies printed on request (§51 part 2)
and checking a document by the text of its QR code.

Series and numbers (App 8 items 32.1-32.6): the series is the issuing department's code and
the year (``75-03/25``), the number runs per kind of document within the series.  Numbers are
allocated under a lock — a write lock taken by the transaction's first statement on SQLite,
a transaction-scoped advisory lock on PostgreSQL — so two workstations issuing at the same
moment never get the same number, and a number once given is never given again."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..documents.layout import DepartmentHeading
from ..documents.paper import ActPaper, Issued
from ..domain.clock import KZ_TIME
from ..domain.regions import region_by_code
from ..errors import UserError
from ..storage import Database

QR_PREFIX = "SRPT1"
HASH_LENGTH = 16
NUMBER_LOCK = 80_260_051  # PostgreSQL advisory lock key of document numbering (order 260, §51)


def series_for(department_code: str, year: int) -> str:
    """"75-03/25": the department and the year (App 19-23 "серия")."""
    return f"{department_code}/{year % 100:02d}"


def heading(department: m.Department) -> DepartmentHeading:
    region = region_by_code(department.region_code)
    return DepartmentHeading(region_kk=region.name_kk, region_ru=region.name_ru, number=department.number,
                             address=department.address, head_name=department.head_name, code=department.code,
                             methodology=department.kind == m.DepartmentKind.METHODOLOGY_CONTROL)


def address_text(address: dict | None) -> str:
    if not address:
        return ""
    house, apartment = address.get("house"), address.get("apartment")
    parts = [address.get("region"), address.get("locality"), address.get("street"),
             house and f"д. {house}", apartment and f"кв. {apartment}"]
    return ", ".join(p for p in parts if p)


def _find_act(session: Session, number: str) -> m.DraftAct:
    if not (len(number) == 14 and number.isascii() and number.isdigit()):  # §25.1
        raise UserError("A draft act number has 14 digits (YYYYMMDD and a 6-digit sequence number).")
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number).options(
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision),
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert)))
    if act is None:
        raise UserError("There is no draft act with the number {number}.", number=number)
    return act


def _issued(session: Session, act_id: int) -> dict[str, Issued]:
    rows = session.scalars(select(m.IssuedDocument).where(m.IssuedDocument.act_id == act_id)
                           .order_by(m.IssuedDocument.id))
    return {d.kind: Issued(d.kind, d.series, d.number, d.issued_at) for d in rows}


def _appeal(session: Session, act_id: int) -> dict | None:
    """The latest appeal or control re-examination a control department concludes (App 8 appendix:
    "консультация, обжалование (контроль)"; §54, §56, §73), the concluded one first."""
    appeal = session.scalar(select(m.Appeal).where(m.Appeal.act_id == act_id, m.Appeal.kind.in_(
        ("proactive", "in_person", "control"))).order_by(m.Appeal.decision.is_(None), m.Appeal.id.desc()).limit(1))
    if appeal is None:
        return None
    control = appeal.control_department
    return {"kind": appeal.kind, "filed_at": appeal.filed_at, "registered_at": appeal.registered_at,
            "registration_number": appeal.registration_number, "concluded_at": appeal.concluded_at,
            "decision": appeal.decision, "status": appeal.status,
            "control": heading(control) if control is not None else None}


def _control_protocol(session: Session, act_id: int) -> dict | None:
    """The latest App 26 protocol of a control re-examination of the act (§73-2)."""
    case = session.scalar(select(m.Appeal).where(m.Appeal.act_id == act_id, m.Appeal.kind == "control",
                                                 m.Appeal.suspended_at.is_not(None)).order_by(m.Appeal.id.desc()))
    if case is None:
        return None
    return {"number": case.protocol_number, "at": case.suspended_at, "ground": case.text,
            "invited_at": case.invited_at, "invitation": case.invitation, "control": heading(case.control_department)}


def act_paper(session: Session, number: str) -> ActPaper:
    """Everything the forms of one act print (App 8, 19-23, 4, 26)."""
    act = _find_act(session, number)
    if act.person is None:  # §25.2: an expert's workstation holds no person; the department prints
        raise UserError("Draft act {number} is an expert's depersonalised copy; its forms are printed at "
                        "the department.", number=act.number)
    person, conclusion = act.person, act.conclusion
    panel = [a for a in act.assignments if not a.withdrawn]
    signer = session.get(m.StaffMember, conclusion.signed_by_id) if conclusion and conclusion.signed_by_id else None
    return ActPaper(
        number=act.number, registered_at=act.registered_at, purpose=act.purpose,
        kind="repeat" if act.purpose == "disability_repeat" else "primary", status=act.status,
        heading=heading(act.department), full_name=person.full_name, iin=person.iin,
        birth_date=person.birth_date, age=act.age_years, sex=act.sex, working=act.working,
        address=address_text(person.registration_address),
        diagnosis_main=f"{act.diagnosis_main_icd10} {act.diagnosis_main_text}".strip(),
        diagnoses_concomitant=act.concomitant_summary,
        decision=(conclusion.decision or {}) if conclusion else {},
        proactive=conclusion.proactive if conclusion else True,
        concluded_at=conclusion.concluded_at if conclusion else None,
        arrived_at=conclusion.arrived_at if conclusion else None,
        signed_at=conclusion.signed_at if conclusion else None,
        signed_by=signer.full_name if signer else act.department.head_name,
        experts=[(a.role, a.expert.full_name) for a in panel],
        decisions=[a.decision.content if a.decision else {} for a in panel],
        issued=_issued(session, act.id), appeal=_appeal(session, act.id), control=_control_protocol(session, act.id),
        clinical=act.clinical or {})


# -- series and numbers ------------------------------------------------------------------------
def _lock_numbering(session: Session) -> None:
    """Takes the numbering lock as the transaction's first statement (see the module's description)."""
    if session.bind.dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(NUMBER_LOCK)))
    else:  # any UPDATE takes SQLite's write lock, waiting (busy_timeout) for another writer
        session.execute(text("UPDATE document_counter SET last_number = last_number WHERE 1 = 0"))


def _next_number(session: Session, department: m.Department, year: int, kind: str) -> int:
    counter = session.get(m.DocumentCounter, (department.id, year, kind))
    if counter is None:  # first of the year: after any number already in the series (demo data, older imports)
        series = series_for(department.code, year)
        stored = session.scalars(select(m.IssuedDocument.number).where(
            m.IssuedDocument.kind == kind, m.IssuedDocument.series == series))
        counter = m.DocumentCounter(department_id=department.id, year=year, kind=kind,
                                    last_number=max((int(n) for n in stored if n.isdigit()), default=0))
        session.add(counter)
    counter.last_number += 1
    return counter.last_number


def issue(db: Database, number: str, kind: str, at: datetime) -> Issued:
    """The document ``kind`` of act ``number``: the one already issued, or a new one with the next
    number of its department's series of the year of ``at``."""
    with db.session() as session:
        _lock_numbering(session)
        act = _find_act(session, number)
        existing = session.scalar(select(m.IssuedDocument).where(m.IssuedDocument.act_id == act.id,
                                                                 m.IssuedDocument.kind == kind))
        if existing is None:
            year = at.astimezone(KZ_TIME).year
            existing = m.IssuedDocument(
                act_id=act.id, kind=kind, department_id=act.department_id, series=series_for(act.department.code, year),
                number=f"{_next_number(session, act.department, year, kind):07d}", issued_at=at, printed_count=0)
            session.add(existing)
            session.flush()
        return Issued(existing.kind, existing.series, existing.number, existing.issued_at)


def issue_due(session: Session, due: m.DueDocument) -> m.IssuedDocument:
    """Issues a document a signed conclusion calls for (§51) on the day it became due, with the next
    number of its department's series of that year."""
    act = session.get(m.DraftAct, due.act_id)
    year = due.due_since.astimezone(KZ_TIME).year
    issued = m.IssuedDocument(act_id=act.id, kind=due.kind, department_id=act.department_id,
                              series=series_for(act.department.code, year), issued_at=due.due_since, printed_count=0,
                              number=f"{_next_number(session, act.department, year, due.kind):07d}")
    session.add(issued)
    session.flush()
    due.issued_document_id = issued.id
    return issued


# -- checkable paper ---------------------------------------------------------------------------
def content_hash(content: dict) -> str:
    """A hash of what a document says (identity and legally meaningful values)."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class QrIdentity:
    """What a QR code of a certificate or notice says: kind, series, number, date, act, hash."""

    kind: str
    series: str
    number: str
    issued_on: date
    act_number: str
    digest: str

    def text(self) -> str:
        return "|".join((QR_PREFIX, self.kind, self.series, self.number, self.issued_on.isoformat(),
                         self.act_number, self.digest))

    @classmethod
    def parse(cls, payload: str) -> QrIdentity | None:
        parts = payload.strip().split("|")
        if len(parts) != 7 or parts[0] != QR_PREFIX:
            return None
        try:
            issued_on = date.fromisoformat(parts[4])
        except ValueError:
            return None
        return cls(parts[1], parts[2], parts[3], issued_on, parts[5], parts[6])


def record_print(session: Session, issued: Issued, digest: str, user: str, at: datetime) -> int:
    """Stores the content hash of the printed document and records the copy (§51 part 2);
    returns the copy's number."""
    document = session.scalar(select(m.IssuedDocument).where(
        m.IssuedDocument.kind == issued.kind, m.IssuedDocument.series == issued.series,
        m.IssuedDocument.number == issued.number))
    copy = document.printed_count + 1
    session.execute(update(m.IssuedDocument).where(m.IssuedDocument.id == document.id).values(
        content_hash=digest, printed_count=m.IssuedDocument.printed_count + 1))
    session.add(m.DocumentPrint(document_id=document.id, printed_at=at, user=user[:100], copy=copy))
    return copy


def verify(session: Session, payload: str) -> dict:
    """valid: the database issued this document with this content; altered: it issued the
    document, but the paper says something else; unknown: no such document was issued."""
    identity = QrIdentity.parse(payload)
    if identity is None:
        return {"result": "unknown"}
    row = session.execute(select(m.IssuedDocument, m.DraftAct.number).outerjoin(m.DraftAct).where(
        m.IssuedDocument.kind == identity.kind, m.IssuedDocument.series == identity.series,
        m.IssuedDocument.number == identity.number)).first()
    if row is None:
        return {"result": "unknown"}
    document, act_number = row
    issued_on = document.issued_at.astimezone(KZ_TIME).date()
    same = (document.content_hash == identity.digest and issued_on == identity.issued_on
            and act_number == identity.act_number)
    return {"result": "valid" if same else "altered", "kind": document.kind, "series": document.series,
            "number": document.number, "issued": issued_on.isoformat(), "act": act_number}
