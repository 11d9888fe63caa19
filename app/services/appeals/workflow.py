"""The steps of appeals, complaints and control re-examinations (§54-56, §73-73-3).

Each step: the case's state and the acting role are checked against ``app.domain.appeals``
(refused → nothing changes), the moment may not precede the last step, the state moves, the
step is recorded (``AppealStep``) with its due date from ``app.domain.deadlines`` and the
production calendar, and its SMS goes to the outbox (``review.messages``).

``actor_role`` is the seam for sign-in: the window passes its workstation's role; the command
line, for administrators and scripts, acts in the role the step needs (None)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...adapters.registers import MobileCitizensBase
from ...domain import appeals as rules
from ...domain.clock import KZ_TIME
from ...domain.deadlines import due as due_rule
from ...domain.labels import APPEAL_STATUS, STAFF_ROLE
from ...errors import Translatable, UserError
from ...i18n import N_, gettext
from .. import access, documents, production_calendar
from ..depersonalise import person_of
from ..assignment.history import user_of
from ..review import decisions
from ..review.routing import conclusion_of
from ..review import messages as review_messages
from .control import choose_control_department
from .records import appeal_by_id, kz_minutes, last_step_moment, result, select_open


MADE = {True: N_("proactively"), False: N_("in person")}  # how a conclusion was made (§56 or §54)


# -- the machinery every step shares ---------------------------------------------------------------
def check_step(session: Session, kind: str, state: str | None, step: str, actor_role: str | None) -> None:
    """Refuses (UserError, nothing changed) a step out of order or by the wrong role.  On a
    database with accounts the signed-in role decides (the permission table), and the
    step is taken in the role the step needs; ``actor_role`` is the choice of an unprotected one."""
    if not access.require(session, rules.STEP_ACTIONS[step]).unprotected:
        actor_role = None
    refusal = rules.refusal(kind, state, step, actor_role)
    if refusal is not None:
        params = dict(refusal.params)
        if params.get("state") in rules.STATES:
            params["state"] = gettext(APPEAL_STATUS[params["state"]])
        for key in ("role", "actor"):
            if params.get(key) in rules.ROLES:
                params[key] = gettext(rules.ROLES[params[key]])
        raise UserError(refusal.message, **params)


def _begin(session: Session, appeal: m.Appeal, step: str, at: datetime, actor_role: str | None) -> None:
    check_step(session, appeal.kind, appeal.status, step, actor_role)
    last = last_step_moment(appeal)
    if at < last:
        raise UserError("The step is dated {at}, before the case's last step ({last}).", at=at, last=last)


def _advance(session: Session, appeal: m.Appeal, step: str, state: str, at: datetime, actor_role: str | None,
             **data) -> None:
    """Moves to ``state`` (one the step may lead to) and records the step with its due date."""
    spec = rules.step_of(appeal.kind, step)
    if spec is None or state not in spec.targets:
        raise ValueError(f"{step} cannot lead to {state}")
    status = m.AppealStatus(state)  # a member stays itself; a plain string is checked
    appeal.status = status
    rule = rules.DUE_RULE.get((appeal.kind, status))
    appeal.due_at = due_rule(rule, at, production_calendar.load(session)).at if rule else None
    appeal.steps.append(m.AppealStep(at=at, step=step, status_after=state, role=actor_role or spec.role,
                                     user=user_of(session), data={**data, "due": kz_minutes(appeal.due_at)}))


def _next_number(session: Session, column, prefix: str) -> str:
    """The next number of a series ``prefix``/N (registration numbers, letters, protocols)."""
    taken = session.scalars(select(column).where(column.like(f"{prefix}/%")))
    numbers = [int(text.rsplit("/", 1)[1]) for text in taken if text.rsplit("/", 1)[1].isdigit()]
    return f"{prefix}/{max(numbers, default=0) + 1}"


def _local(at: datetime) -> date:
    return at.astimezone(KZ_TIME).date()


def _signed_act(session: Session, number: str) -> tuple[m.DraftAct, m.Conclusion]:
    """The act ``number`` and its signed conclusion (§48), which an appeal or a re-examination concerns."""
    act = decisions.act_by_number(session, number)
    if act.status != m.ActStatus.SIGNED or act.conclusion is None:
        raise UserError("Act {number} has no signed conclusion to appeal or re-examine; it is '{status}'.",
                        number=number, status=act.status)
    return act, act.conclusion


def _sms(session: Session, act: m.DraftAct, key: str, at: datetime, **params) -> list[dict]:
    """One SMS to the person (or representative) through the outbox, as printed by the step."""
    message = review_messages.queue_sms(session, act, key, at, **params)
    return [{"to": message.to, "lang": message.lang, "text": message.text}] if message else []


# -- filing (§54, §55, §56) ----------------------------------------------------------------------------
def _filing_checks(session: Session, act: m.DraftAct, kind: str, at: datetime,
                   received_on: date | None) -> tuple[bool, date | None]:
    """§56 appeals a proactive conclusion, §54 an in-person one (3-month window from the day it
    was received, by default the day it was signed; flagged when late); §55 complaints concern the
    service on any act.  One open case of a kind per act.  A complaint dated before the signature
    is not refused: scripts date steps freely; the order enforced is that of the case's own steps."""
    if kind in (rules.PROACTIVE, rules.IN_PERSON):
        act, conclusion = _signed_act(session, act.number)
        if conclusion.proactive != (kind == rules.PROACTIVE):
            raise UserError("The conclusion of act {number} was made {how}: file the appeal under {paragraph}.",
                            number=act.number, how=Translatable(MADE[conclusion.proactive]),
                            paragraph="§56" if conclusion.proactive else "§54")
    if session.scalar(select_open(kind, act.id).limit(1)) is not None:
        raise UserError("Act {number} already has an open case of this kind.", number=act.number)
    if kind != rules.IN_PERSON:
        return False, None
    own = act.conclusion
    signed = (own.signed_at or own.concluded_at) if own is not None else None
    received = received_on or min(_local(signed or at), _local(at))
    if received > _local(at):
        raise UserError("The conclusion cannot have been received ({received}) after the complaint ({at}).",
                        received=received.isoformat(), at=_local(at).isoformat())
    window = due_rule(rules.FILING_WINDOW_RULE, datetime.combine(received, time(0), tzinfo=KZ_TIME),
                      production_calendar.load(session))
    return at > window.at, received


