"""The window's cards as plain data: a draft act's card (its App 8 sections as far as they
are known before the experts decide, status, due date with its rule, history and panel) and
an expert's card (absences and open work).  One call each, for ``ui.acts``.

The act's sections are built from exactly what ``acts.show_act`` gives: the department's view
(with the person's personal part) or the expert's copy (``as_expert=True``), so the card's
depersonalised view shows what an expert gets and nothing more.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..domain import labels, panel
from ..domain.clock import KZ_TIME
from ..errors import UserError
from ..i18n import N_, gettext
from . import access, acts, assignment
from .review.decisions import Viewer, visible_decisions

SEX = {"male": N_("Male"), "female": N_("Female")}
REHAB_POTENTIAL = {"high": N_("High"), "satisfactory": N_("Satisfactory"), "low": N_("Low"), "none": N_("None")}
REHAB_PROGNOSIS = {"favorable": N_("Favourable"), "relatively_favorable": N_("Relatively favourable"),
                   "doubtful": N_("Doubtful"), "unfavorable": N_("Unfavourable")}
# App 8 item 16: kinds of impaired functions of the body, in the form's order
FUNCTIONS = (("mental", "16.1", N_("Mental functions")), ("sensory", "16.2", N_("Sensory functions")),
             ("statodynamic", "16.3", N_("Statodynamic functions")), ("circulation", "16.4", N_("Blood circulation")),
             ("respiration", "16.5", N_("Respiration")), ("digestion", "16.6", N_("Digestion")),
             ("excretion", "16.7", N_("Excretion")), ("metabolism", "16.8", N_("Metabolism and energy")),
             ("blood", "16.9", N_("Blood formation")), ("endocrine", "16.10", N_("Internal secretion")),
             ("immunity", "16.11", N_("Immunity")))
DEGREES = (N_("no impairment"), N_("slight"), N_("moderate"), N_("pronounced"), N_("significantly pronounced"))
EVENTS = {"received": N_("Package received"), "checked": N_("App 5 checks passed"),
          "numbered": N_("Draft act numbered"), "assigned": N_("Expert assigned"),
          "reassigned": N_("Expert assigned in place of another"), "withdrawn": N_("Expert withdrawn"),
          "not_assigned": N_("No expert could be assigned"),
          "decided": N_("Expert decision submitted"), "corrected": N_("Expert decision corrected"),
          "routed": N_("Decisions consolidated (§44-47)"), "head_decided": N_("Head-expert concluded (§47)"),
          "arrived": N_("The person came (§45)"), "refused": N_("The person refused the examination (§45)"),
          "no_show": N_("The person did not come (§45)"), "in_person_done": N_("In-person examination held (§45)"),
          "sms_repeated": N_("SMS repeated (§45)"), "signed": N_("Conclusion signed (§48)")}
PERSON_MORE = ("education", "profession", "workplace", "position")  # App 8 item 13 (the package's patient)


def _act(session: Session, key: int | str) -> m.DraftAct:
    """The act by its row id (an int) or its 14-digit number (a str)."""
    if isinstance(key, int):
        number = session.scalar(select(m.DraftAct.number).where(m.DraftAct.id == key))
        if number is None:
            raise UserError("There is no draft act with the id {id}.", id=str(key))
        key = number
    return assignment.act_by_number(session, key)


def _kz(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def due_rule(status: str) -> str:
    """The deadline rule (``app.domain.deadlines``) behind an open act's due date."""
    return "in_person_no_show" if status == m.ActStatus.IN_PERSON else "expert_decision"


def _intake_events(session: Session, act: m.DraftAct) -> list[dict]:
    """Received, checked and numbered: from the package and the audit entry of the act's forming."""
    package = session.get(m.ReferralPackage, act.package_id) if act.package_id else None
    user = session.scalar(select(m.AuditEntry.user).where(
        m.AuditEntry.table_name == "draft_act", m.AuditEntry.row_id == str(act.id),
        m.AuditEntry.action == "insert").order_by(m.AuditEntry.id).limit(1)) or ""
    received = _kz(package.received_at if package else act.registered_at)
    numbered = {"kind": "numbered", "at": _kz(act.registered_at), "user": user, "expert": None,
                "reason": None, "detail": {"number": act.number}}
    if package is None:  # an act that came without a package (demonstration data)
        return [numbered]
    return [{"kind": kind, "at": received, "user": user, "expert": None, "reason": None} for kind in
            ("received", "checked")] + [numbered]


def history(session: Session, act: m.DraftAct) -> list[dict]:
    """Received, checked, numbered, then the panel's events (who, when, why), oldest first."""
    return _intake_events(session, act) + [e for e in assignment.events(session, act) if e["kind"] != "received"]


