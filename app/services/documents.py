"""Printed documents (§49-53, App 4, 8, 16-24, 26; Registry Rules App 1): reading what a form
shows, allocating series and numbers, recording paper copies printed on request (§51 part 2)
and checking a document by the text of its QR code.

Series and numbers (App 8 items 32.1-32.6): the series is the issuing department's code and
the year (``75-03/25``), the number runs per kind of document within the series.  Numbers are
allocated under a lock — a write lock taken by the transaction's first statement on SQLite,
a transaction-scoped advisory lock on PostgreSQL — so two workstations issuing at the same
moment never get the same number, and a number once given is never given again."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..documents.layout import DepartmentHeading
from ..documents.paper import RESULT_DOCUMENTS, ActPaper, Issued, calls_for
from ..documents.paper import content as paper_content
from ..documents.paper import from_content as paper_from_content
from ..documents.words import local_date
from ..domain import appeals as appeal_rules
from ..domain.clock import KZ_TIME
from ..domain.regions import region_by_code
from ..errors import UserError
from ..i18n import N_
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
    """The address in one line: region, district, locality, street, house, flat — a part that
    repeats the one before (a city of republican significance is its own region) said once."""
    if not address:
        return ""
    house, apartment = address.get("house"), address.get("apartment")
    parts = [address.get("region"), address.get("district"), address.get("locality"), address.get("street"),
             house and f"д. {house}", apartment and f"кв. {apartment}"]
    shown: list[str] = []
    for part in (str(p).strip() for p in parts if p):
        if part and (not shown or part.casefold() != shown[-1].casefold()):
            shown.append(part)
    return ", ".join(shown)


def _find_act(session: Session, number: str) -> m.DraftAct:
    if not (len(number) == 14 and number.isascii() and number.isdigit()):  # §25.1
        raise UserError("A draft act number has 14 digits (YYYYMMDD and a 6-digit sequence number).")
    act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number).options(
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision),
        selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert)))
    if act is None:
        raise UserError("There is no draft act with the number {number}.", number=number)
    return act


def _issued(session: Session, act_id: int, appeal_id: int | None = None) -> dict[str, Issued]:
    """The documents issued on the act's own conclusion, or on the control department's ``appeal_id``
    (App 8 items 32.1-32.6, the appendix's 20.1-20.6)."""
    rows = session.scalars(select(m.IssuedDocument).where(m.IssuedDocument.act_id == act_id,
                                                          m.IssuedDocument.appeal_id.is_(appeal_id)
                                                          if appeal_id is None else
                                                          m.IssuedDocument.appeal_id == appeal_id)
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
            "control": heading(control) if control is not None else None,
            "specialists": [name for _role, name in _specialists(session, control)] if control is not None else [],
            "issued": _issued(session, act_id, appeal.id), "effective_from": appeal.effective_from}


def _control_protocol(session: Session, act_id: int) -> dict | None:
    """The latest App 26 protocol of a control re-examination of the act (§73-2)."""
    case = session.scalar(select(m.Appeal).where(m.Appeal.act_id == act_id, m.Appeal.kind == "control",
                                                 m.Appeal.suspended_at.is_not(None)).order_by(m.Appeal.id.desc()))
    if case is None:
        return None
    return {"number": case.protocol_number, "at": case.suspended_at, "ground": case.text,
            "invited_at": case.invited_at, "invitation": case.invitation,
            "control": heading(case.control_department) if case.control_department is not None else None}


def _department(act: m.DraftAct) -> m.Department:
    """The department that issues the act's forms: of the person's permanent registration (§48)."""
    if act.department is None:  # no department of the person's region is known yet
        raise UserError("Draft act {number} has no department yet; its forms are printed once it has one.",
                        number=act.number)
    return act.department


def act_paper(session: Session, number: str) -> ActPaper:
    """Everything the forms of one act print (App 8, 19-23, 4, 26)."""
    act = _find_act(session, number)
    if act.person is None:  # §25.2: an expert's workstation holds no person; the department prints
        raise UserError("Draft act {number} is an expert's depersonalised copy; its forms are printed at "
                        "the department.", number=act.number)
    person, conclusion, department = act.person, act.conclusion, _department(act)
    panel = [a for a in act.assignments if not a.withdrawn]
    signer = session.get(m.StaffMember, conclusion.signed_by_id) if conclusion and conclusion.signed_by_id else None
    return ActPaper(
        number=act.number, registered_at=act.registered_at, purpose=act.purpose,
        kind="repeat" if act.purpose == "disability_repeat" else "primary", status=act.status,
        heading=heading(department), full_name=person.full_name, iin=person.iin,
        birth_date=person.birth_date, age=act.age_years, sex=act.sex, working=act.working,
        address=address_text(person.registration_address),
        diagnosis_main=f"{act.diagnosis_main_icd10} {act.diagnosis_main_text}".strip(),
        diagnoses_concomitant=act.concomitant_summary,
        decision=(conclusion.decision or {}) if conclusion else {},
        proactive=conclusion.proactive if conclusion else True,
        concluded_at=conclusion.concluded_at if conclusion else None,
        arrived_at=conclusion.arrived_at if conclusion else None,
        signed_at=conclusion.signed_at if conclusion else None,
        signed_by=signer.full_name if signer else department.head_name,
        experts=[(a.role, a.expert.full_name) for a in panel],
        decisions=[a.decision.content if a.decision else {} for a in panel],
        issued=_issued(session, act.id), appeal=_appeal(session, act.id), control=_control_protocol(session, act.id),
        clinical=act.clinical or {})


# -- series and numbers ------------------------------------------------------------------------
def lock_numbering(session: Session) -> None:
    """Takes the numbering lock (see the module's description); as the transaction's first
    statement where it can be, so that SQLite's write lock is taken before anything is read."""
    if session.get_bind().dialect.name == "postgresql":
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


# -- what an issued document says, fixed when it is first issued ----------------------------------------
RESULT_KEYS = ("group", "cause", "term", "uot_percent", "upt_percent", "care_needs", "uot_cause", "upt_cause")


def hashed_content(paper: ActPaper, issued: Issued) -> dict:
    """What a certificate's QR hash covers: its identity, the person and the decision."""
    return {"kind": issued.kind, "series": issued.series, "number": issued.number,
            "issued": local_date(issued.issued_at).isoformat(), "act": paper.number, "name": paper.full_name,
            "birth": paper.birth_date.isoformat(), "established": paper.established_on.isoformat(),
            "decision": {k: paper.decision.get(k) for k in RESULT_KEYS}}


def _result(paper: ActPaper) -> dict:
    """The result a document states: the decision and the date it applies from."""
    return {"established": paper.established_on, "decision": {k: paper.decision.get(k) for k in RESULT_KEYS}}


def control_conclusion(session: Session, act_id: int) -> m.Appeal | None:
    """The control department's latest conclusion on the act (§54, §56, §73-3): the result
    documents follow it once it is made."""
    return session.scalar(select(m.Appeal).where(
        m.Appeal.act_id == act_id, m.Appeal.kind.in_(appeal_rules.DECIDED_KINDS), m.Appeal.decision.is_not(None),
        m.Appeal.concluded_at.is_not(None)).order_by(m.Appeal.concluded_at.desc(), m.Appeal.id.desc()).limit(1))


def _specialists(session: Session, department: m.Department) -> list[tuple[str, str]]:
    """The chief specialists of a department, as (role, name) for the signature lines."""
    return [("specialist", s.full_name) for s in session.scalars(select(m.StaffMember).where(
        m.StaffMember.department_id == department.id, m.StaffMember.role == m.StaffRole.SPECIALIST)
        .order_by(m.StaffMember.sort_name))]


def paper_on(session: Session, act: m.DraftAct, appeal: m.Appeal | None) -> ActPaper:
    """The act's paper as the conclusion ``appeal`` states it (None: the act's own): the control
    department issues, its head signs, its conclusion is the decision (§56: "вносит экспертное
    заключение в Приложение к акту МСЭ"), its §73-3 date is the date of establishing."""
    paper = act_paper(session, act.number)
    if appeal is None:
        return paper
    control = appeal.control_department or _department(act)  # a conclusion is made at a control department
    return dataclasses.replace(
        paper, heading=heading(control), signed_by=control.head_name,
        decision={k: v for k, v in (appeal.decision or {}).items() if k != "outcome"},
        concluded_at=appeal.concluded_at, signed_at=appeal.concluded_at,
        proactive=appeal.kind == appeal_rules.PROACTIVE,  # §56 concludes on the act's data, in absentia
        experts=_specialists(session, control), established=appeal.effective_from)


def _freeze(document: m.IssuedDocument, paper: ActPaper) -> dict:
    """Fixes what ``document`` says: the paper it is rendered from (returned) and the hash its QR
    code carries."""
    issued = Issued(document.kind, document.series, document.number, document.issued_at)
    document.content = paper_content(paper)
    document.content_hash = content_hash(hashed_content(paper, issued))
    return document.content


def issued_paper(session: Session, document: m.IssuedDocument) -> ActPaper:
    """What ``document`` said when it was issued; a document issued before its content was kept
    is fixed now, from the conclusion it was issued on."""
    content = document.content
    if content is None:
        act = session.get_one(m.DraftAct, document.act_id)
        content = _freeze(document, paper_on(session, act, session.get(m.Appeal, document.appeal_id)
                                             if document.appeal_id else None))
    return paper_from_content(content)


def _in_force(session: Session, act_id: int) -> dict[str, m.IssuedDocument]:
    return {d.kind: d for d in session.scalars(select(m.IssuedDocument).where(
        m.IssuedDocument.act_id == act_id, m.IssuedDocument.replaced_at.is_(None)).order_by(m.IssuedDocument.id))}


def _new_document(session: Session, act: m.DraftAct, kind: str, paper: ActPaper, at: datetime,
                  appeal: m.Appeal | None) -> m.IssuedDocument:
    """The next number of the issuing department's series of the year of ``at``, its content fixed."""
    department = appeal.control_department if appeal is not None and appeal.control_department else _department(act)
    year = at.astimezone(KZ_TIME).year
    document = m.IssuedDocument(act_id=act.id, kind=kind, department_id=department.id, appeal_id=appeal and appeal.id,
                                series=series_for(department.code, year), issued_at=at, printed_count=0,
                                number=f"{_next_number(session, department, year, kind):07d}")
    session.add(document)
    session.flush()
    _freeze(document, paper)
    return document


def follow_conclusion(session: Session, act: m.DraftAct) -> list[m.IssuedDocument]:
    """After a control department's conclusion (§54, §56, §73-3) the result documents are its:
    a document in force that it would word otherwise (or no longer gives) is replaced by a new one
    with the control department's series and number, and the documents the new conclusion gives
    are issued.  A conclusion that confirms what was issued leaves it in force.  Returns the new ones."""
    appeal = control_conclusion(session, act.id)
    in_force = _in_force(session, act.id)
    stale = {kind: d for kind, d in in_force.items() if d.appeal_id != (appeal and appeal.id)}
    if appeal is None or appeal.concluded_at is None or not stale:  # a control conclusion is always dated
        return []
    concluded_at = appeal.concluded_at
    lock_numbering(session)
    paper = paper_on(session, act, appeal)
    changed = {kind: d for kind, d in stale.items()
               if not calls_for(kind, paper) or _result(issued_paper(session, d)) != _result(paper)}
    if not changed:
        return []
    made = {kind: _new_document(session, act, kind, paper, concluded_at, appeal)
            for kind in RESULT_DOCUMENTS if calls_for(kind, paper) and (kind in changed or kind not in in_force)}
    for kind, old in changed.items():
        old.replaced_at = concluded_at
        old.replaced_by_id = made[kind].id if kind in made else None
    return list(made.values())


@dataclass(frozen=True)
class IssuedCopy:
    """A result document as it was issued: its identity, the paper it was rendered from and the
    hash its QR code carries."""

    issued: Issued
    paper: ActPaper
    digest: str


def issue(db: Database, number: str, kind: str, at: datetime) -> IssuedCopy:
    """The document ``kind`` of act ``number`` in force: the one already issued (after a control
    department's conclusion, its replacement), or a new one with the next number of the issuing
    department's series of the year of ``at``, its content fixed from the conclusion in force.
    Refused (:class:`NotGiven`) when that conclusion does not give this document."""
    with db.session() as session:  # kept even when this document is refused below
        lock_numbering(session)
        follow_conclusion(session, _find_act(session, number))
    with db.session() as session:
        lock_numbering(session)
        act = _find_act(session, number)
        document = _in_force(session, act.id).get(kind)
        if document is None:
            appeal = control_conclusion(session, act.id)
            paper = paper_on(session, act, appeal)
            if not calls_for(kind, paper):
                raise NotGiven(kind)
            document = _new_document(session, act, kind, paper, (appeal.concluded_at if appeal else None) or at, appeal)
        paper = issued_paper(session, document)  # fixed now if it was issued before its content was kept
        return IssuedCopy(Issued(document.kind, document.series, document.number, document.issued_at), paper,
                          document.content_hash)


class NotGiven(UserError):
    """The conclusion in force does not give this result document (§51)."""

    def __init__(self, kind: str):
        super().__init__(N_("The conclusion in force on the act does not give this document."))
        self.kind = kind


def issue_due(session: Session, due: m.DueDocument) -> m.IssuedDocument:
    """Issues a document a signed conclusion calls for (§51) on the day it became due, with the next
    number of its department's series of that year."""
    act = session.get_one(m.DraftAct, due.act_id)
    department = _department(act)
    year = due.due_since.astimezone(KZ_TIME).year
    issued = m.IssuedDocument(act_id=act.id, kind=due.kind, department_id=department.id,
                              series=series_for(department.code, year), issued_at=due.due_since, printed_count=0,
                              number=f"{_next_number(session, department, year, due.kind):07d}")
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


def record_print(session: Session, issued: Issued, user: str, at: datetime) -> int:
    """Records a paper copy of the issued document (§51 part 2); returns the copy's number.  What
    the document says and its hash stay as they were issued."""
    document = session.scalars(select(m.IssuedDocument).where(
        m.IssuedDocument.kind == issued.kind, m.IssuedDocument.series == issued.series,
        m.IssuedDocument.number == issued.number)).one()  # an issued document is never deleted
    copy = document.printed_count + 1
    session.execute(update(m.IssuedDocument).where(m.IssuedDocument.id == document.id).values(
        printed_count=m.IssuedDocument.printed_count + 1))
    session.add(m.DocumentPrint(document_id=document.id, printed_at=at, user=user[:100], copy=copy))
    return copy


def verify(session: Session, payload: str) -> dict:
    """valid: the database issued this document with this content and it is in force; altered: it
    issued the document, but the paper says something else than was issued; replaced: the paper is
    what was issued, but a control department's conclusion replaced it (``replaced_by``: the
    document in its place, if the new conclusion gives one); unknown: no such document was issued."""
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
    found = {"kind": document.kind, "series": document.series, "number": document.number,
             "issued": issued_on.isoformat(), "act": act_number}
    if not same:
        return {"result": "altered", **found}
    if document.replaced_at is not None:
        successor = session.get(m.IssuedDocument, document.replaced_by_id) if document.replaced_by_id else None
        return {"result": "replaced", **found, "replaced_on": local_date(document.replaced_at).isoformat(),
                "replaced_by": f"{successor.series} № {successor.number}" if successor else None}
    return {"result": "valid", **found}