def file_appeal(session: Session, number: str, at: datetime, *, kind: str = rules.PROACTIVE,
                received_on: date | None = None, text: str = "", actor_role: str | None = None) -> dict:
    """A complaint received at the department of permanent registration: §56 (due: registration
    by the deputy head, 2 working days), §54 (review, 20 working days; filed after 3 months it
    is flagged ``late``), §55 (5 or 15 working days from its registration)."""
    if kind not in rules.KINDS or kind == rules.CONTROL:
        raise UserError("Unknown kind of appeal {kind}: use {known}.", kind=str(kind)[:20],
                        known=", ".join(k for k in rules.KINDS if k != rules.CONTROL))
    check_step(session, kind, None, "file", actor_role)
    act = decisions.act_by_number(session, number)
    late, received = _filing_checks(session, act, kind, at, received_on)
    home = act.department.code if act.department else "MSE"
    appeal = m.Appeal(act=act, kind=kind, status=m.AppealStatus.FILED, filed_at=at, late=late,
                      conclusion_received_on=received, text=text[:4000],
                      registration_number=_next_number(session, m.Appeal.registration_number,
                                                       f"{home}-{_local(at).year}"))
    if kind == rules.IN_PERSON:  # §54: by the control department of the territorial department that concluded
        appeal.control_department = _own_control_department(session, _concluding_region(act))
    session.add(appeal)
    _advance(session, appeal, "file", rules.FILED, at, actor_role, late=late)
    session.flush()
    return result(appeal, [])


# -- §56: the deputy head registers, the Committee forwards, the control department concludes ------------
def _staff(session: Session, role: m.StaffRole, staff_id: int | None, region: str | None = None):
    """The staff member acting: the one named (who must hold ``role``), or the first of that role
    (of ``region`` for a deputy head); None where the database knows none."""
    if staff_id is not None:
        member = session.get(m.StaffMember, staff_id)
        if member is None or member.role != role:
            raise UserError("Staff member {id} does not hold the post: {role}.", id=staff_id,
                            role=Translatable(STAFF_ROLE[role.value]))
        return member
    query = select(m.StaffMember).where(m.StaffMember.role == role).order_by(m.StaffMember.id).limit(1)
    if region:
        query = query.where(m.StaffMember.region_code == region)
    return session.scalar(query)