def _department_view(session: Session, act: m.DraftAct) -> dict:
    view = acts.show_act(session, act.number)
    if act.person is None:  # an expert's workstation: the department's view is the depersonalised one
        return view
    patient = (acts.act_package(session, act) or {}).get("patient") or {}
    more = {key: patient.get(key) for key in PERSON_MORE if isinstance(patient.get(key), str)}
    view["person"] = {**view["person"], **more, "actual_address": act.person.actual_address}
    return view


def act_card(session: Session, key: int | str) -> dict:
    """Everything the act's card shows, in the current language."""
    act = _act(session, key)
    experts = session.execute(select(m.StaffMember.id, m.StaffMember.last_name, m.StaffMember.first_name,
                                     m.StaffMember.middle_name, m.StaffMember.role)
                              .where(m.StaffMember.role.in_(m.EXPERT_ROLES)).order_by(m.StaffMember.sort_name))
    return {
        "id": act.id, "number": act.number, "status": act.status, "due": _kz(act.due_at),
        "rule": due_rule(act.status),
        "department_view": _department_view(session, act) if access.allows(session, "acts.view_personal") else None,
        "expert_view": acts.show_act(session, act.number, as_expert=True),
        "panel": assignment.panel_of(act), "history": history(session, act), "outcome": outcome(session, act),
        "experts": [{"id": str(row.id), "name": " ".join(filter(None, row[1:4])), "role": row.role.value}
                    for row in experts],
    }


def outcome(session: Session, act: m.DraftAct) -> dict | None:
    """Once the panel's decisions led to a conclusion (§44-48): the three decisions beside it,
    who signed it and when, and the result documents issued (§51) — None before (§25.5: the
    decisions stay blind while the panel still decides)."""
    conclusion = act.conclusion
    if conclusion is None:
        return None
    places = visible_decisions(act, Viewer(None))
    contents = [p["decision"]["content"] if p["decision"] else None for p in places]
    documents = session.execute(select(m.IssuedDocument.kind, m.IssuedDocument.series, m.IssuedDocument.number,
                                       m.IssuedDocument.issued_at, m.IssuedDocument.printed_count)
                                .where(m.IssuedDocument.act_id == act.id).order_by(m.IssuedDocument.id))
    return {"roles": [p["role"] for p in places], "decisions": contents, "conclusion": conclusion.decision,
            "route": conclusion.route, "signed_at": _kz(conclusion.signed_at),
            "documents": [{"kind": kind, "series": series, "number": number, "issued_at": _kz(issued),
                           "printed": printed} for kind, series, number, issued, printed in documents]}


