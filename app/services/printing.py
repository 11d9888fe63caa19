"""Printing: each form of ``app.documents`` filled from the database and written as a PDF
(docs/interfaces.md §4 ``saraptama print``; the window's preview and printing use the same calls).

Certificates and notices are issued (series and number, ``documents.issue``) when first
printed, carry a QR code of their identity and content hash, and every paper copy is recorded
(§51 part 2: who, when, which document, which copy)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..documents import act as act_forms
from ..documents import build, journals, lists
from ..documents import words as w
from ..documents.build import Rendered
from ..documents.paper import ActPaper, calls_for
from ..domain import appeals as appeal_rules
from ..domain import labels
from ..domain.clock import KZ_TIME, now_kz
from ..domain.regions import region_by_code
from ..domain.rules.checking import PLAUSIBLE_YEARS
from ..errors import Translatable, UserError
from ..i18n import N_
from ..output_files import checked_target, write_output
from ..storage import Database
from . import access, audit, documents, listings

@dataclass(frozen=True)
class ActDocument:
    """A form printed for one act (laid out by ``build.ACT_FORMS[kind]``): when it fits the act,
    and whether it is an issued (numbered, checkable) document."""

    title: str
    fits: Callable[[ActPaper], bool]
    refusal: str  # why it does not fit, a message id
    issued: bool = True


def _calls_for(kind: str) -> Callable[[ActPaper], bool]:
    return lambda paper: calls_for(kind, paper)


ACT_DOCUMENTS: dict[str, ActDocument] = {
    "act": ActDocument(N_("MSE act (App 8)"), lambda p: True, "", issued=False),
    "disability-certificate": ActDocument(
        N_("Certificate of disability (App 19)"), _calls_for("disability-certificate"),
        N_("no disability was established on a signed conclusion")),
    "uot-certificate": ActDocument(
        N_("Certificate of loss of general working capacity (App 20)"),
        _calls_for("uot-certificate"), N_("no degree of loss of general working capacity was established")),
    "upt-certificate": ActDocument(
        N_("Certificate of loss of professional working capacity (App 21)"),
        _calls_for("upt-certificate"), N_("no degree of loss of professional working capacity was established")),
    "care-conclusion": ActDocument(
        N_("Conclusion on additional help and care (App 22)"), _calls_for("care-conclusion"),
        N_("no need for additional help and care was determined")),
    "non-establishment-notice": ActDocument(
        N_("Notice that disability was not established (App 23)"), _calls_for("non-establishment-notice"),
        N_("it was no re-examination that ended without disability")),
    "refusal-receipt": ActDocument(
        N_("Receipt of refusal to accept documents (App 4)"),
        lambda p: p.status == "in_person", N_("the act was not sent for an in-person examination"), issued=False),
    "control-protocol": ActDocument(
        N_("Protocol of the control department (App 26)"),
        lambda p: bool(p.control), N_("no control re-examination of the act ended in a no-show protocol (§73-2)"),
        issued=False),
}
LIST_KINDS = tuple(lists.TITLES)


# -- output ----------------------------------------------------------------------------------------
def check_output(path: Path) -> Path:
    """A PDF file in an existing folder (checked before anything is issued or recorded)."""
    if path.suffix.lower() != ".pdf":
        raise UserError("The output file must be a .pdf file: {file}", file=str(path))
    if not path.parent.is_dir() or path.is_dir():
        raise UserError("Cannot write {file}: there is no such folder.", file=str(path))
    checked_target(path)  # not the database, through a link or not
    return path


def write_file(rendered: Rendered, out: Path) -> dict:
    write_output(out, rendered.pdf)
    return {"file": str(out), "pages": rendered.pages}


def to_file(out: Path) -> Callable[[Rendered], dict]:
    """Where ``issue_act_document`` and the lists' printing put the PDF: the file ``out``."""
    check_output(out)
    return lambda rendered: write_file(rendered, out)