def register(session: Session, appeal_id, at: datetime, *, staff_id: int | None = None,
             actor_role: str | None = None) -> dict:
    """§56: the deputy head marks the appeal in the list of expert decisions and fills its fields
    (App 24 columns 4-5); due: forwarding by the Committee, 2 working days."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "register", at, actor_role)
    region = appeal.act.department.region_code if appeal.act.department else None
    deputy = _staff(session, m.StaffRole.DEPUTY_HEAD, staff_id, region)
    appeal.registered_at, appeal.deputy_head = at, deputy
    _advance(session, appeal, "register", rules.REGISTERED, at, actor_role)
    return result(appeal, [])


def forward(session: Session, appeal_id, at: datetime, *, staff_id: int | None = None,
            actor_role: str | None = None) -> dict:
    """§56: a Committee specialist sends the act to an extraterritorial control department chosen
    automatically (another region than the person's, fewest appeals at control); due: its
    conclusion, 5 working days from arrival."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "forward", at, actor_role)
    department, why = choose_control_department(session, person_of(appeal.act).region_code)
    appeal.forwarded_at, appeal.control_department = at, department
    appeal.committee_specialist = _staff(session, m.StaffRole.COMMITTEE, staff_id)
    _advance(session, appeal, "forward", rules.AT_CONTROL, at, actor_role, **why)
    return result(appeal, [])


def review_context(appeal: m.Appeal, at: datetime) -> dict:
    """§56 concludes on the proactive act as it was (its facts, proactive mode); §54 and §73 are
    in-person re-examinations on their own day."""
    if appeal.kind == rules.PROACTIVE:
        return {}
    return {"mode": "in_person", "exam_date": _local(at)}


def conclude(session: Session, appeal_id, content, at: datetime, *, confirm_warnings: bool = False,
             actor_role: str | None = None) -> dict:
    """The control department's conclusion (docs/interfaces.md §3), checked by the same rules as an
    expert's decision, entered into the appendix to the act (App 8): §56, §54 and §73-3 (with the
    date the result applies from).  The outgoing letter is numbered and dated (App 24 col. 11-12)."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "conclude", at, actor_role)
    expert = None if access.trial(session) else access.judging_expert(session, None, "appeals.conclude")
    if not isinstance(content, dict):
        raise UserError("A decision is a JSON object (docs/interfaces.md §3).")
    checked = decisions.require_lawful(appeal.act, content, confirm_warnings, **review_context(appeal, at))
    appeal.decision = {"outcome": "conclusion", **content}
    appeal.concluded_at = at
    control = appeal.control_department
    appeal.letter_date = _local(at)
    appeal.letter_number = _next_number(session, m.Appeal.letter_number,
                                        f"{control.code if control else 'MSE'}-{_local(at).year}")
    sent = []
    if appeal.kind == rules.CONTROL:
        appeal.effective_from = rules.effective_from(
            conclusion_of(appeal.act).decision or {}, appeal.decision, _local(appeal.act.registered_at),
            _local(appeal.suspended_at) if appeal.suspended_at else None, _local(at))  # §73-3, §24.2
    else:
        sent = _sms(session, appeal.act, f"appeal:{appeal.uid}", at)
    warnings = [{"rule": f.rule, "severity": f.severity, "message": f.text()} for f in checked.warnings]
    _advance(session, appeal, "conclude", rules.CONCLUDED, at, actor_role, warnings_confirmed=bool(warnings),
             effective_from=appeal.effective_from.isoformat() if appeal.effective_from else None,
             expert=expert)  # signed in: the control department's expert who concluded, in their own name
    documents.follow_conclusion(session, appeal.act)  # the result documents are now the control department's
    return {**result(appeal, sent), "warnings": warnings}


def answer(session: Session, appeal_id, text: str, at: datetime, *, actor_role: str | None = None) -> dict:
    """§55: the answer to a complaint about the service (the head's, or the quality-control
    body's as received)."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "answer", at, actor_role)
    if not text.strip():
        raise UserError("An answer to a complaint needs its text.")
    appeal.answer, appeal.concluded_at, appeal.letter_date = text.strip()[:4000], at, _local(at)
    _advance(session, appeal, "answer", rules.CONCLUDED, at, actor_role)
    return result(appeal, [])


# -- §73: control re-examination ------------------------------------------------------------------------
def _concluding_region(act: m.DraftAct) -> str:
    """§54 "в административный орган ... чьи административный акт ... обжалуются": the region of the
    department that concluded (the person's registration when no department is known)."""
    return act.department.region_code if act.department else person_of(act).region_code


def _own_control_department(session: Session, region: str) -> m.Department:
    department = session.scalar(select(m.Department).where(
        m.Department.kind == m.DepartmentKind.METHODOLOGY_CONTROL, m.Department.region_code == region)
        .order_by(m.Department.code).limit(1))
    if department is None:
        raise UserError("There is no methodology and control department in the person's region (§73).")
    return department


def open_control(session: Session, number: str, ground: str, at: datetime, *,
                 mobile_base: MobileCitizensBase | None = None, actor_role: str | None = None) -> dict:
    """§73: the control department of the person's region re-examines in person on unreliable
    documents or an unjustified conclusion.  §73-1: an SMS to a number registered in БМГ (3
    working days from the SMS), otherwise a postal invitation (3 working days from its receipt).
    Without ``mobile_base`` a phone on record counts as registered: the referral passed F006."""
    if ground not in rules.GROUNDS:
        raise UserError("Unknown ground {ground}: use {known}.", ground=str(ground)[:40],
                        known=", ".join(rules.GROUNDS))
    check_step(session, rules.CONTROL, None, "open", actor_role)
    act, _conclusion = _signed_act(session, number)
    if session.scalar(select_open(rules.CONTROL, act.id).limit(1)) is not None:
        raise UserError("Act {number} already has an open case of this kind.", number=act.number)
    department = _own_control_department(session, person_of(act).region_code)
    phone = review_messages.person_phone(session, act)
    by_sms = bool(phone) and (mobile_base is None or mobile_base.is_registered(phone))
    opened = rules.INVITED if by_sms else rules.LETTER_SENT  # §73-1
    appeal = m.Appeal(act=act, kind=rules.CONTROL, status=opened, filed_at=at, text=ground,
                      control_department=department, invitation="sms" if by_sms else "post",
                      invited_at=at if by_sms else None,
                      registration_number=_next_number(session, m.Appeal.registration_number,
                                                       f"{department.code}-{_local(at).year}"))
    session.add(appeal)
    session.flush()
    _advance(session, appeal, "open", opened, at, actor_role,
             ground=ground, invitation=appeal.invitation)
    sent = _sms(session, act, f"control:{appeal.uid}", at, department=department.code,
                address=department.address) if by_sms else []
    return result(appeal, sent)


def letter_received(session: Session, appeal_id, at: datetime, *, actor_role: str | None = None) -> dict:
    """§73-1: the postal invitation was received; the 3 working days count from ``at``."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "letter_received", at, actor_role)
    appeal.invited_at = at
    _advance(session, appeal, "letter_received", rules.INVITED, at, actor_role)
    return result(appeal, [])


def no_show(session: Session, appeal_id, at: datetime, *, actor_role: str | None = None) -> dict:
    """§73-2: the person did not come within the 3 working days: the protocol of App 26, on which
    payments and benefits are suspended until the re-examination's conclusion."""
    appeal = appeal_by_id(session, appeal_id)
    _begin(session, appeal, "no_show", at, actor_role)
    if appeal.due_at and at <= appeal.due_at:
        raise UserError("The person may still come until {due} (§73-1).", due=appeal.due_at)
    appeal.suspended_at = at
    control = appeal.control_department
    appeal.protocol_number = _next_number(session, m.Appeal.protocol_number,
                                          f"{control.code if control else 'MSE'}-{_local(at).year}-П")
    _advance(session, appeal, "no_show", rules.SUSPENDED, at, actor_role, protocol=appeal.protocol_number)
    return result(appeal, [])