def expert_card(session: Session, expert_id: int | str) -> dict:
    """An expert's card: who, absences, and the undecided acts they hold."""
    expert = assignment.absences.expert(session, expert_id)
    open_work = session.execute(
        select(m.DraftAct.number, m.Assignment.role, m.Assignment.due_at)
        .join(m.Assignment, m.Assignment.act_id == m.DraftAct.id)
        .outerjoin(m.ExpertDecision, m.ExpertDecision.assignment_id == m.Assignment.id)
        .where(m.Assignment.expert_id == expert.id, m.Assignment.withdrawn.is_(False),
               m.ExpertDecision.id.is_(None), m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
        .order_by(m.Assignment.due_at, m.DraftAct.number))
    return {"id": str(expert.id), "name": expert.full_name, "role": expert.role.value, "region": expert.region_code,
            "department": expert.department.code if expert.department else None, "status": expert.status.value,
            "profile": expert.specialty_profile, "absences": assignment.list_absences(session, expert.id),
            "open": [{"number": number, "role": role, "due": _kz(due)} for number, role, due in open_work]}


# -- App 8 sections -------------------------------------------------------------------------------
def _address(value) -> str:
    if not isinstance(value, dict):
        return ""
    return ", ".join(str(value[k]) for k in ("region", "district", "locality", "street", "house", "apartment")
                     if value.get(k))


def day(iso: str | None, lang: str) -> str:
    """An ISO date (or the date of an ISO moment) as forms show it: 27.11.2026 (en: Nov 27, 2026)."""
    if not iso:
        return ""
    return format_date(date.fromisoformat(iso[:10]), "medium" if lang == "en" else "dd.MM.yyyy", locale=lang)


def _label(table: dict, value, lang: str) -> str:
    return gettext(table[value], lang) if value in table else ("" if value is None else str(value))


def _functions(clinical: dict, lang: str) -> list[tuple[str, str, str]]:
    degrees = clinical.get("function_impairments") or {}
    return [(item, gettext(name, lang), f"{degrees[key]} — {gettext(DEGREES[degrees[key]], lang)}")
            for key, item, name in FUNCTIONS if isinstance(degrees.get(key), int) and 0 <= degrees[key] < 5]


def _general(view: dict, lang: str) -> list[tuple[str, str, str]]:
    """App 8 section 1: what intake knows (the person's part only in the department's view)."""
    person = view.get("person")
    purpose = view.get("purpose")
    rows = [("1", gettext("Date of start of the expertise", lang), day(view.get("registered_at"), lang))]
    if person:
        name = " ".join(filter(None, (person.get("last_name"), person.get("first_name"), person.get("middle_name"))))
        rows += [("2", gettext("Full name", lang), name), ("", gettext("IIN", lang), person.get("iin") or ""),
                 ("3", gettext("Date of birth", lang), day(person.get("birth_date"), lang))]
    rows += [("3.1", gettext("Age", lang), str(view.get("age_years", ""))),
             ("4", gettext("Sex", lang), _label(SEX, view.get("sex"), lang))]
    if person:
        rows += [("5", gettext("Place of registration", lang), _address(person.get("registration_address"))),
                 ("5.1", gettext("Address of actual residence", lang), _address(person.get("actual_address"))),
                 ("", gettext("Mobile phone", lang), person.get("phone") or "")]
    rows += [("6", gettext("Purpose of the examination", lang), _label(labels.PURPOSE, purpose, lang)),
             ("7", gettext("Kind of examination", lang),
              gettext("Repeat", lang) if purpose == "disability_repeat" else gettext("Primary", lang)),
             ("8", gettext("Place of the examination", lang), gettext("Proactive, in absentia", lang)),
             ("13", gettext("Working", lang), gettext("Yes", lang) if view.get("working") else gettext("No", lang))]
    if person:
        rows += [(item, gettext(name, lang), person.get(key) or "") for key, item, name in (
            ("education", "13.1", N_("Education")), ("profession", "13.2", N_("Main profession")),
            ("workplace", "13.3", N_("Place of work")), ("position", "13.3.1", N_("Position")))]
    return rows


def _assessment(view: dict, lang: str) -> list[tuple[str, str, str]]:
    """App 8 section 2 as referred: functions, rehabilitation, additional data, documents."""
    clinical = view.get("clinical") or {}
    rows = _functions(clinical, lang)
    rows += [("19.1", gettext("Rehabilitation prognosis", lang),
              _label(REHAB_PROGNOSIS, clinical.get("rehab_prognosis"), lang)),
             ("19.2", gettext("Rehabilitation potential", lang),
              _label(REHAB_POTENTIAL, clinical.get("rehab_potential"), lang))]
    rows += [("21", gettext(name, lang), str(clinical[key])) for key, name in (
        ("complaints", N_("Complaints")), ("anamnesis", N_("Anamnesis")),
        ("objective_status", N_("Objective status")), ("temporary_disability_days", N_("Days of temporary disability")),
        ("rehab_plan", N_("Rehabilitation plan"))) if clinical.get(key) not in (None, "")]
    rows += [("22", gettext("Document", lang), a.get("title") or a.get("id") or "")
             for a in clinical.get("attachments") or ()]
    return rows


def _diagnoses(view: dict, lang: str) -> list[tuple[str, str, str]]:
    """App 8 section 3, item 24, as referred; the rest of the section is the experts' to fill."""
    main = view.get("diagnosis_main") or {}
    rows = [("24.1", gettext("Main diagnosis", lang), f"{main.get('icd10', '')} {main.get('text', '')}".strip())]
    rows += [("24.2", gettext("Concomitant diagnosis", lang), f"{d.get('icd10', '')} {d.get('text', '')}".strip())
             for d in view.get("diagnoses_concomitant") or ()]
    return rows + [("25", gettext("Disability group, degree of loss of working capacity", lang),
                    gettext("decided by the experts", lang))]


SECTIONS = ((N_("Section 1. General data on the examined person"), _general),
            (N_("Section 2. Assessment of the state of the body and the degree of limitation"), _assessment),
            (N_("Section 3. Expert conclusion of the MSE department"), _diagnoses))


def sections(view: dict, lang: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """App 8's three sections as (title, [(item, caption, value)]) from a ``show_act`` view."""
    return [(gettext(title, lang), build(view, lang)) for title, build in SECTIONS]


def event_text(event: dict, lang: str) -> str:
    """What happened, in words (the reason is shown beside it)."""
    text = gettext(EVENTS.get(event["kind"], event["kind"]), lang)
    place = (event.get("detail") or {}).get("place")
    return f"{text} ({gettext(panel.PLACE_LABELS.get(place, place), lang)})" if place else text
