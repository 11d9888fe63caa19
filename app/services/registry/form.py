"""An application as it comes in (Registry Rules App 2, fields of docs/interfaces.md §4), checked
field by field.  Messages name the field, never its value: an applicant's IIN, name, address
and phone are personal data."""

from __future__ import annotations

import re
from datetime import date

from ...domain import registry as rules
from ...domain.app15 import is_icd10_shape, normalise_icd10
from ...domain.iin import InvalidIin, parse_iin
from ...domain.regions import REGIONS, region_by_name
from ...errors import UserError

TEXT_LIMITS = {"last_name": 100, "first_name": 100, "middle_name": 100, "address": 300, "email": 200,
               "specialty_profile": 200}
REQUIRED_TEXT = ("last_name", "first_name", "specialty_profile", "email", "phone")
PHONE = re.compile(r"\+?\d{10,15}")
MAX_NOSOLOGIES = 200
MAX_YEARS = 80
MISSING = {bool: False, int: 0, str: None}


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise UserError("The field {field} of the application must be text.", field=key)
    value = " ".join(value.split())
    if key in REQUIRED_TEXT and not value:
        raise UserError("The field {field} of the application is empty.", field=key)
    if len(value) > TEXT_LIMITS.get(key, 20):
        raise UserError("The field {field} of the application is longer than {limit} characters.", field=key,
                        limit=TEXT_LIMITS.get(key, 20))
    return value


def _iin(data: dict) -> str:
    value = data.get("iin")
    if isinstance(value, str):
        try:
            parse_iin(value)
            return value
        except InvalidIin:
            pass
    raise UserError("The IIN of the application is not a valid IIN (12 digits with a right check digit).")


def _region(data: dict) -> str:
    value = data.get("region")
    if isinstance(value, str):
        codes = {region.code for region in REGIONS}
        region = value if value in codes else getattr(region_by_name(value), "code", None)
        if region:
            return region
    raise UserError("The region of the application is not a region of Kazakhstan (its code or name).")


def _nosologies(data: dict) -> list[str]:
    value = data.get("nosologies")
    if not isinstance(value, list) or not value or len(value) > MAX_NOSOLOGIES:
        raise UserError("The nosologies of the application must be a list of 1 to {limit} ICD-10 codes or ranges.",
                        limit=MAX_NOSOLOGIES)
    ranges = []
    for item in value:
        parts = normalise_icd10(item).split("-") if isinstance(item, str) else [""]
        if len(parts) > 2 or not all(is_icd10_shape(part) for part in parts):
            raise UserError("{value} is not an ICD-10 code or range such as C00-C97.", value=str(item)[:20])
        ranges.append("-".join(parts))
    return ranges


def _documents(data: dict) -> dict:
    value = data.get("documents")
    if not isinstance(value, dict):
        raise UserError("The application has no documents object (App 2, p. 5).")
    documents = {}
    for key, kind in rules.DOCUMENT_FIELDS.items():
        item = value.get(key, MISSING[kind])  # a document not given is missing, which the check reports (App 4)
        if kind is int and not (type(item) is int and 0 <= item <= (10_000 if key == "training_hours" else MAX_YEARS)):
            raise UserError("documents.{field} of the application must be a whole number of years or hours.",
                            field=key)
        if kind is bool and type(item) is not bool:
            raise UserError("documents.{field} of the application must be true or false.", field=key)
        if kind is str and item is not None and not _is_date(item):
            raise UserError("documents.{field} of the application must be a date YYYY-MM-DD or null.", field=key)
        documents[key] = item
    return documents


def _is_date(value) -> bool:
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def read_application(data) -> dict:
    """The fields of a ``RegistryApplication`` from an App 2 document; consent to personal
    data processing is part of a portal application (p. 6), so only an explicit ``false`` is
    refused."""
    if not isinstance(data, dict):
        raise UserError("An application must be a JSON object (App 2).")
    if data.get("consent", True) is not True:
        raise UserError("An application without consent to the processing of personal data cannot be accepted "
                        "(Registry Rules p. 6, App 2).")
    fields = {key: _text(data, key) for key in (*TEXT_LIMITS, "phone")}
    if not PHONE.fullmatch(fields["phone"].replace(" ", "")):
        raise UserError("The phone number of the application is not a phone number (10 to 15 digits).")
    if "@" not in fields["email"]:
        raise UserError("The e-mail address of the application is not an address (App 2 makes it mandatory).")
    return {**fields, "phone": fields["phone"].replace(" ", ""), "iin": _iin(data), "region_code": _region(data),
            "nosologies": _nosologies(data), "documents": _documents(data), "consent": True}