# -- one act's documents -------------------------------------------------------------------------
# Printing is two steps (docs/architecture.md, "Where a PDF is made"): ``describe_…`` reads the
# database and issues (the database's worker in the window); ``build``/``build_signed`` of
# ``app.documents.build`` make the PDF from that description alone (the input-output pool).
def fitting_documents(session: Session, number: str) -> list[str]:
    """The kinds of document that fit act ``number`` (for the window's choice): the result
    documents of the conclusion in force (a control department's, once it has concluded)."""
    paper = documents.act_paper(session, number)
    act = session.scalars(select(m.DraftAct).where(m.DraftAct.number == paper.number)).one()
    in_force = documents.paper_on(session, act, documents.control_conclusion(session, act.id))
    return [kind for kind, spec in ACT_DOCUMENTS.items() if spec.fits(in_force if spec.issued else paper)]


def qr_identity(copy: documents.IssuedCopy) -> documents.QrIdentity:
    """The QR code of an issued document: its identity and the hash fixed when it was issued."""
    issued = copy.issued
    return documents.QrIdentity(issued.kind, issued.series, issued.number, w.local_date(issued.issued_at),
                                copy.paper.number, copy.digest)


def describe_act_document(db: Database, kind: str, number: str) -> build.ActDocument:
    """Form ``kind`` of act ``number``, to build.  An issued document gets its series and number
    and its content is fixed the first time it is described (``documents.issue``); every later
    one is a copy of exactly that, whatever the database says now."""
    access.require_on(db, "documents.print")
    spec = ACT_DOCUMENTS[kind]
    with db.session() as session:
        paper = documents.act_paper(session, number)
        act_id = session.scalar(select(m.DraftAct.id).where(m.DraftAct.number == paper.number))
        audit.opened_personal(session, "draft_act", act_id)  # a printed form names the person
    refusal = UserError("{document} cannot be printed for the act {number}: {reason}.", number=number,
                        document=Translatable(spec.title), reason=Translatable(spec.refusal))
    if not spec.issued:
        if not spec.fits(paper):
            raise refusal
        return build.ActDocument(title=paper.number, kind=kind, paper=copy.deepcopy(paper))
    try:
        issued = documents.issue(db, number, kind, paper.signed_at or paper.concluded_at or now_kz())
    except documents.NotGiven:
        raise refusal from None
    identity = qr_identity(issued)
    return build.ActDocument(title=f"{issued.issued.series} {issued.issued.number}", kind=kind,
                             paper=copy.deepcopy(issued.paper), issued=issued.issued, digest=identity.digest,
                             qr=identity.text())


def describe_act_documents(db: Database, kinds: list[str], number: str) -> list[build.ActDocument]:
    return [describe_act_document(db, kind, number) for kind in kinds]


def build_act_document(description: build.ActDocument, signer: build.PdfSigner | None = None) -> Rendered:
    """The PDF of an act's form, signed when a ``signer`` is given (no database)."""
    if signer is None:
        return build.build(description)
    title = ACT_DOCUMENTS[description.kind].title
    issued = description.issued
    return build.build_signed(description, signer, f"{title}: {issued.series} {issued.number}" if issued else title)


def record_copy(db: Database, rendered: Rendered, user: str) -> int | None:
    """A paper copy of an issued document was printed (§51 part 2); its copy number."""
    if rendered.issued is None:
        return None
    with db.session() as session:
        return documents.record_print(session, rendered.issued, user, now_kz())


def recorded(db: Database, rendered: Rendered, result: dict, *, user: str) -> dict:
    """What ``deliver`` said of ``rendered``, with its copy recorded (§51 part 2) and named."""
    if rendered.signed:
        result["signed"] = True
    copy = record_copy(db, rendered, user)
    if rendered.issued is not None:
        result.update(copy=copy, series=rendered.issued.series, number=rendered.issued.number)
    return result


