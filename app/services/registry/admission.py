"""Admission to the registry of independent experts (Registry Rules ch. 2-3) as a state
machine: each step checks that ``app.domain.registry`` allows it in the application's state,
records itself, sends its SMS through the outbox and sets the next due date.  A step that is
not allowed changes nothing and says what may come next."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import registry as rules
from ...domain.clock import KZ_TIME
from ...domain.collation import sort_key
from ...domain.deadlines import due as due_rule
from ...domain.labels import REGISTRY_STATUS
from ...errors import UserError
from ...i18n import gettext
from .. import production_calendar
from ..assignment.absences import _is_row_id
from ..assignment.history import user_of
from . import messages
from .form import read_application
from .. import access


def kz_text(moment: datetime | None) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat(timespec="minutes") if moment else None


def result(application: m.RegistryApplication, sent: list[dict]) -> dict:
    """What every step prints (docs/interfaces.md §4)."""
    return {"id": str(application.id), "status": application.status, "due": kz_text(application.due_at),
            "messages": sent}


def application_by_id(session: Session, application_id: int | str) -> m.RegistryApplication:
    row = session.get(m.RegistryApplication, int(application_id)) if _is_row_id(application_id) else None
    if row is None:
        raise UserError("There is no registry application with the id {id}.", id=str(application_id)[:20])
    return row


def _state_name(state: str) -> str:
    return gettext(REGISTRY_STATUS[state])


def _refuse_step(application: m.RegistryApplication, step: str) -> None:
    """A step the state machine does not allow: the current state and what may come next."""
    allowed = rules.allowed_steps(application.status)
    raise UserError("The step '{step}' is not allowed: application {id} is '{state}'; next may come: {next}.",
                    step=step, id=application.id, state=_state_name(application.status),
                    next=", ".join(allowed) if allowed else gettext("nothing, the procedure has ended"))


def _check_moment(application: m.RegistryApplication, at: datetime) -> None:
    last = application.steps[-1].at if application.steps else application.submitted_at
    if at < last:
        raise UserError("The step is dated {at}, before the application's last step ({last}).", at=at,
                        last=last)


def _begin(application: m.RegistryApplication, step: str, at: datetime) -> None:
    if application.status not in rules.STEPS[step].sources:
        _refuse_step(application, step)
    _check_moment(application, at)
    if application.status in rules.EXPIRY_REASON and application.due_at and at > application.due_at:
        raise UserError("The window of application {id} ran out at {due}: 'registry tick' refuses it "
                        "(Registry Rules p. 9-10).", id=application.id, due=application.due_at)


def _advance(session: Session, application: m.RegistryApplication, step: str, state: str, at: datetime,
             **data) -> None:
    """Moves to ``state`` (one the step may lead to), records the step with its due date."""
    if state not in rules.STEPS[step].targets:
        raise ValueError(f"{step} cannot lead to {state}")
    application.status = m.ApplicationStatus(state)  # a member stays itself; a plain string is checked
    rule = rules.DUE_RULE.get(application.status)
    application.due_at = due_rule(rule, at, production_calendar.load(session)).at if rule else None
    application.steps.append(m.RegistryStep(at=at, step=step, status_after=state, user=user_of(session),
                                            data={**data, "due": kz_text(application.due_at)}))


# -- the steps ------------------------------------------------------------------------------------
def barred_exclusion(session: Session, iin: str) -> m.StaffMember | None:
    """An exclusion under p. 13(2) of this IIN, which bars any later application."""
    return session.scalar(select(m.StaffMember).where(m.StaffMember.iin == iin, m.StaffMember.exclusion_reason
                                                      == rules.NEVER_AGAIN).limit(1))


def _refuse_duplicate(session: Session, iin: str) -> None:
    barred = barred_exclusion(session, iin)
    if barred is not None:
        raise UserError("This IIN was excluded from the registry on {date} because the contract was terminated for "
                        "missing the planned target more than 3 times; it may not be included again (Registry "
                        "Rules p. 13(2)).", date=barred.excluded_on or "—")
    open_one = session.scalar(select(m.RegistryApplication).where(
        m.RegistryApplication.iin == iin, m.RegistryApplication.status.in_(
            list(rules.OPEN_STATES))).limit(1))
    if open_one is not None:
        raise UserError("An application with this IIN is already under way: No. {id}, '{state}'.", id=open_one.id,
                        state=_state_name(open_one.status))
    if session.scalar(select(m.StaffMember.id).where(m.StaffMember.iin == iin, m.StaffMember.role
                                                     == m.StaffRole.INDEPENDENT, m.StaffMember.status
                                                     == m.RegistryStatus.INCLUDED).limit(1)):
        raise UserError("An independent expert with this IIN is already in the registry.")


def apply(session: Session, data, at: datetime) -> dict:
    """A new application (p. 6, App 2): due = end of the document check (p. 7)."""
    fields = read_application(data)
    _refuse_duplicate(session, fields["iin"])
    return submit(session, fields, at)


def submit(session: Session, fields: dict, at: datetime) -> dict:
    """Records an application whose fields were read and whose applicant may apply."""
    access.require(session, "registry.apply")
    application = m.RegistryApplication(**fields, status=m.ApplicationStatus.SUBMITTED, submitted_at=at,
                                        sort_name=sort_key(" ".join((fields["last_name"], fields["first_name"],
                                                                     fields["middle_name"]))))
    session.add(application)
    _advance(session, application, "apply", rules.SUBMITTED, at)
    session.flush()
    return result(application, [])


def check(session: Session, application_id, at: datetime, *, complete: bool, reasons: Sequence[str] = ()) -> dict:
    """p. 7: the package complete (SMS of App 3, test within 10 calendar days) or refused
    with the reasons of App 4.  "Complete" is refused while the declared documents show a gap."""
    access.require(session, "registry.check")
    application = application_by_id(session, application_id)
    _begin(application, "check", at)
    findings = rules.document_findings(application.documents, at.astimezone(KZ_TIME).date())
    if complete and findings:
        raise UserError("The documents of application {id} are not complete: {reasons}. Refuse with these reasons "
                        "(Registry Rules p. 7, App 4).", id=application.id,
                        reasons="; ".join(gettext(rules.CHECK_REFUSALS[f]) for f in findings))
    if not complete and not reasons:
        raise UserError("A refusal needs at least one reason of App 4.")
    unknown = [r for r in reasons if r not in rules.CHECK_REFUSALS]
    if unknown:
        raise UserError("Unknown reason {reason}: use {known}.", reason=str(unknown[0])[:40],
                        known=", ".join(rules.CHECK_REFUSALS))
    if complete:
        _advance(session, application, "check", rules.AWAITING_TEST, at, findings=[])
        return result(application, messages.send(session, application, at, messages.invitation_text))
    reasons = list(dict.fromkeys(reasons))
    _advance(session, application, "check", rules.REFUSED, at, reasons=reasons, findings=findings)
    return result(application, messages.send(session, application, at, messages.check_refusal_text, reasons))


def record_test(session: Session, application_id, at: datetime, *, score: int, proctoring_passed: bool,
         technical_failure: bool = False) -> dict:
    """p. 8-9: a test result out of 90; a retest after the first failure (with a new App 3
    SMS opening its 10-day window), a refusal (App 5) after the second."""
    access.require(session, "registry.test")
    application = application_by_id(session, application_id)
    _begin(application, "test", at)
    if not 0 <= score <= rules.QUESTIONS:
        raise UserError("A test score is a number from 0 to {limit}.", limit=rules.QUESTIONS)
    if not technical_failure:  # p. 9: an attempt the state's systems failed is void (docs/interpretations.md)
        application.test_attempts += 1
    outcome = rules.attempt_outcome(score, proctoring_passed, technical_failure, application.test_attempts)
    _advance(session, application, "test", outcome.state, at, score=score, proctoring=proctoring_passed,
             technical_failure=technical_failure, attempt=application.test_attempts, reasons=list(outcome.reasons))
    if outcome.state == rules.RETEST_ALLOWED:
        return result(application, messages.send(session, application, at, messages.invitation_text))
    if outcome.state == rules.REFUSED:
        return result(application, messages.send(session, application, at, messages.inclusion_refusal_text,
                                                 list(outcome.reasons)))
    return result(application, [])


def _plain_step(session: Session, application_id, at: datetime, step: str, state: str) -> dict:
    """A step that sends nothing: the role may take it, the application may take it now, it leads to ``state``."""
    access.require(session, f"registry.{step}")
    application = application_by_id(session, application_id)
    _begin(application, step, at)
    _advance(session, application, step, state, at)
    return result(application, [])


def contract(session: Session, application_id, at: datetime) -> dict:
    """p. 10: the decision to include and the contract sent for signature (3 working days)."""
    return _plain_step(session, application_id, at, "contract", rules.CONTRACT_SENT)


def sign(session: Session, application_id, at: datetime) -> dict:
    """p. 10-11: the contract signed; the Committee enters the expert within 3 working days."""
    return _plain_step(session, application_id, at, "sign", rules.SIGNED)


def _expert_for(session: Session, application: m.RegistryApplication) -> m.StaffMember:
    """The independent expert of this IIN (one excluded earlier for a reason other than
    p. 13(2) comes back), or a new one."""
    expert = session.scalar(select(m.StaffMember).where(m.StaffMember.iin == application.iin,
                                                       m.StaffMember.role == m.StaffRole.INDEPENDENT).limit(1))
    if expert is None:
        expert = m.StaffMember(role=m.StaffRole.INDEPENDENT, iin=application.iin)
        session.add(expert)
    return expert


def include(session: Session, application_id, at: datetime) -> dict:
    """p. 11, App 1: the expert enters the registry with the next number."""
    access.require(session, "registry.include")
    application = application_by_id(session, application_id)
    _begin(application, "include", at)
    expert = _expert_for(session, application)
    for key in ("last_name", "first_name", "middle_name", "sort_name", "region_code", "phone", "email",
                "specialty_profile", "nosologies"):
        setattr(expert, key, getattr(application, key))
    expert.status, expert.department_id = m.RegistryStatus.INCLUDED, None
    expert.included_on, expert.excluded_on, expert.exclusion_reason = at.astimezone(KZ_TIME).date(), None, None
    expert.registry_number = expert.registry_number or (
        session.scalar(select(func.max(m.StaffMember.registry_number))) or 0) + 1  # one number for good
    session.flush()
    application.staff_member_id = expert.id
    _advance(session, application, "include", rules.INCLUDED, at, expert=str(expert.id),
             number=expert.registry_number)
    return {**result(application, []), "expert": str(expert.id)}


def tick(session: Session, at: datetime) -> list[dict]:
    """p. 9-10: every applicant's window that has run out by ``at`` (test not taken in 10
    calendar days, contract not signed in 3 working days) ends in a refusal with App 5.
    A second run at the same moment finds nothing left to do."""
    access.require(session, "registry.tick")
    expiring = list(rules.EXPIRY_REASON)
    changed = []
    for application in session.scalars(select(m.RegistryApplication).where(
            m.RegistryApplication.status.in_(expiring), m.RegistryApplication.due_at < at)
            .order_by(m.RegistryApplication.due_at, m.RegistryApplication.id)):
        reason = rules.EXPIRY_REASON[application.status]
        _advance(session, application, "expire", rules.REFUSED, at, reasons=[reason])
        changed.append(result(application, messages.send(session, application, at, messages.inclusion_refusal_text,
                                                         [reason])))
    return changed
