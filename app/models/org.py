"""Organisation: regions, MSE departments, the people working in them, their availability,
the production calendar, workstation settings and the audit log."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..column_types import enum_column as enum_column  # the other models' modules take them from here
from ..column_types import string_enum as string_enum
from ..domain.states import RegistryStatus as RegistryStatus  # with the other states
from ..domain.states import EXPERT_ROLES as EXPERT_ROLES
from ..domain.states import StaffRole as StaffRole
from .base import Base, PersonNameMixin, SyncMixin, utcnow


class Region(Base):
    """The 17 regions and 3 cities of national significance (territorial departments, §5)."""

    __tablename__ = "region"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))


class DepartmentKind(enum.Enum):
    """Kinds of MSE departments: general, specialised, paediatric (§6) and the
    methodology-and-control department that consults and reviews appeals (§20.2, §56, §73)."""

    GENERAL = "general"
    SPECIALISED = "specialised"
    PAEDIATRIC = "paediatric"
    METHODOLOGY_CONTROL = "methodology_control"


class Department(SyncMixin, Base):
    """An MSE department of a territorial department; signs conclusions for people whose
    permanent registration it serves (§48) and keeps the daily protocol journal (App 17/18)."""

    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    kind: Mapped[DepartmentKind] = mapped_column(enum_column(DepartmentKind))
    number: Mapped[int]
    address: Mapped[str] = mapped_column(String(300), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")

    region: Mapped[Region] = relationship()


class StaffMember(PersonNameMixin, SyncMixin, Base):
    """A person working in a department, or an independent expert of the registry."""

    __tablename__ = "staff_member"
    audit_values = False  # personal data: the audit log names the changed columns, not their values
    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole), index=True)
    iin: Mapped[str] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    specialty_profile: Mapped[str] = mapped_column(String(200), default="")
    nosologies: Mapped[list] = mapped_column(default=list, doc="ICD-10 ranges, e.g. ['C00-C97'] (Registry Rules App 1)")
    status: Mapped[RegistryStatus] = mapped_column(enum_column(RegistryStatus), default=RegistryStatus.ACTIVE)
    included_on: Mapped[date | None]
    excluded_on: Mapped[date | None]
    exclusion_reason: Mapped[int | None] = mapped_column(doc="Registry Rules p. 13 (1)-(6)")
    registry_number: Mapped[int | None] = mapped_column(doc="No. in the registry, in order of inclusion (App 1)")

    department: Mapped[Department | None] = relationship()
    absences: Mapped[list[Absence]] = relationship(back_populates="staff_member", cascade="all, delete-orphan")


class AbsenceKind(enum.Enum):
    """Reasons an expert is not given draft acts (§25.4)."""

    ANNUAL_LEAVE = "annual_leave"
    UNPAID_LEAVE = "unpaid_leave"
    SICK_LEAVE = "sick_leave"
    FIELD_SESSION = "field_session"


class Absence(Base):
    __tablename__ = "absence"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AbsenceKind] = mapped_column(enum_column(AbsenceKind))
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    staff_member: Mapped[StaffMember] = relationship(back_populates="absences")


class CalendarDay(Base):
    """A day whose status differs from the ordinary Monday-Friday week and public holidays:
    the government's transfers and days an administrator added (Labour Code; docs/domain.md §8)."""

    __tablename__ = "calendar_day"
    day: Mapped[date] = mapped_column(primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(20), default="admin", doc="'decree' or 'admin'")


class Setting(Base):
    """Settings of this workstation: its department, the user's name, the language."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Account(Base):
    """Someone who signs in: a role of ``app.domain.roles.Role``, for the roles that judge the
    person's expert record (one human, one IIN, across staff and registry rows) and an Argon2id
    password hash.  Failed attempts are counted by the name typed (``SignInAttempt``)."""

    __tablename__ = "account"
    audit_values = ("password_hash",)  # the audit trail says the hash changed, never what it is
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"), index=True,
                                                  doc="the person's expert record (roles that judge)")
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in: Mapped[datetime | None]


class SignInAttempt(Base):
    """Failed sign-ins in a row under one account name, whether an account of that name exists
    or not: the same count and the same lock for both, so a refusal never tells which names are
    accounts.  Counted by the database in one statement (``accounts._count_failure``)."""

    __tablename__ = "sign_in_attempt"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]


class AuditHead(Base):
    """The end of the audit chain: one row, locked by whoever appends, so two processes never
    chain onto the same entry; it also makes a deleted last entry visible."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    entries: Mapped[int] = mapped_column(default=0)
    last_id: Mapped[int | None]
    last_hash: Mapped[str] = mapped_column(String(64), default="")


class AuditEntry(Base):
    """Append-only record of who changed what (rows are never updated or deleted), each entry
    chained to the one before by ``hash`` = SHA-256 of the previous hash and its own content."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict] = mapped_column(default=dict)
    before: Mapped[dict] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (Index("ix_audit_entry_table_row", "table_name", "row_id"),)
