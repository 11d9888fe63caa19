"""SQLAlchemy models of the whole mission; Alembic migrations live in ``app/migrations``."""

from .base import Base, table_of, utcnow
from .cases import (PENDING_STATUSES, ActEvent, ActNumberCounter, ActStatus, Appeal, AppealStatus, AppealStep,
                    Assignment, Conclusion, DocumentCounter, DocumentPrint, DraftAct, DueDocument, ExpertDecision,
                    IssuedDocument, Notice,
                    OutboxMessage, PackageCheck, Person, ReferralPackage)
from .figures import ActFigures
from .org import (EXPERT_ROLES, Absence, AbsenceKind, Account, AuditEntry, AuditHead, CalendarDay, Department,
                  DepartmentKind, Region, RegistryStatus, Setting, SignInAttempt, StaffMember, StaffRole)
from .registry import ApplicationStatus, RegistryApplication, RegistryStep
from .sync import HubCommand, HubUser, SyncOutboxEntry, SyncRecord, SyncState

__all__ = [
    "Base", "table_of", "utcnow", "ActFigures",
    "PENDING_STATUSES", "ActEvent", "ActNumberCounter", "ActStatus", "Appeal", "AppealStatus",
    "AppealStep", "Assignment",
    "Conclusion", "DocumentCounter", "DocumentPrint", "DraftAct", "DueDocument", "ExpertDecision", "IssuedDocument",
    "Notice", "OutboxMessage", "PackageCheck", "Person", "ReferralPackage",
    "EXPERT_ROLES", "Absence", "Account", "AuditHead", "AbsenceKind", "AuditEntry",
    "CalendarDay", "Department", "DepartmentKind", "Region",
    "RegistryStatus", "Setting", "SignInAttempt", "StaffMember", "StaffRole", "ApplicationStatus",
    "RegistryApplication",
    "RegistryStep", "HubCommand", "HubUser", "SyncOutboxEntry", "SyncRecord", "SyncState",
]
