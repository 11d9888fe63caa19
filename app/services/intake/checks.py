"""The automatic checks of an inbound form 031/у (§15-16, App 5; docs/interfaces.md §1).

Every check runs and every failure is reported, in the order of App 5 (F…, REC…, LEG…).
A field of the wrong type counts as missing, and is reported by the check that owns it
(form.number by F003, the phones by F005, …); mandatory fields and every other member of
the wrong shape go to F008, one finding listing all of them.

Readings of the seed (also in docs/interpretations.md):
- the receipt time is the import time, or ``--received-at``;
- F004: the form is valid for one month from the day it was signed, to the end of the same
  date of the next month (``deadlines`` rule ``form_validity``; §9.2, §11.5, §16.5); a form
  dated after its receipt has no valid date (F003);
- F006 checks the number the consent came from when it is the patient's or the
  representative's, otherwise the patient's number, otherwise the representative's;
- F013 and REC005 take the age in full years on the day of receipt; F013 reads the purpose
  ``disability_repeat`` as a repeat examination, every other purpose as a primary referral;
- F017 "a form under review": an accepted case whose act is waiting, under review, with the
  head-expert or routed in person (``PENDING_STATUSES``); concluded, signed and rejected cases
  are closed;
- REC002/LEG003 compare surname, name and patronymic case-insensitively, ё = е, extra spaces
  ignored, and the Kazakh letters equal to their Russian counterparts (Қалиев = Калиев), as
  medical systems often type Kazakh names on a Russian keyboard;
- an IIN unknown to ГБД ФЛ is REC002 (LEG003 for the representative).
"""

from __future__ import annotations

from functools import lru_cache

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from ...adapters.registers import IndividualRecord, Registers, phone_digits
from ...domain import app15
from ...domain.clock import KZ_TIME
from ...domain.deadlines import due
from ...domain.iin import iin_checksum_ok, parse_iin
from ...domain.regions import region_by_name
from ...domain.rules.age import age_on
from ...domain.workdays import WorkingCalendar
from ...i18n import N_
from .findings import Finding, in_app5_order

ELIGIBLE_PURPOSES = ("disability_primary", "disability_repeat", "uot", "ipr", "ipr_correction")  # §12, §42
PURPOSES = (*ELIGIBLE_PURPOSES, "cause_change", "upt", "additional_care")
SEXES = ("male", "female")
CAPACITIES = ("full", "limited", "none")
RELATIONS = ("parent", "guardian", "trustee")
IMPAIRMENTS = ("mental", "sensory", "statodynamic", "circulation", "respiration", "digestion", "excretion",
               "metabolism", "blood", "endocrine", "immunity")  # App 6 §1
REHAB_POTENTIALS = ("high", "satisfactory", "low", "none")
REHAB_PROGNOSES = ("favorable", "relatively_favorable", "doubtful", "unfavorable")
ATTACHMENT_KINDS = ("consultation", "lab", "imaging", "discharge", "other")
OLDEST_AGE = 130  # a birth date further back is a typing error
SHA256 = re.compile(r"[0-9a-fA-F]{64}")
NAME_LENGTH = 100  # the person's names and the message id are kept in columns of this width
LIMITED_TEXT = ("patient.last_name", "patient.first_name", "patient.middle_name", "message_id")
BIN = re.compile(r"\d{12}")


class History(Protocol):
    """What the database knows of earlier packages (F016, F017), and the person's row if any."""

    person_id: int | None

    def message_accepted(self, message_id: str) -> bool: ...

    def case_open(self, iin: str) -> bool: ...