def issue_act_document(db: Database, kind: str, number: str, deliver: Callable[[Rendered], dict], *,
                       user: str, signer: build.PdfSigner | None = None) -> dict:
    """Form ``kind`` of act ``number`` (signed when a ``signer`` is given) handed to ``deliver``
    (a file, or a printer), and the copy recorded (§51 part 2): the window's three steps in a row."""
    rendered = build_act_document(describe_act_document(db, kind, number), signer)
    return recorded(db, rendered, deliver(rendered), user=user)


def print_act_document(db: Database, kind: str, number: str, out: Path, *, user: str,
                       signer: build.PdfSigner | None = None) -> dict:
    """``saraptama print KIND --act NUMBER --out FILE``."""
    return issue_act_document(db, kind, number, to_file(out), user=user, signer=signer)


def check_signer(signer) -> build.PdfSigner:
    """A key that signs PDFs (not the local hash of a workstation without one)."""
    if not hasattr(signer, "sign_pdf"):
        raise UserError(N_("Documents are signed with a key: choose a key file or NCALayer in Settings → "
                           "Electronic signature."))
    return signer


def signed_files(folder: Path, number: str, kinds: list[str]) -> dict[str, Path]:
    """Where *Sign and save* writes each document: ``NUMBER-KIND.pdf`` in ``folder`` (checked
    before anything is issued or recorded)."""
    return {kind: check_output(folder / f"{number}-{kind}.pdf") for kind in kinds}


def save_signed_files(descriptions: list[build.ActDocument], files: dict[str, Path],
                      signer: build.PdfSigner) -> list[tuple[Rendered, dict]]:
    """Each document signed and written to its file of ``signed_files`` (no database)."""
    saved = []
    for description in descriptions:
        rendered = build_act_document(description, signer)
        saved.append((rendered, write_file(rendered, files[description.kind])))
    return saved


def record_saved(db: Database, saved: list[tuple[Rendered, dict]], *, user: str) -> list[dict]:
    return [recorded(db, rendered, result, user=user) for rendered, result in saved]


def save_signed(db: Database, kinds: list[str], number: str, folder: Path, signer, *, user: str) -> list[dict]:
    """*Sign and save*: each document of ``kinds`` signed and written to ``folder`` as
    ``NUMBER-KIND.pdf``, each copy recorded (the window runs the three steps on their threads)."""
    signer, files = check_signer(signer), signed_files(folder, number, kinds)
    saved = save_signed_files(describe_act_documents(db, kinds, number), files, signer)
    return record_saved(db, saved, user=user)


def describe_rejection_notice(db: Database, package_id: int) -> build.RejectionNotice:
    """The information message to the medical organisation on a rejected form 031/у, as recorded
    at intake (§15 part 2, §16 part 3): Kazakh, then Russian, each reason with its App 5 code."""
    access.require_on(db, "acts.intake")
    with db.session() as session:
        notice = session.scalar(select(m.Notice).where(m.Notice.package_id == package_id,
                                                       m.Notice.kind == "intake_rejection"))
        if notice is None:
            raise UserError("No rejection notice was recorded for this package.")
        return build.RejectionNotice(title="031/у", texts=(notice.text_kk, notice.text_ru),
                                     created=_kz_time(notice.created_at))


# -- lists -------------------------------------------------------------------------------------------
def _kz_time(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone(KZ_TIME):%d.%m.%Y %H:%M}"


MARKS = {"unjustified": "необоснованно направленный (п. 43)", "poor_quality": "некачественно заполнено (п. 44)",
         "mismatch": "несоответствие (п. 45)"}


