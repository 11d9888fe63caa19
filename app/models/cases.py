"""The proactive pipeline: referral packages, the people they concern, draft acts (kept
depersonalised, §25.2), expert assignments and decisions, consolidated conclusions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.states import (PENDING_STATUSES, ActStatus, AppealStatus, AssignmentRole, DecisionOutcome,
                             OutboxStatus, Route)
from .base import Base, PersonNameMixin, SyncMixin, utcnow
from .keys import KEY_LENGTH, decision_key, result_key
from .org import Department, StaffMember, enum_column, string_enum

__all__ = ["PENDING_STATUSES", "ActStatus", "AppealStatus", "AssignmentRole", "DecisionOutcome", "OutboxStatus",
           "Route"]  # the states' names, where the models were always read from


class Person(PersonNameMixin, SyncMixin, Base):
    """The examined person: the personal part, stored apart from the depersonalised draft act
    so that it never leaves the department or hub with the case (§25.2)."""

    __tablename__ = "person"
    audit_values = False  # personal data: the audit log names the changed columns, not their values
    id: Mapped[int] = mapped_column(primary_key=True)
    iin: Mapped[str] = mapped_column(String(12), unique=True)
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(String(6))
    phone: Mapped[str] = mapped_column(String(20), default="")
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True, doc="permanent registration")
    registration_address: Mapped[dict] = mapped_column(default=dict)
    actual_address: Mapped[dict | None]
    legal_capacity: Mapped[str] = mapped_column(String(8), default="full")
    language: Mapped[str | None] = mapped_column(
        String(2), doc="'kk' or 'ru' for SMS and notices; None = not known: both languages")


class ReferralPackage(Base):
    """One inbound form 031/у package as received from a medical information system (§10-12),
    kept verbatim; personal data, so it stays with the department."""

    __tablename__ = "referral_package"
    audit_values = False
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(100), index=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    accepted: Mapped[bool]
    content: Mapped[dict | None] = mapped_column(doc="the package as received; None when it was not JSON")

    checks: Mapped[list[PackageCheck]] = relationship(back_populates="package", cascade="all, delete-orphan")


class PackageCheck(Base):
    """A failed automatic check of a package, by the codes of App 5 (§15-16).  ``message`` is
    the English message id, ``params`` its placeholders: shown in the reader's language."""

    __tablename__ = "package_check"
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("referral_package.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict] = mapped_column(default=dict)

    package: Mapped[ReferralPackage] = relationship(back_populates="checks")


class DraftAct(SyncMixin, Base):
    """A draft MSE act (App 8), depersonalised (§25.2): only age, sex, working or not,
    diagnoses and clinical data.  The personal part is reached through ``person_id`` and
    ``package_id`` and is never sent to an expert: on an expert's workstation both are None."""

    __tablename__ = "draft_act"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(14), unique=True, doc="YYYYMMDD + 6-digit daily sequence (§25.1)")
    registered_at: Mapped[datetime] = mapped_column(
        index=True, doc="forming of the draft act = date of establishing (§24.2)")
    status: Mapped[ActStatus] = mapped_column(enum_column(ActStatus), index=True)
    due_at: Mapped[datetime | None] = mapped_column(index=True, doc="deadline of the current stage")
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id"), index=True,
        doc="department at permanent registration (§48); None while no department of that region is known")
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id"), index=True, doc="None on an expert's workstation, which holds no person (§25.2)")
    package_id: Mapped[int | None] = mapped_column(ForeignKey("referral_package.id"))
    purpose: Mapped[str] = mapped_column(String(24))
    age_years: Mapped[int]
    sex: Mapped[str] = mapped_column(String(6))
    working: Mapped[bool]
    diagnosis_main_icd10: Mapped[str] = mapped_column(String(10), index=True)
    diagnosis_main_text: Mapped[str] = mapped_column(String(300), default="")
    diagnoses_concomitant: Mapped[list] = mapped_column(default=list)
    concomitant_summary: Mapped[str] = mapped_column(String(300), default="", doc="codes and names, for App 9")
    clinical: Mapped[dict] = mapped_column(default=dict, doc="depersonalised clinical part of form 031/у")
    waiting_reason: Mapped[dict | None] = mapped_column(
        doc="why a place of the panel is still empty: {'message': id, 'params': {...}} (§25.4)")

    department: Mapped[Department | None] = relationship()
    person: Mapped[Person | None] = relationship()
    assignments: Mapped[list[Assignment]] = relationship(back_populates="act", cascade="all, delete-orphan")
    conclusion: Mapped[Conclusion | None] = relationship(back_populates="act", cascade="all, delete-orphan")
    events: Mapped[list[ActEvent]] = relationship(back_populates="act", cascade="all, delete-orphan",
                                                  order_by="ActEvent.id")

    __table_args__ = (Index("ix_draft_act_status_registered", "status", "registered_at"),)


