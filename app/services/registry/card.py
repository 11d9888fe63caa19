"""What the window's card of an applicant or of an expert shows: the steps taken, the SMS sent,
the documents checked, absences, current and past assignments, and the steps allowed now."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ... import models as m
from ...domain import labels
from ...domain import registry as rules
from ...domain.clock import KZ_TIME, now_kz
from ...domain.regions import region_by_code
from ...i18n import current_language, gettext, ngettext
from ..assignment import list_absences
from ..assignment.absences import expert as expert_by_id
from .admission import application_by_id

PAST_ASSIGNMENTS = 200  # the most recent ones; the rest stay in the acts' histories


def _reasons(codes, table: dict, lang: str | None) -> str:
    return "; ".join(gettext(table[code], lang) for code in codes if code in table)


def step_detail(step: m.RegistryStep, lang: str | None) -> str:
    """One line on what a step found: the score, the reasons, the registry number."""
    data = step.data or {}
    if step.step == "test":
        text = gettext("{score} of {questions} right, proctoring {proctoring}, attempt {attempt}", lang).format(
            score=data.get("score"), questions=rules.QUESTIONS, attempt=data.get("attempt"),
            proctoring=gettext("passed", lang) if data.get("proctoring") else gettext("negative", lang))
        if data.get("technical_failure"):
            text += "; " + gettext("technical failure confirmed", lang)
        reasons = _reasons(data.get("reasons", ()), rules.REFUSAL_REASONS, lang)
        return f"{text}; {reasons}" if reasons else text
    if step.step == "check":
        return _reasons(data.get("reasons", ()), rules.CHECK_REFUSALS, lang)
    if step.step == "expire":
        return _reasons(data.get("reasons", ()), rules.REFUSAL_REASONS, lang)
    if step.step == "include":
        return gettext("No. {number} in the registry", lang).format(number=data.get("number"))
    if step.step == "exclude":
        reason = data.get("reason")
        return gettext(rules.EXCLUSION_REASONS[reason], lang) if reason in rules.EXCLUSION_REASONS else ""
    return ""


def _steps(application: m.RegistryApplication, lang: str | None) -> list[dict]:
    return [{"at": step.at.astimezone(KZ_TIME), "step": gettext(rules.STEPS[step.step].title, lang)
             if step.step in rules.STEPS else gettext("Exclusion from the registry", lang),
             "state": gettext(labels.REGISTRY_STATUS.get(step.status_after, step.status_after), lang),
             "detail": step_detail(step, lang), "user": step.user} for step in application.steps]


def _messages(session: Session, application_id: int) -> list[dict]:
    rows = session.scalars(select(m.OutboxMessage).where(m.OutboxMessage.application_id == application_id)
                           .order_by(m.OutboxMessage.id))
    return [{"at": row.created_at.astimezone(KZ_TIME), "lang": row.lang, "to": row.to, "text": row.text,
             "sent": row.sent_at is not None} for row in rows]


def _documents(application: m.RegistryApplication, lang: str | None) -> list[dict]:
    checked = next((s.at for s in application.steps if s.step == "check"), None) or now_kz()
    findings = set(rules.document_findings(application.documents, checked.astimezone(KZ_TIME).date()))
    for step in application.steps:
        findings.update((step.data or {}).get("reasons", ()) if step.step == "check" else ())
    return [{"requirement": gettext(title, lang), "ok": not findings & set(codes),
             "problems": _reasons([c for c in codes if c in findings], rules.CHECK_REFUSALS, lang)}
            for title, codes in rules.REQUIREMENTS]


def _person(row, lang: str | None) -> dict:
    return {"name": row.full_name, "iin": row.iin,
            "region": region_by_code(row.region_code).name(lang or current_language()),
            "phone": row.phone, "email": row.email, "profile": row.specialty_profile,
            "nosologies": ", ".join(row.nosologies or ())}


def application_card(session: Session, application_id: int, lang: str | None = None,
                     now: datetime | None = None) -> dict:
    application = application_by_id(session, application_id)
    state = application.status
    return {"kind": "application", "id": application.id, **_person(application, lang),
            "address": application.address, "state": state,
            "state_text": gettext(labels.REGISTRY_STATUS[state], lang),
            "due": application.due_at.astimezone(KZ_TIME) if application.due_at else None,
            "due_rule": rules.DUE_RULE.get(state), "overdue": bool(application.due_at and application.due_at
                                                                 < (now or now_kz())),
            "submitted": application.submitted_at.astimezone(KZ_TIME), "attempts": application.test_attempts,
            "steps": _steps(application, lang), "messages": _messages(session, application.id),
            "documents": _documents(application, lang), "actions": rules.allowed_steps(state),
            "expert_id": application.staff_member_id}


def _assignment_row(a: m.Assignment, lang: str | None) -> dict:
    if a.withdrawn:
        state = gettext("withdrawn", lang)
    elif a.decision is not None:
        state = gettext("decided", lang)
    elif a.act.status == m.ActStatus.UNDER_REVIEW:
        state = gettext("open", lang)
    else:
        state = gettext(labels.ACT_STATUS.get(a.act.status, a.act.status), lang)
    return {"act": a.act.number, "role": gettext(labels.STAFF_ROLE.get(a.role, a.role), lang),
            "assigned": a.assigned_at.astimezone(KZ_TIME), "due": a.due_at.astimezone(KZ_TIME), "state": state}


def _assignments(session: Session, expert_id: int, lang: str | None) -> tuple[list[dict], list[dict]]:
    rows = list(session.scalars(select(m.Assignment).where(m.Assignment.expert_id == expert_id)
                                .order_by(m.Assignment.assigned_at.desc(), m.Assignment.id.desc())
                                .options(selectinload(m.Assignment.act), selectinload(m.Assignment.decision))))
    is_open = [not a.withdrawn and a.decision is None and a.act.status == m.ActStatus.UNDER_REVIEW for a in rows]
    current = [_assignment_row(a, lang) for a, now_open in zip(rows, is_open, strict=True) if now_open]
    past = [_assignment_row(a, lang) for a, now_open in zip(rows, is_open, strict=True) if not now_open]
    return current, past[:PAST_ASSIGNMENTS]


def expert_card(session: Session, expert_id: int, lang: str | None = None) -> dict:
    expert = expert_by_id(session, expert_id)
    application = session.scalar(select(m.RegistryApplication).where(
        m.RegistryApplication.staff_member_id == expert.id).order_by(m.RegistryApplication.id.desc()).limit(1))
    current, past = _assignments(session, expert.id, lang)
    absences = [{**a, "kind_text": gettext(labels.ABSENCE_KIND[a["kind"]], lang)}
                for a in list_absences(session, expert.id)]
    in_registry = expert.role == m.StaffRole.INDEPENDENT and expert.status == m.RegistryStatus.INCLUDED
    return {"kind": "expert", "id": expert.id, **_person(expert, lang),
            "role": gettext(labels.STAFF_ROLE[expert.role.value], lang),
            "department": expert.department.code if expert.department else "",
            "state": expert.status.value, "state_text": gettext(labels.REGISTRY_STATUS[expert.status.value], lang),
            "number": expert.registry_number, "included_on": expert.included_on, "excluded_on": expert.excluded_on,
            "exclusion": gettext(rules.EXCLUSION_REASONS[expert.exclusion_reason], lang)
            if expert.exclusion_reason else "",
            "absences": absences, "current": current, "past": past,
            "open_count": ngettext("{count} undecided act", "{count} undecided acts", len(current), lang).format(
                count=len(current)),
            "steps": _steps(application, lang) if application else [],
            "messages": _messages(session, application.id) if application else [],
            "documents": _documents(application, lang) if application else [],
            "application_id": application.id if application else None,
            "actions": ["exclude"] if in_registry else []}
