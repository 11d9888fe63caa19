"""What may leave the department for an expert: the case without the person (§25.2).

A draft act's own columns hold no personal data, but free text (complaints, anamnesis,
objective status, attachment titles) can.  ``scrub`` removes from every string:
- any run of 12 digits (an IIN or BIN, whatever separates the digits) and any Kazakhstan
  phone number (11 digits from 7 or 8), whoever it belongs to;
- the person's and the representative's names, in any case ending ("Иванов", "Иванова",
  "Ивановой" share a stem), the birth date in the usual written forms, the address parts;
- the workplace and the medical organisation named in the referral.
Clinical dates and numbers other than these stay: the expert needs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .. import models as m

REDACTED = "***"
NUMBER_RUN = re.compile(r"\+?\d(?:[ \-().]*\d)*")  # digits with the separators people type between them
MIN_STEM = 4


def _redact_number(match: re.Match) -> str:
    """A run of 12 digits is an IIN or BIN; 11 digits starting 7 or 8 (or +7) is a phone."""
    digits = re.sub(r"\D", "", match.group())
    if len(digits) == 12 or (len(digits) == 11 and digits[0] in "78"):
        return REDACTED
    return match.group()


def _date_forms(day: date) -> list[str]:
    return [day.isoformat(), f"{day:%d.%m.%Y}", f"{day:%d/%m/%Y}", f"{day:%d-%m-%Y}", f"{day:%d.%m.%y}"]


def _name_pattern(name: str) -> str:
    """A name with any case ending: the stem without its last letter, then letters."""
    name = name.strip()
    stem = name[:-1] if len(name) > MIN_STEM else name
    return r"(?<!\w)" + re.escape(stem) + r"\w*"


def _words(values: Iterable[str | None]) -> list[str]:
    return [v.strip() for v in values if v and len(v.strip()) > 2]


def personal_patterns(person: m.Person, package: dict | None) -> re.Pattern:
    """One pattern matching every personal value of this case."""
    package = package or {}
    representative = package.get("representative") or {}
    patient = package.get("patient") or {}
    organisation = package.get("medical_org") or {}
    names = _words([person.last_name, person.first_name, person.middle_name, representative.get("last_name"),
                    representative.get("first_name"), representative.get("middle_name")])
    addresses = [person.registration_address or {}, person.actual_address or {},
                 patient.get("registration_address") or {}, patient.get("actual_address") or {}]
    literals = _words([*_date_forms(person.birth_date), patient.get("workplace"), organisation.get("name"),
                       *(a.get(k) for a in addresses for k in ("street", "locality", "district"))])
    parts = [*map(re.escape, literals), *map(_name_pattern, names)]  # dates before the numbers go
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def scrub(value, pattern: re.Pattern):
    """``value`` with every match of ``pattern`` in its strings replaced, recursively."""
    if isinstance(value, str):
        return NUMBER_RUN.sub(_redact_number, pattern.sub(REDACTED, value))
    if isinstance(value, list):
        return [scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, pattern) for k, v in value.items()}
    return value