def decision_summary(decision: dict | None, lang: str = "ru") -> str:
    """A decision in one cell: group, cause, term, УОТ, УПТ, or the mark (§43-45)."""
    if not decision:
        return ""
    if decision.get("outcome") in MARKS:
        return MARKS[decision["outcome"]]
    parts = [w.group(decision.get("group"), lang), w.cause(decision.get("cause"), lang),
             w.term(decision.get("term"), lang)]
    for key, name in (("uot_percent", "УОТ"), ("upt_percent", "УПТ")):
        if decision.get(key) is not None:
            parts.append(f"{name} {decision[key]} %")
    return ", ".join(p for p in parts if p)


ROUTES = {"rejected_poor_quality": "форма 031/у отклонена: некачественно заполнено (п. 44)",
          "in_person": "направлено на очное освидетельствование (п. 45)",
          "head_decides": "заключение выносит эксперт — руководитель отдела (п. 47)"}


def conclusion_summary(conclusion: m.Conclusion | None) -> str:
    """The extraterritorial experts' conclusion (App 16 column 6): the decision, or where the act went."""
    if conclusion is None:
        return ""
    return decision_summary(conclusion.decision) if conclusion.decision else ROUTES.get(conclusion.route, "")


def _waiting_rows(session: Session, department_id: int | None) -> list[list[str]]:
    """App 9: the rows of the window's waiting list (the same query, ``listings.WAITING``: acts
    waiting for their panel and under review), of one department or of all, oldest first."""
    waiting = listings.WAITING
    ids = waiting.ids(session, sort=0, department_id=department_id)
    shown = waiting.rows(session, ids)
    keys = [column.key for column in waiting.columns]
    rows = []
    for act_id in ids:
        row = dict(zip(keys, shown[act_id]))
        rows.append([_kz_time(row["registered"]), row["number"], str(row["age"]),
                     "работающий" if row["working"] else "неработающий", row["diagnosis"], row["concomitant"] or ""])
    return rows


def _decisions_rows(session: Session, _department_id: int | None = None) -> list[list[str]]:
    acts = session.scalars(select(m.DraftAct).where(m.DraftAct.status != m.ActStatus.WAITING)
                           .order_by(m.DraftAct.registered_at)
                           .options(selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision),
                                    selectinload(m.DraftAct.conclusion)))
    control = {a.act_id: a.decision for a in session.scalars(select(m.Appeal).where(
        m.Appeal.decision.is_not(None), m.Appeal.kind == appeal_rules.PROACTIVE))}  # App 16 column 7: §56
    rows = []
    for act in acts:
        panel = [a for a in act.assignments if not a.withdrawn][:3]
        decisions = [decision_summary(a.decision.content if a.decision else None) for a in panel]
        decisions += [""] * (3 - len(decisions))
        sent = min((a.assigned_at for a in panel), default=None)
        rows.append([_kz_time(sent), act.number, *decisions, conclusion_summary(act.conclusion),
                     decision_summary(control.get(act.id))])
    return rows


def _staff_names(session: Session) -> dict[int, str]:
    return {s.id: s.full_name for s in session.scalars(select(m.StaffMember).where(
        m.StaffMember.role.in_((m.StaffRole.DEPUTY_HEAD, m.StaffRole.COMMITTEE))))}


def _appeals_rows(session: Session, _department_id: int | None = None) -> list[list[str]]:
    staff = _staff_names(session)
    rows = []
    for appeal, number, conclusion in session.execute(
            select(m.Appeal, m.DraftAct.number, m.Conclusion.decision)
            .join(m.DraftAct, m.Appeal.act_id == m.DraftAct.id)
            .outerjoin(m.Conclusion, m.Conclusion.act_id == m.DraftAct.id)
            .where(m.Appeal.kind == appeal_rules.PROACTIVE).order_by(m.Appeal.filed_at, m.Appeal.id)):  # App 24: §56
        rows.append([number, w.short_date(appeal.filed_at), appeal.registration_number,
                     w.short_date(appeal.registered_at), staff.get(appeal.deputy_head_id, ""),
                     w.short_date(appeal.forwarded_at), staff.get(appeal.committee_specialist_id, ""),
                     decision_summary(conclusion), decision_summary(appeal.decision),
                     w.short_date(appeal.concluded_at), w.short_date(appeal.letter_date), appeal.letter_number,
                     " / ".join(w.translated(labels.APPEAL_STATUS[appeal.status], lang)
                                for lang in ("kk", "ru"))])
    return rows


