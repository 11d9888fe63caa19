"""The lookups directory (docs/interfaces.md §2): the registers as JSON files, for the demo and
the tests.  A missing file is an empty register; a file that is not what §2 describes is bad
input, named in the message."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import UserError
from .registers import Attachment, IndividualRecord, Registers, phone_digits

FILES = {"individuals": "gbdfl.json", "mobile_citizens": "bmg.json", "attachments": "rpn.json",
         "documents": "hed.json", "technical_aids": "tsr.json"}
STATUSES = ("alive", "deceased", "emigrated")


class _Malformed(ValueError):
    """``entry`` of a lookups file is not what docs/interfaces.md §2 describes.  Entries are named by
    their position ("3.status"), never by their key: the keys are IINs."""

    def __init__(self, entry: str):
        super().__init__(entry)
        self.entry = entry


def _read(folder: Path, name: str, kind: type):
    path = folder / name
    if not path.exists():
        return kind()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise UserError("The lookups file {file} cannot be read as JSON.", file=str(path)) from None
    if not isinstance(data, kind):
        raise UserError("The lookups file {file} must hold a JSON {shape}.", file=str(path),
                        shape="object" if kind is dict else "array")
    return data


def _text(record: dict, key: str, entry: str, required: bool = True) -> str:
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _Malformed(f"{entry}.{key}")
    return value


def _day(record: dict, key: str, entry: str) -> date | None:
    value = record.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Malformed(f"{entry}.{key}") from None


def _individual(entry: str, record) -> IndividualRecord:
    if not isinstance(record, dict):
        raise _Malformed(entry)
    status = record.get("status", "alive")
    if status not in STATUSES:
        raise _Malformed(f"{entry}.status")
    registered = record.get("permanent_registration", True)
    if not isinstance(registered, bool):
        raise _Malformed(f"{entry}.permanent_registration")
    return IndividualRecord(_text(record, "last_name", entry), _text(record, "first_name", entry),
                            _text(record, "middle_name", entry, required=False), _day(record, "birth_date", entry),
                            status, registered)


def _attachment(entry: str, record) -> Attachment:
    if not isinstance(record, dict):
        raise _Malformed(entry)
    return Attachment(_text(record, "medical_org_bin", entry), _day(record, "attached_since", entry))


def _entries(data: dict, parse) -> dict:
    """``{key: parse("N", value)}`` with N the entry's position, 1-based."""
    return {key: parse(str(n), value) for n, (key, value) in enumerate(data.items(), start=1)}


def _hash(entry: str, value) -> str:
    if not isinstance(value, str):
        raise _Malformed(entry)
    return value


def _strings(entry: str, values) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _Malformed(entry)
    return frozenset(values)


@dataclass
class LookupsDirectory:
    """All five registers read from one folder (docs/interfaces.md §2)."""

    people: dict[str, IndividualRecord] = field(default_factory=dict)
    phones: frozenset[str] = frozenset()
    attached: dict[str, Attachment] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    aids: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> LookupsDirectory:
        folder = Path(folder)
        if not folder.is_dir():
            raise UserError("The lookups folder {folder} does not exist.", folder=str(folder))
        current = ""
        try:
            current = FILES["individuals"]
            people = _entries(_read(folder, current, dict), _individual)
            current = FILES["mobile_citizens"]
            phones = frozenset(phone_digits(p) for p in _strings("[]", _read(folder, current, list)))
            current = FILES["attachments"]
            attached = _entries(_read(folder, current, dict), _attachment)
            current = FILES["documents"]
            hashes = _read(folder, current, dict)
            _entries(hashes, _hash)
            current = FILES["technical_aids"]
            aids = _entries(_read(folder, current, dict), _strings)
        except _Malformed as problem:
            raise UserError("The lookups file {file} has a malformed entry {entry}.",
                            file=str(folder / current), entry=problem.entry) from None
        return cls(people, phones, attached, {k: v.lower() for k, v in hashes.items()}, aids)

    # -- the five protocols of app.adapters.registers ---------------------------------------
    def individual(self, iin: str) -> IndividualRecord | None:
        return self.people.get(iin)

    def is_registered(self, phone: str) -> bool:
        return phone_digits(phone) in self.phones

    def attachment(self, iin: str) -> Attachment | None:
        return self.attached.get(iin)

    def sha256(self, document_id: str) -> str | None:
        return self.hashes.get(document_id)

    def questionnaires(self, iin: str) -> frozenset[str]:
        return self.aids.get(iin, frozenset())

    def registers(self) -> Registers:
        return Registers(self, self, self, self, self)


def load_registers(folder: Path) -> Registers:
    return LookupsDirectory.load(folder).registers()