class ActNumberCounter(Base):
    """The last sequence number given to a draft act on one day of receipt (§25.1).  Raised in
    the same transaction that stores the act, so numbers are unique and have no gaps."""

    __tablename__ = "act_number_counter"
    day: Mapped[str] = mapped_column(String(8), primary_key=True, doc="YYYYMMDD")
    last_number: Mapped[int]


class Assignment(SyncMixin, Base):
    """A draft act sent to one of its three extraterritorial experts (§25.4-25.5); a
    redistributed act points at the assignment it replaced (Registry Rules p. 14)."""

    __tablename__ = "assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"), index=True)
    role: Mapped[AssignmentRole] = mapped_column(string_enum(AssignmentRole, 12), doc="§25.4")
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime] = mapped_column(doc="3 working days, 16:00 rule (§20.3)")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    withdrawn: Mapped[bool] = mapped_column(default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(doc="when the expert became unavailable")

    act: Mapped[DraftAct] = relationship(back_populates="assignments")
    expert: Mapped[StaffMember] = relationship()
    decisions: Mapped[list[ExpertDecision]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="ExpertDecision.id")
    decision: Mapped[ExpertDecision | None] = relationship(
        primaryjoin="and_(ExpertDecision.assignment_id == Assignment.id, ExpertDecision.superseded_at.is_(None))",
        viewonly=True, uselist=False, doc="the decision in force: submitted and not superseded")


class ActEvent(SyncMixin, Base):
    """One step in a draft act's history, with who, when and why: received, assigned,
    reassigned, a place left empty (§25.4; Registry Rules p. 14)."""

    __tablename__ = "act_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16), doc="app.domain.panel.EVENT_KINDS")
    user: Mapped[str] = mapped_column(String(100))
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    reason: Mapped[dict | None] = mapped_column(doc="{'message': id, 'params': {...}}, translated when shown")
    detail: Mapped[dict] = mapped_column(default=dict, doc="e.g. the draw's seed and the chosen experts' loads")

    act: Mapped[DraftAct] = relationship(back_populates="events")
    expert: Mapped[StaffMember | None] = relationship()
    assignment: Mapped[Assignment | None] = relationship()


class ExpertDecision(SyncMixin, Base):
    """One expert's decision on one draft act (§42-46; docs/interfaces.md §3), signed (ЭЦП).  Never
    edited once submitted: a correction is a new row that supersedes it, and both are kept."""

    __tablename__ = "expert_decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    decided_at: Mapped[datetime]
    outcome: Mapped[DecisionOutcome] = mapped_column(string_enum(DecisionOutcome, 16), doc="§42-45")
    content: Mapped[dict] = mapped_column(doc="the decision in the format of docs/interfaces.md §3")
    signature: Mapped[str] = mapped_column(Text, default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("expert_decision.id"),
                                                      doc="the decision this one corrects")
    superseded_at: Mapped[datetime | None] = mapped_column(doc="when a correction replaced it")
    warnings_confirmed: Mapped[bool] = mapped_column(default=False, doc="the expert confirmed the rules' warnings")
    sent_at: Mapped[datetime | None] = mapped_column(
        doc="on an expert's workstation: when the decision left for the department (file or sync)")
    # what the decision establishes, kept by the database for the statistics (app/models/keys.py)
    stat_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH), decision_key())
    stat_group: Mapped[str | None] = mapped_column(String(KEY_LENGTH), decision_key("group"))
    stat_cause: Mapped[str | None] = mapped_column(String(KEY_LENGTH), decision_key("cause"))
    stat_term: Mapped[str | None] = mapped_column(String(KEY_LENGTH), decision_key("term"))

    assignment: Mapped[Assignment] = relationship(back_populates="decisions")