EXCLUSION_REASONS: dict[int | None, str] = {number: f"подпункт {number}) пункта 13" for number in range(1, 7)}


def _registry_rows(session: Session, _department_id: int | None = None) -> list[list[str]]:
    """Registry Rules App 1, in order of inclusion: column 1 "№" is the number in the registry."""
    experts = session.scalars(select(m.StaffMember).where(m.StaffMember.role == m.StaffRole.INDEPENDENT)
                              .order_by(m.StaffMember.registry_number.is_(None), m.StaffMember.registry_number,
                                        m.StaffMember.sort_name))
    return [[str(e.registry_number or ""), e.iin, e.full_name, region_by_code(e.region_code).name_ru,
             e.specialty_profile, ", ".join(e.nosologies or []), w.short_date(e.included_on),
             w.short_date(e.excluded_on), EXCLUSION_REASONS.get(e.exclusion_reason, "")] for e in experts]


RowsOf = Callable[[Session, int | None], list[list[str]]]  # a list's rows of a department, or of all
LIST_ROWS: dict[str, RowsOf] = {"waiting-list": _waiting_rows, "decisions-list": _decisions_rows,
                                "appeals-journal": _appeals_rows, "registry": _registry_rows}


def _list_scope(session: Session, department: str | None) -> tuple[int | None, str]:
    """The department a list is printed for (its code; by default the workstation's own, as the
    window's tab shows it; none set: every department) and the line naming it."""
    chosen: m.Department | None
    if department:
        chosen = _department(session, department)
    else:
        own = listings.own_department_id(session)
        chosen = session.get(m.Department, own) if own is not None else None
    if chosen is None:
        return None, "Все отделы МСЭ"
    return chosen.id, documents.heading(chosen).line("ru")


def describe_list(db: Database, kind: str, *, department: str | None = None) -> build.Listing:
    """App 9, 16, 24 or Registry Rules App 1; the waiting list (App 9) of ``department`` (a code),
    headed by the department and the moment it was printed."""
    access.require_on(db, "lists.export")
    with db.session() as session:
        department_id, named = _list_scope(session, department)
        rows = LIST_ROWS[kind](session, department_id)
    subtitle = f"{named}. По состоянию на {_kz_time(now_kz())}" if kind == "waiting-list" else None
    return build.Listing(title=lists.TITLES[kind][2], kind=kind, rows=tuple(tuple(row) for row in rows),
                         subtitle=subtitle)


def print_list(db: Database, kind: str, out: Path, *, department: str | None = None) -> dict:
    deliver = to_file(out)
    return deliver(build.build(describe_list(db, kind, department=department)))


# -- protocol journals ------------------------------------------------------------------------------
def _department(session: Session, code: str) -> m.Department:
    department = session.scalar(select(m.Department).where(m.Department.code == code))
    if department is None:
        raise UserError("There is no department with the code {code}.", code=code)
    return department


def _utc_range(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time(0), tzinfo=KZ_TIME)
    return start, datetime.combine(last + timedelta(days=1), time(0), tzinfo=KZ_TIME)


def _day_of(moment: datetime | None) -> date:
    """The day in Kazakhstan of a moment the journal's query requires (signed, or concluded, in the period)."""
    assert moment is not None, "a journal's query selects the signed or concluded rows only"
    return w.local_date(moment)