@lru_cache(maxsize=1024)
def _keys(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def lookup(package: dict, path: str):
    """The member at the dotted ``path``, or None when it or a section on the way is missing."""
    value: Any = package
    for key in _keys(path):  # the checks ask about a hundred paths a package
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def text(value) -> str | None:
    """A non-empty string, stripped, or None."""
    return value.strip() or None if isinstance(value, str) else None


def iso_date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def fold_name(name: str | None) -> str:
    """A name for comparison (REC002, LEG003): case, ё/е, spaces and Kazakh letters folded."""
    return " ".join((name or "").casefold().translate(KAZAKH_TO_RUSSIAN).split())


KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһіё", "агкноуухие")


@dataclass
class Package:
    """One package being checked, with what every check needs."""

    raw: dict
    registers: Registers
    history: History
    received_at: datetime  # Kazakhstan time
    calendar: WorkingCalendar

    def get(self, path: str):
        return lookup(self.raw, path)

    @property
    def iin(self) -> str | None:
        iin = text(self.get("patient.iin"))
        return iin if iin and iin.isdigit() and len(iin) == 12 and iin_checksum_ok(iin) else None

    @property
    def representative(self) -> dict | None:
        representative = self.get("representative")
        return representative if isinstance(representative, dict) else None

    def birth_date(self) -> date | None:
        """The patient's birth date as written on the form, else as the IIN encodes it."""
        written = iso_date(self.get("patient.birth_date"))
        if written and plausible_birth(written, self.received_at.date()):
            return written
        if self.iin:
            try:
                return parse_iin(self.iin).birth_date
            except ValueError:
                return None
        return None

    def age(self) -> int | None:
        """Full years on the day of receipt (F013, REC005)."""
        born = self.birth_date()
        return age_on(born, self.received_at.date()) if born and born <= self.received_at.date() else None


def plausible_birth(born: date, received: date) -> bool:
    return received.year - OLDEST_AGE <= born.year and born <= received


# -- F001-F017 ---------------------------------------------------------------------------------
def _phones(p: Package) -> dict[str, str]:
    """The mobile numbers on the form by field path: the patient's, the representative's."""
    phones = {"patient.phone": text(p.get("patient.phone"))}
    if p.representative is not None:
        phones["representative.phone"] = text(p.representative.get("phone"))
    return {path: phone for path, phone in phones.items() if phone}


def check_consent(p: Package) -> Iterator[Finding]:
    """F001 (§11.1, §16.1): a consent whose reply came from the patient's or representative's phone."""
    consent = p.get("consent")
    reply = text(consent.get("reply_phone")) if isinstance(consent, dict) else None
    phones = {phone_digits(phone) for phone in _phones(p).values()}
    if not isinstance(consent, dict):
        yield Finding("F001", N_("consent: there is no consent message."))
    elif reply is None:
        yield Finding("F001", N_("consent.reply_phone: the consent message has no sender's number."))
    elif phones and phone_digits(reply) not in phones:  # no phone at all is F005
        yield Finding("F001", N_("consent.reply_phone: the consent came from a number that is neither the "
                                 "patient's nor the representative's."))


def check_form(p: Package) -> Iterator[Finding]:
    """F002 (a form section), F003 (its number and date), F004 (one month of validity)."""
    form = p.get("form")
    if not isinstance(form, dict):
        yield Finding("F002", N_("form: the package has no form 031/u."))
        return
    if text(form.get("number")) is None:
        yield Finding("F003", N_("form.number: the number of the form is missing."))
    signed = iso_date(form.get("date"))
    if form.get("date") is None:
        yield Finding("F003", N_("form.date: the date of the form is missing."))
    elif signed is None:
        yield Finding("F003", N_("form.date: not a date YYYY-MM-DD."))
    elif signed > p.received_at.date():
        yield Finding("F003", N_("form.date: the form is dated after its receipt."))
    else:
        valid_until = due("form_validity", datetime.combine(signed, time(), KZ_TIME), p.calendar).at
        if p.received_at > valid_until:  # §9.2, §11.5, §16.5
            yield Finding("F004", N_("form.date: the form of {signed} was valid until {valid_until}."),
                          signed=signed.isoformat(), valid_until=valid_until.date().isoformat())


def check_phones(p: Package) -> Iterator[Finding]:
    """F005 no mobile number; F006 the number is not in БМГ (§15 part 2)."""
    phones = _phones(p)
    if not phones:
        yield Finding("F005", N_("patient.phone: neither the patient nor the representative has a mobile number."))
        return
    reply = text(lookup(p.raw, "consent.reply_phone"))
    path = next((path for path, phone in phones.items() if reply and phone_digits(phone) == phone_digits(reply)),
                next(iter(phones)))
    if not p.registers.mobile_citizens.is_registered(phones[path]):
        yield Finding("F006", N_("{field}: the mobile number is not registered in the mobile citizens' base."),
                      field=path)


def check_signature(p: Package) -> Iterator[Finding]:
    """F007 (§16.8): a digital signature with a value."""
    signature = p.get("form.signature")
    if isinstance(p.get("form"), dict) and not (isinstance(signature, dict) and text(signature.get("value"))):
        yield Finding("F007", N_("form.signature: the form has no digital signature."))


def _mandatory(p: Package) -> Iterator[str]:
    """Paths of the mandatory fields that are missing or invalid (docs/interfaces.md §1, §11.3, §16.3)."""
    iin = text(p.get("patient.iin"))
    if p.iin is None:
        yield "patient.iin" if iin is None else "patient.iin (IIN)"
    for path in ("patient.last_name", "patient.first_name", "medical_org.name", "clinical.complaints",
                 "clinical.objective_status"):
        if text(p.get(path)) is None:
            yield path
    born = iso_date(p.get("patient.birth_date"))
    if born is None or not plausible_birth(born, p.received_at.date()):
        yield "patient.birth_date" if p.get("patient.birth_date") is None else "patient.birth_date (date)"
    if p.get("patient.sex") not in SEXES:
        yield "patient.sex"
    region = text(p.get("patient.registration_address.region"))
    if region is None or region_by_name(region) is None:
        yield "patient.registration_address.region" if region is None else \
            "patient.registration_address.region (region of Kazakhstan)"
    bin_ = text(p.get("medical_org.bin"))
    if bin_ is None or not BIN.fullmatch(bin_):
        yield "medical_org.bin" if bin_ is None else "medical_org.bin (12 digits)"
    if isinstance(p.get("form"), dict) and text(p.get("form.purpose")) is None:  # no form at all is F002
        yield "form.purpose"
    code = text(p.get("clinical.diagnosis_main.icd10"))
    if code is None or not app15.is_icd10_shape(code):
        yield "clinical.diagnosis_main.icd10" if code is None else "clinical.diagnosis_main.icd10 (ICD-10)"
    if p.get("patient.working") is True:
        yield from (path for path in ("patient.workplace", "patient.position") if text(p.get(path)) is None)


def _shape(p: Package) -> Iterator[str]:
    """Paths of optional members present with the wrong type or value (form031.schema.json)."""
    optional_text = ("patient.middle_name", "patient.workplace", "patient.position", "patient.education",
                     "patient.profession", "clinical.anamnesis", "clinical.rehab_plan",
                     "clinical.diagnosis_main.text", "message_id")
    yield from (path for path in optional_text if p.get(path) is not None and not isinstance(p.get(path), str))
    yield from (f"{path} (at most {NAME_LENGTH} characters)" for path in LIMITED_TEXT
                if isinstance(p.get(path), str) and len(p.get(path)) > NAME_LENGTH)
    choices = {"patient.legal_capacity": CAPACITIES, "clinical.rehab_potential": REHAB_POTENTIALS,
               "clinical.rehab_prognosis": REHAB_PROGNOSES}
    yield from (path for path, allowed in choices.items() if p.get(path) is not None and p.get(path) not in allowed)
    for path in ("patient.working", "medical_org.dispensary"):
        if p.get(path) is not None and not isinstance(p.get(path), bool):
            yield path
    for section in ("patient", "medical_org", "clinical", "patient.registration_address"):
        if p.get(section) is not None and not isinstance(p.get(section), dict):
            yield section
    actual = p.get("patient.actual_address")
    if actual is not None and not isinstance(actual, dict):
        yield "patient.actual_address"
    yield from _representative_shape(p)
    yield from _clinical_shape(p)
    attachments = p.get("attachments")
    if attachments is not None and not isinstance(attachments, list):
        yield "attachments"
    for n, item in enumerate(attachments if isinstance(attachments, list) else []):
        if not isinstance(item, dict) or item.get("kind") not in (*ATTACHMENT_KINDS, None) \
                or not isinstance(item.get("title", ""), str):
            yield f"attachments[{n}]"


def _representative_shape(p: Package) -> Iterator[str]:
    representative = p.get("representative")
    if representative is None:
        return
    if not isinstance(representative, dict):
        yield "representative"
        return
    iin = text(representative.get("iin"))
    if iin is None or not (iin.isdigit() and len(iin) == 12 and iin_checksum_ok(iin)):
        yield "representative.iin"
    yield from (f"representative.{key}" for key in ("last_name", "first_name") if text(representative.get(key)) is None)
    if representative.get("relation") not in (*RELATIONS, None):
        yield "representative.relation"


def _clinical_shape(p: Package) -> Iterator[str]:
    impairments = p.get("clinical.function_impairments")
    if impairments is not None and not (isinstance(impairments, dict) and all(
            key in IMPAIRMENTS and type(degree) is int and 0 <= degree <= 4 for key, degree in impairments.items())):
        yield "clinical.function_impairments"
    days = p.get("clinical.temporary_disability_days")
    if days is not None and not (type(days) is int and 0 <= days <= 36_600):
        yield "clinical.temporary_disability_days"
    concomitant = p.get("clinical.diagnosis_concomitant")
    if concomitant is not None and not (isinstance(concomitant, list) and all(
            isinstance(d, dict) and isinstance(d.get("icd10"), str) and app15.is_icd10_shape(d["icd10"])
            and isinstance(d.get("text", ""), str) for d in concomitant)):
        yield "clinical.diagnosis_concomitant"


def check_mandatory(p: Package) -> Iterator[Finding]:
    """F008 (§11.3, §16.3): one finding listing every missing or invalid field."""
    paths = list(dict.fromkeys([*_mandatory(p), *_shape(p)]))
    if paths:
        yield Finding("F008", N_("Mandatory fields missing or invalid: {fields}."), fields=", ".join(paths))


def check_attachment_register(p: Package) -> Iterator[Finding]:
    """F009 (§16.6): the medical organisation is the patient's in РПН, except for a dispensary."""
    bin_ = text(p.get("medical_org.bin"))
    if p.get("medical_org.dispensary") is True or p.iin is None or bin_ is None:
        return
    attachment = p.registers.attachments.attachment(p.iin)
    if attachment is None:
        yield Finding("F009", N_("medical_org.bin: the patient is not attached to any medical organisation "
                                 "in the attached population register."))
    elif attachment.medical_org_bin != bin_:
        yield Finding("F009", N_("medical_org.bin: the patient is attached to another medical organisation "
                                 "in the attached population register."))


def check_referral(p: Package) -> Iterator[Finding]:
    """F010 the proactive flag (§11.2, §16.2); F011 an eligible purpose (§12, §42)."""
    if isinstance(p.get("form"), dict) and p.get("form.proactive") is not True:
        yield Finding("F010", N_("form.proactive: the form is not marked as a referral to proactive examination."))
    purpose = p.get("form.purpose")
    if text(purpose) is not None and purpose not in ELIGIBLE_PURPOSES:
        yield Finding("F011", N_("form.purpose: the purpose \"{purpose}\" is not examined proactively."),
                      purpose=purpose[:40])


def check_technical_aids(p: Package) -> Iterator[Finding]:
    """F012 (§16 part 2): each recommended technical aid has a questionnaire in ИС ТСР."""
    aids = p.get("clinical.technical_aids")
    if aids is None:
        return
    if not isinstance(aids, list) or not all(isinstance(aid, str) for aid in aids):
        yield Finding("F012", N_("clinical.technical_aids: must be a list of technical aids."))
        return
    filled = p.registers.technical_aids.questionnaires(p.iin) if p.iin else frozenset()
    missing = [aid for aid in dict.fromkeys(aids) if aid not in filled]
    if missing:
        yield Finding("F012", N_("clinical.technical_aids: no questionnaire for {aids}."),
                      aids=", ".join(a[:40] for a in missing))


def check_diagnosis(p: Package) -> Iterator[Finding]:
    """F013 (§11.4, §16.4): the main diagnosis is in App 15 for this age and purpose; Cyrillic
    look-alike letters are normalised (``app15.normalise_icd10``)."""
    code = text(p.get("clinical.diagnosis_main.icd10"))
    age = p.age()
    if code is None or not app15.is_icd10_shape(code) or age is None:
        return  # F008 names a missing or malformed code, or birth date
    kind: app15.Kind = "repeat" if p.get("form.purpose") == "disability_repeat" else "primary"
    if app15.covered(code, age_years=age, kind=kind) is None:
        yield Finding("F013", N_("clinical.diagnosis_main.icd10: {icd10} is not in the list of App 15 for "
                                 "this age and purpose."), icd10=app15.normalise_icd10(code))


def check_documents(p: Package) -> Iterator[Finding]:
    """F014 the hash differs from ХЭД; F015 ХЭД has no such document (§16.7)."""
    attachments = p.get("attachments")
    for n, item in enumerate(attachments if isinstance(attachments, list) else []):
        document_id = text(item.get("id")) if isinstance(item, dict) else None
        stored = p.registers.documents.sha256(document_id) if document_id else None
        if document_id is None or stored is None:
            yield Finding("F015", N_("attachments[{index}].id: the electronic document store has no file "
                                     "\"{document}\"."), index=n, document=(document_id or "")[:60])
            continue
        sha256 = item.get("sha256")
        if not (isinstance(sha256, str) and SHA256.fullmatch(sha256) and sha256.lower() == stored):
            yield Finding("F014", N_("attachments[{index}].sha256: the hash of \"{document}\" differs from the "
                                     "electronic document store."), index=n, document=document_id[:60])


def check_history(p: Package) -> Iterator[Finding]:
    """F016 the message id passed the checks before; F017 a case for this IIN is under review."""
    message_id = text(p.get("message_id"))
    if message_id and p.history.message_accepted(message_id):
        yield Finding("F016", N_("message_id: a form with the message id \"{message_id}\" already passed the "
                                 "checks."), message_id=message_id[:100])
    if p.iin and p.history.case_open(p.iin):
        yield Finding("F017", N_("patient.iin: a form for this IIN is already under review."))


# -- REC001-REC005, LEG001-LEG003 -----------------------------------------------------------------
def _name_differs(record: IndividualRecord, person: dict) -> list[str]:
    return [key for key in ("last_name", "first_name", "middle_name")
            if fold_name(getattr(record, key)) != fold_name(text(person.get(key)))]


def check_recipient(p: Package) -> Iterator[Finding]:
    """REC001-REC004 (§15 part 1): what ГБД ФЛ says of the patient."""
    if p.iin is None:
        return  # F008 names it
    record = p.registers.individuals.individual(p.iin)
    patient = p.get("patient")
    if record is None:
        yield Finding("REC002", N_("patient.iin: the IIN is unknown to the individuals' database."))
        return
    if record.status == "deceased":
        yield Finding("REC001", N_("patient.iin: registered as deceased in the individuals' database."))
    differs = _name_differs(record, patient)
    if differs:
        yield Finding("REC002", N_("{fields}: the name differs from the individuals' database for this IIN."),
                      fields=", ".join(f"patient.{key}" for key in differs))
    if not record.permanent_registration:
        yield Finding("REC003", N_("patient.iin: no permanent registration in the individuals' database."))
    if record.status == "emigrated":
        yield Finding("REC004", N_("patient.iin: registered in the individuals' database as having left the "
                                   "country for permanent residence."))


def check_representative_needed(p: Package) -> Iterator[Finding]:
    """REC005: a child (under 18 on the day of receipt, §3.18) or a person with limited or no legal
    capacity needs a legal representative."""
    if p.representative is not None:
        return
    age = p.age()
    if age is not None and age < app15.ADULT_AGE:
        yield Finding("REC005", N_("representative: the patient is under 18 and has no legal representative."))
    elif p.get("patient.legal_capacity") in ("limited", "none"):
        yield Finding("REC005", N_("representative: the patient's legal capacity is limited or absent and there "
                                   "is no legal representative."))


def check_representative(p: Package) -> Iterator[Finding]:
    """LEG001-LEG003 (§15 part 1): what ГБД ФЛ says of the representative."""
    representative = p.representative
    iin = text(representative.get("iin")) if representative else None
    if representative is None or iin is None or not (iin.isdigit() and len(iin) == 12 and iin_checksum_ok(iin)):
        return  # no representative, or F008 names the IIN
    record = p.registers.individuals.individual(iin)
    if record is None:
        yield Finding("LEG003", N_("representative.iin: the IIN is unknown to the individuals' database."))
        return
    if record.status == "deceased":
        yield Finding("LEG001", N_("representative.iin: registered as deceased in the individuals' database."))
    if record.status == "emigrated":
        yield Finding("LEG002", N_("representative.iin: registered in the individuals' database as having left "
                                   "the country for permanent residence."))
    differs = _name_differs(record, representative)
    if differs:
        yield Finding("LEG003", N_("{fields}: the name differs from the individuals' database for this IIN."),
                      fields=", ".join(f"representative.{key}" for key in differs))


CHECKS = (check_consent, check_form, check_phones, check_signature, check_mandatory, check_attachment_register,
          check_referral, check_technical_aids, check_diagnosis, check_documents, check_history, check_recipient,
          check_representative_needed, check_representative)


def check(package: Package) -> list[Finding]:
    """Every failed check of App 5, in the appendix's order."""
    return in_app5_order([finding for run in CHECKS for finding in run(package)])