class Conclusion(SyncMixin, Base):
    """The consolidated result of the three decisions (§44-48), signed by the head of the
    department at permanent registration on the day it arrives (§48)."""

    __tablename__ = "conclusion"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id", ondelete="CASCADE"), unique=True)
    route: Mapped[Route] = mapped_column(string_enum(Route, 24), doc="§44-48")
    decision: Mapped[dict | None]
    agreeing: Mapped[int] = mapped_column(default=0)
    concluded_at: Mapped[datetime]
    proactive: Mapped[bool] = mapped_column(default=True, doc="mark 'вынесено заочно проактивно' (§51 part 3)")
    signed_at: Mapped[datetime | None]
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    signature: Mapped[str] = mapped_column(Text, default="", doc="the head's signature of the decision (§48)")
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_member.id"), doc="the head-expert (§47) or the head concluding in person (§45)")
    arrived_at: Mapped[datetime | None] = mapped_column(doc="§45: the person came for the in-person examination")
    reminded_at: Mapped[datetime | None] = mapped_column(doc="§45: the SMS repeated after a no-show")
    closed_at: Mapped[datetime | None] = mapped_column(doc="§45: closed after 4 working days or a refusal")
    closed_reason: Mapped[str | None] = mapped_column(String(12), doc="no_show | refused (§45)")
    stat_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH), result_key("decision"),
                                                 doc="what the decision establishes (app/models/keys.py)")

    act: Mapped[DraftAct] = relationship(back_populates="conclusion")


class Appeal(SyncMixin, Base):
    """A complaint against a conclusion (§54, §56; journal App 24), about the service (§55), or a
    control re-examination (§73-73-3), and its course; ``kind`` says which (``app.domain.appeals``)."""

    __tablename__ = "appeal"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="proactive", index=True,
                                      doc="proactive §56 | in_person §54 | service_head, service_quality, "
                                          "committee_head §55 | "
                                          "control §73")
    status: Mapped[AppealStatus] = mapped_column(enum_column(AppealStatus), index=True)
    filed_at: Mapped[datetime] = mapped_column(index=True, doc="complaint received / re-examination opened")
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    registration_number: Mapped[str] = mapped_column(String(30), default="")
    late: Mapped[bool] = mapped_column(default=False, doc="§54: filed after the 3-month window (flagged)")
    conclusion_received_on: Mapped[date | None] = mapped_column(doc="§54: the day the person received the conclusion")
    text: Mapped[str] = mapped_column(Text, default="", doc="what the complaint says (§55), or the §73 ground")
    registered_at: Mapped[datetime | None] = mapped_column(doc="by the deputy head, 2 working days (§56)")
    deputy_head_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    forwarded_at: Mapped[datetime | None] = mapped_column(doc="by a Committee specialist, 2 working days (§56)")
    committee_specialist_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    control_department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    invitation: Mapped[str | None] = mapped_column(String(8), doc="§73-1: 'sms' (БМГ number) or 'post'")
    invited_at: Mapped[datetime | None] = mapped_column(doc="§73-1: SMS sent, or the postal letter received")
    suspended_at: Mapped[datetime | None] = mapped_column(doc="§73-2: protocol App 26, payments suspended")
    protocol_number: Mapped[str] = mapped_column(String(30), default="", doc="App 26")
    concluded_at: Mapped[datetime | None] = mapped_column(doc="control department, 5 working days (§56)")
    decision: Mapped[dict | None]
    effective_from: Mapped[date | None] = mapped_column(doc="§73-3: the date the new result applies from")
    answer: Mapped[str] = mapped_column(Text, default="", doc="§55: the answer to a complaint about the service")
    letter_number: Mapped[str] = mapped_column(String(30), default="")
    letter_date: Mapped[date | None]
    stat_key: Mapped[str | None] = mapped_column(String(KEY_LENGTH), result_key("decision"),
                                                 doc="what the decision establishes (app/models/keys.py)")

    act: Mapped[DraftAct] = relationship()
    control_department: Mapped[Department | None] = relationship()
    deputy_head: Mapped[StaffMember | None] = relationship(foreign_keys=[deputy_head_id])
    committee_specialist: Mapped[StaffMember | None] = relationship(foreign_keys=[committee_specialist_id])
    steps: Mapped[list[AppealStep]] = relationship(back_populates="appeal", cascade="all, delete-orphan",
                                                   order_by="AppealStep.id")