def _mse_rows(session: Session, department: m.Department, first: date, last: date) -> dict[date, list]:
    """App 17 columns of the acts the department signed on each day (§48)."""
    start, end = _utc_range(first, last)
    found = session.execute(
        select(m.DraftAct, m.Conclusion, m.Person).join(m.Conclusion).join(m.Person)
        .where(m.DraftAct.department_id == department.id, m.Conclusion.signed_at >= start,
               m.Conclusion.signed_at < end).order_by(m.Conclusion.signed_at))
    issued: dict[int | None, list[str]] = {}
    by_day: dict[date, list] = {}
    rows = list(found)
    for doc in session.scalars(select(m.IssuedDocument).where(  # the department's own (§48), not a replacement
            m.IssuedDocument.act_id.in_([act.id for act, _c, _p in rows]), m.IssuedDocument.appeal_id.is_(None))):
        issued.setdefault(doc.act_id, []).append(f"{doc.series} № {doc.number}" +
                                                 (" (заменён)" if doc.replaced_at is not None else ""))
    for act, conclusion, person in rows:
        day = _day_of(conclusion.signed_at)
        decision = conclusion.decision or {}
        kind = ("повторное" if act.purpose == "disability_repeat" else "первичное")
        by_day.setdefault(day, []).append([
            str(len(by_day.get(day, [])) + 1), act.number, person.full_name,
            f"{w.short_date(person.birth_date)}, {act.age_years}", documents.address_text(person.registration_address),
            "", f"{kind}; {w.translated(act_forms.PURPOSE.get(act.purpose, act.purpose), 'ru')}", "",
            f"{act.diagnosis_main_icd10} {act.diagnosis_main_text}" +
            (f"; {act.concomitant_summary}" if act.concomitant_summary else ""),
            decision_summary({k: decision.get(k) for k in ("group", "uot_percent", "upt_percent")}),
            w.cause(decision.get("cause"), "ru"), w.term(decision.get("term"), "ru"),
            "; ".join(text for text in (decision.get("recommendations") or {}).values() if text and text.strip()),
            "; ".join(issued.get(act.id, []))])
    return by_day


CONTROL_KIND_RU = {"control": "контроль (п. 73)", "in_person": "обжалование (п. 54)",
                   "proactive": "обжалование (п. 56)"}  # App 18: консультация, обжалование, контроль


def _control_rows(session: Session, department: m.Department, first: date, last: date) -> dict[date, list]:
    """App 18 columns of the appeals the control department concluded on each day (§56)."""
    start, end = _utc_range(first, last)
    found = session.execute(
        select(m.Appeal, m.DraftAct, m.Person, m.Department).join(m.DraftAct, m.Appeal.act_id == m.DraftAct.id)
        .join(m.Person).join(m.Department, m.DraftAct.department_id == m.Department.id)
        .where(m.Appeal.control_department_id == department.id, m.Appeal.concluded_at >= start,
               m.Appeal.concluded_at < end).order_by(m.Appeal.concluded_at))
    by_day: dict[date, list] = {}
    rows = list(found)
    issued = _documents_of_appeals(session, [appeal.id for appeal, *_rest in rows])
    for appeal, act, person, home in rows:
        day = _day_of(appeal.concluded_at)
        by_day.setdefault(day, []).append([
            str(len(by_day.get(day, [])) + 1), f"{person.full_name}, {w.short_date(person.birth_date)}",
            documents.address_text(person.registration_address), "", CONTROL_KIND_RU.get(appeal.kind, "обжалование"),
            f"№ {home.number} ({home.code}), {w.short_date(act.registered_at)}",
            decision_summary(act.conclusion.decision if act.conclusion else None),
            f"{act.diagnosis_main_icd10} {act.diagnosis_main_text}",
            "; ".join(part for part in (decision_summary(appeal.decision), *issued.get(appeal.id, [])) if part)])
    return by_day


ISSUED_RU = {kind: ru for kind, _kk, ru in act_forms.ISSUED}  # App 8 items 32.1-32.6


