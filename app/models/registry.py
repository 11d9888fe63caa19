"""Admission of independent experts to the registry (Registry Rules ch. 2-4, order No. 393
in the edition of order No. 494)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.states import ApplicationStatus
from .base import Base, PersonNameMixin, SyncMixin
from .org import enum_column

__all__ = ["ApplicationStatus"]


class RegistryApplication(PersonNameMixin, SyncMixin, Base):
    """An application to the registry of independent experts (Registry Rules App 2)."""

    __tablename__ = "registry_application"
    audit_values = False  # personal data: the audit log names the changed columns, not their values
    id: Mapped[int] = mapped_column(primary_key=True)
    iin: Mapped[str] = mapped_column(String(12), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20))
    specialty_profile: Mapped[str] = mapped_column(String(200))
    nosologies: Mapped[list] = mapped_column(default=list)
    documents: Mapped[dict] = mapped_column(default=dict, doc="Registry Rules p. 5-6")
    consent: Mapped[bool] = mapped_column(default=False, doc="consent to personal data processing (p. 6, App 2)")
    status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus), index=True)
    submitted_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    test_attempts: Mapped[int] = mapped_column(default=0, doc="one retest allowed (p. 9)")
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"), doc="the expert once included")

    steps: Mapped[list[RegistryStep]] = relationship(back_populates="application", cascade="all, delete-orphan",
                                                      order_by="RegistryStep.id")


class RegistryStep(Base):
    """One step of an application's procedure, as it happened."""

    __tablename__ = "registry_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("registry_application.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    step: Mapped[str] = mapped_column(String(24))
    status_after: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(default=dict, doc="reasons, score, proctoring, due date after the step")
    user: Mapped[str] = mapped_column(String(100), default="")

    application: Mapped[RegistryApplication] = relationship(back_populates="steps")