class AppealStep(Base):
    """One step of an appeal's course as it happened: who (role and user), when, the due date after."""

    __tablename__ = "appeal_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeal.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    step: Mapped[str] = mapped_column(String(24))
    status_after: Mapped[str] = mapped_column(String(24))
    role: Mapped[str] = mapped_column(String(16), default="")
    user: Mapped[str] = mapped_column(String(100), default="")
    data: Mapped[dict] = mapped_column(default=dict, doc="due date after the step, the control department's choice")

    appeal: Mapped[Appeal] = relationship(back_populates="steps")


class IssuedDocument(SyncMixin, Base):
    """A result document with its series and number (App 19-23, 4, 26; §49-53)."""

    __tablename__ = "issued_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("draft_act.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32), doc="disability-certificate, uot-certificate, ...")
    series: Mapped[str] = mapped_column(String(8))
    number: Mapped[str] = mapped_column(String(20))
    issued_at: Mapped[datetime]
    printed_count: Mapped[int] = mapped_column(default=0, doc="paper copies printed on request (§51 part 2)")
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id"), doc="the issuing department; series = its code and the year")
    content_hash: Mapped[str] = mapped_column(String(64), default="", doc="of the issued content, in its QR code")
    appeal_id: Mapped[int | None] = mapped_column(
        ForeignKey("appeal.id"), index=True, doc="the control department's conclusion it was issued on (§54, §56, "
                                                 "§73-3); None: the act's own conclusion (§48)")
    content: Mapped[dict | None] = mapped_column(doc="what the document said when first issued: every reprint is a "
                                                     "copy of this, never of the database as it is now")
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"),
                                                       doc="the document issued in its place on a new conclusion")
    replaced_at: Mapped[datetime | None] = mapped_column(doc="no longer in force: a new conclusion replaced it")

    audit_values = ("content",)  # the issued content names the person: the audit log says only that it was set
    __table_args__ = (UniqueConstraint("kind", "series", "number", name="uq_issued_document_kind_series_number"),)


class DocumentCounter(Base):
    """The last number given to a kind of document by a department in a year: numbers of a
    series are allocated under a lock, one after another, and never reused (App 8 items 32.1-32.6)."""

    __tablename__ = "document_counter"
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_number: Mapped[int]


class DocumentPrint(Base):
    """A paper copy printed on request (§51 part 2): who, when, which document, which copy."""

    __tablename__ = "document_print"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("issued_document.id", ondelete="CASCADE"), index=True)
    printed_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    copy: Mapped[int] = mapped_column(doc="1 for the first paper copy, then 2, 3, ...")


class Notice(Base):
    """A notice to the medical organisation (rejection, expert conclusion, in-person routing;
    §16, §44, §45, §48), bilingual."""

    __tablename__ = "notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int | None] = mapped_column(ForeignKey("draft_act.id"), index=True)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("referral_package.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    text_kk: Mapped[str] = mapped_column(Text)
    text_ru: Mapped[str] = mapped_column(Text)
    proactive_mark: Mapped[bool] = mapped_column(default=False, doc="'вынесено заочно проактивно' (§51 part 3)")


class OutboxMessage(Base):
    """An SMS or e-mail waiting for (or handed to) the gateway; nothing is lost if sending fails."""

    __tablename__ = "outbox_message"
    audit_values = False  # the addressee's phone and name
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), default="sms")
    to: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    act_id: Mapped[int | None] = mapped_column(ForeignKey("draft_act.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("registry_application.id"))
    key: Mapped[str | None] = mapped_column(String(80), unique=True, doc="one message per step: never queued twice")
    status: Mapped[OutboxStatus] = mapped_column(string_enum(OutboxStatus, 8), default=OutboxStatus.PENDING,
                                                 index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="", doc="why the gateway refused it last time")


class DueDocument(Base):
    """A result document a signed conclusion calls for (§51), waiting for its series and number
    from the documents' register (``app.services.review.signing.DOCUMENT_ISSUER``)."""

    __tablename__ = "due_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    act_id: Mapped[int] = mapped_column(ForeignKey("draft_act.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), doc="disability-certificate, uot-certificate, ... (§51)")
    due_since: Mapped[datetime]
    proactive_mark: Mapped[bool] = mapped_column(doc="'Экспертное заключение вынесено заочно проактивно' (§51 part 3)")
    issued_document_id: Mapped[int | None] = mapped_column(ForeignKey("issued_document.id"))

    __table_args__ = (UniqueConstraint("act_id", "kind", name="uq_due_document_act_kind"),)