def _documents_of_appeals(session: Session, appeal_ids: list[int]) -> dict[int | None, list[str]]:
    """The result documents each control conclusion issued in place of the department's (§56, §73-3)."""
    shown: dict[int | None, list[str]] = {}
    for doc in session.scalars(select(m.IssuedDocument).where(m.IssuedDocument.appeal_id.in_(appeal_ids))
                               .order_by(m.IssuedDocument.id)):
        shown.setdefault(doc.appeal_id, []).append(f"{ISSUED_RU[doc.kind]} {doc.series} № {doc.number}")
    return shown


def _protocol_numbers(session: Session, department: m.Department, year: int) -> dict[date, int]:
    """A daily protocol's number: the how-manieth day of the year with examinations it is."""
    start, end = _utc_range(date(year, 1, 1), date(year, 12, 31))
    if department.kind == m.DepartmentKind.METHODOLOGY_CONTROL:
        moments = session.scalars(select(m.Appeal.concluded_at).where(
            m.Appeal.control_department_id == department.id, m.Appeal.concluded_at >= start,
            m.Appeal.concluded_at < end))
    else:
        moments = session.scalars(select(m.Conclusion.signed_at).join(m.DraftAct).where(
            m.DraftAct.department_id == department.id, m.Conclusion.signed_at >= start, m.Conclusion.signed_at < end))
    days = sorted({w.local_date(moment) for moment in moments if moment is not None})
    return {day: index for index, day in enumerate(days, start=1)}


def _specialists(session: Session, department: m.Department) -> list[str]:
    return [s.full_name for s in session.scalars(select(m.StaffMember).where(
        m.StaffMember.department_id == department.id, m.StaffMember.role == m.StaffRole.SPECIALIST)
        .order_by(m.StaffMember.sort_name))]


def journal_protocols(session: Session, code: str, first: date, last: date):
    """The department's heading and its daily protocols from ``first`` to ``last``."""
    department = _department(session, code)
    methodology = department.kind == m.DepartmentKind.METHODOLOGY_CONTROL
    rows = (_control_rows if methodology else _mse_rows)(session, department, first, last)
    numbers = _protocol_numbers(session, department, first.year)
    specialists = _specialists(session, department)
    protocols = [journals.Protocol(day, numbers.get(day, 0), rows[day], specialists) for day in sorted(rows)]
    return documents.heading(department), protocols


def month_bounds(month: str) -> tuple[date, date]:
    try:
        first = datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        raise UserError("A month is written YYYY-MM, e.g. 2025-03.") from None
    plausible(first)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def plausible(day: date) -> date:
    """A journal's day or month within the years a journal can have (not 9999, where a day more
    overflows the calendar)."""
    low, high = PLAUSIBLE_YEARS
    if not low <= day.year <= high:
        raise UserError("A journal is printed for a day from {low} to {high}.", low=low, high=high)
    return day


def describe_journal(db: Database, code: str, *, day: date | None = None,
                     month: str | None = None) -> build.Journal:
    """The daily protocol of ``day`` or the journal of ``month`` with its binding page (App 17/18)."""
    access.require_on(db, "documents.print")
    first, last = (plausible(day), day) if day else month_bounds(month or "")
    with db.session() as session:
        heading, protocols = journal_protocols(session, code, first, last)
    return build.Journal(title=heading.code, heading=heading, protocols=tuple(protocols), first=first, last=last,
                         day=day is not None)


def print_journal(db: Database, code: str, out: Path, *, day: date | None = None, month: str | None = None) -> dict:
    deliver = to_file(out)
    return deliver(build.build(describe_journal(db, code, day=day, month=month)))


def act_documents(session: Session, act_id: int) -> tuple[str, list[str]]:
    """An act's number and the kinds of document that fit it (the act card's choice)."""
    number = session.scalar(select(m.DraftAct.number).where(m.DraftAct.id == act_id))
    if number is None:
        raise UserError("The act is no longer in the database.")
    return number, fitting_documents(session, number)
