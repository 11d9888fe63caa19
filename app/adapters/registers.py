"""The national registers intake asks about a referral (§10, §15-16, App 5), one small
interface each.  The real ones are reached through the e-government gateway; a web-service
client only has to implement these protocols.  ``lookups`` is the directory-backed stand-in
of docs/interfaces.md §2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

LifeStatus = Literal["alive", "deceased", "emigrated"]


@dataclass(frozen=True)
class IndividualRecord:
    """What the individuals' database (ГБД ФЛ) says of one IIN (§15 part 1)."""

    last_name: str
    first_name: str
    middle_name: str
    birth_date: date | None
    status: LifeStatus
    permanent_registration: bool


@dataclass(frozen=True)
class Attachment:
    """A patient's attachment to a medical organisation in РПН (§10.1)."""

    medical_org_bin: str
    attached_since: date | None


class IndividualsRegister(Protocol):
    """ГБД ФЛ: alive, deceased or emigrated; name; permanent registration (REC001-004, LEG001-003)."""

    def individual(self, iin: str) -> IndividualRecord | None: ...


class MobileCitizensBase(Protocol):
    """БМГ: is this mobile number registered (F006, §15 part 2)."""

    def is_registered(self, phone: str) -> bool: ...


class AttachmentRegister(Protocol):
    """РПН: the medical organisation the patient is attached to (F009, §16.6)."""

    def attachment(self, iin: str) -> Attachment | None: ...


class DocumentStore(Protocol):
    """ХЭД: the SHA-256 of a stored electronic document, or None when there is none (F014, F015)."""

    def sha256(self, document_id: str) -> str | None: ...


class TechnicalAidsSystem(Protocol):
    """ИС ТСР: the technical aids with a filled questionnaire for this IIN (F012, §16 part 2)."""

    def questionnaires(self, iin: str) -> frozenset[str]: ...


@dataclass(frozen=True)
class Registers:
    """The five registers intake consults."""

    individuals: IndividualsRegister
    mobile_citizens: MobileCitizensBase
    attachments: AttachmentRegister
    documents: DocumentStore
    technical_aids: TechnicalAidsSystem


def phone_digits(phone: str) -> str:
    """A Kazakhstan mobile number as its 10 national digits: "+7 701 123-45-67", "87011234567"
    and "7011234567" are the same number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 11 and digits[0] in "78":
        return digits[1:]
    return digits
