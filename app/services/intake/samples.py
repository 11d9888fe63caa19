"""Referral packages (docs/interfaces.md §1) and the lookups directory that goes with them (§2), for
tests, benchmarks and demonstrations: valid ones, and ones made to fail exactly one App 5 check.

Nothing here comes from the seeds but the codes: names, addresses and clinical texts are
sample data (``app.domain.names``); IINs have valid checksums; every valid package is accepted
by the checks on the day of receipt it was made for.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ...domain import names
from ...domain.app15 import APP15_ITEMS
from ...domain.iin import SEXES, Sex, make_iin
from ...domain.regions import REGIONS
from ...domain.rules.age import add_months

COMPLAINTS = ("Слабость, одышка при ходьбе, боли в эпигастрии.", "Головные боли, головокружение, слабость в правых "
              "конечностях.", "Боли в суставах, ограничение движений, утренняя скованность.")
ANAMNESIS = ("Болеет с {year} года, оперирован, курсы химиотерапии. Пациент {last} {first}, проживает по адресу "
             "{locality}, {street}, д. {house}.", "Состоит на диспансерном учёте с {year} года.",
             "Болеет с {year} года, получает поддерживающую терапию, ухудшение в последние 3 месяца.")
OBJECTIVE = ("Состояние средней тяжести. Гемоглобин 98 г/л. АД 130/80 мм рт. ст.",
             "Сознание ясное, походка нарушена, гемипарез справа.")
# Codes covered by App 15 at any age and for any kind of examination (no qualifiers).
_PLAIN_ITEMS = [item for item in APP15_ITEMS if item.ranges and item.age is None and item.exam is None]


@dataclass
class Lookups:
    """The registers of docs/interfaces.md §2 as plain data."""

    gbdfl: dict = field(default_factory=dict)
    bmg: list = field(default_factory=list)
    rpn: dict = field(default_factory=dict)
    hed: dict = field(default_factory=dict)
    tsr: dict = field(default_factory=dict)

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("gbdfl", "bmg", "rpn", "hed", "tsr"):
            (folder / f"{name}.json").write_text(json.dumps(getattr(self, name), ensure_ascii=False), encoding="utf-8")
        return folder


class Samples:
    """Packages received on ``received``; every person and message id is new."""

    def __init__(self, received: date, seed: int = 1):
        self.rng = random.Random(seed)
        self.received = received
        self.lookups = Lookups()
        self.serial = 0
        self.used_iins: set[str] = set()

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def _person(self, age: int, sex: Sex) -> dict:
        birth = add_months(self.received, -12 * age) - timedelta(days=self.rng.randrange(1, 360))
        last, first, middle = names.random_person_name(self.rng, sex)
        iin = make_iin(birth, sex, self._next() % 10_000)
        while iin in self.used_iins:  # neighbouring serials can give the same IIN
            iin = make_iin(birth, sex, self._next() % 10_000)
        self.used_iins.add(iin)
        phone = f"+7701{self._next() % 10**7:07d}"
        self.lookups.gbdfl[iin] = {"last_name": last, "first_name": first, "middle_name": middle,
                                   "birth_date": birth.isoformat(), "status": "alive", "permanent_registration": True}
        self.lookups.bmg.append(phone)
        return {"iin": iin, "last_name": last, "first_name": first, "middle_name": middle,
                "birth_date": birth.isoformat(), "sex": sex, "phone": phone}

    def _address(self) -> dict:
        region = self.rng.choice([r for r in REGIONS if names.localities_in(r.code)])
        _kk, locality = self.rng.choice(names.localities_in(region.code))
        return {"region": region.name_ru, "district": None, "locality": locality,
                "street": self.rng.choice(names.STREETS), "house": str(self.rng.randrange(1, 120)),
                "apartment": str(self.rng.randrange(1, 200))}

    def _attachment(self, n: int) -> dict:
        document_id = f"HED-{self._next():07d}"
        sha256 = hashlib.sha256(document_id.encode()).hexdigest()
        self.lookups.hed[document_id] = sha256
        return {"id": document_id, "title": f"Консультация онколога № {n}", "kind": "consultation", "sha256": sha256}

    def valid(self, *, age: int | None = None, representative: bool = False) -> dict:
        """A package every check accepts (a representative is added for a child)."""
        rng = self.rng
        age = age if age is not None else rng.randint(19, 80)
        patient = self._person(age, rng.choice(SEXES))
        address = self._address()
        working = 18 <= age < 63 and rng.random() < 0.5
        bin_ = f"{rng.randrange(10**11, 10**12)}"
        self.lookups.rpn[patient["iin"]] = {"medical_org_bin": bin_, "attached_since": "2015-01-01"}
        item = rng.choice(_PLAIN_ITEMS)
        code = rng.choice(item.codes())
        signed = self.received - timedelta(days=rng.randint(1, 20))
        package = {
            "message_id": f"MIS-{self.received:%Y}-{self._next():07d}",
            "sent_at": f"{self.received.isoformat()}T09:00:00+05:00",
            "form": {"number": f"031-{self._next()}", "date": signed.isoformat(), "proactive": True,
                     "purpose": rng.choice(("disability_primary", "disability_repeat", "uot", "ipr")),
                     "signature": {"signer_name": "Председатель ВКК", "signed_at": f"{signed}T12:00:00+05:00",
                                   "value": "MIIBase64Signature=="}},
            "consent": {"reply_phone": patient["phone"], "received_at": f"{signed}T09:00:00+05:00"},
            "patient": {**patient, "registration_address": address, "legal_capacity": "full", "working": working,
                        "workplace": "ТОО «Казцинк»" if working else None, "position": "слесарь" if working else None,
                        "education": "среднее специальное", "profession": "слесарь"},
            "medical_org": {"name": "ГП № 5", "bin": bin_, "dispensary": False},
            "clinical": {
                "diagnosis_main": {"icd10": code, "text": item.name_ru},
                "diagnosis_concomitant": [{"icd10": "I10", "text": "Эссенциальная гипертензия"}],
                "complaints": rng.choice(COMPLAINTS),
                "anamnesis": rng.choice(ANAMNESIS).format(
                    year=rng.randint(2005, 2024), last=patient["last_name"], first=patient["first_name"],
                    locality=address["locality"], street=address["street"], house=address["house"]),
                "objective_status": rng.choice(OBJECTIVE),
                "function_impairments": {"statodynamic": rng.randint(1, 4), "digestion": rng.randint(0, 3)},
                "temporary_disability_days": rng.randint(0, 180), "rehab_potential": "satisfactory",
                "rehab_prognosis": "relatively_favorable", "rehab_plan": "Наблюдение онколога.", "technical_aids": []},
            "attachments": [self._attachment(n) for n in range(1, rng.randint(1, 3) + 1)],
        }
        if representative or age < 18:
            self.add_representative(package)
        return package

    def add_representative(self, package: dict) -> dict:
        representative = self._person(self.rng.randint(30, 60), "female")
        keys = ("iin", "last_name", "first_name", "middle_name", "phone")
        package["representative"] = {key: representative[key] for key in keys} | {"relation": "parent"}
        return package

    def failing(self, code: str) -> dict:
        """A package that fails only the check ``code`` (not F002, F016, F017: those need a file
        or the database; see the tests)."""
        package = self.valid(representative=code.startswith("LEG"))
        MUTATIONS[code](package, self.lookups)
        return package


def _set(path: str, value) -> Callable[[dict, Lookups], None]:
    def mutate(package: dict, _lookups: Lookups) -> None:
        *sections, key = path.split(".")
        target = package
        for section in sections:
            target = target[section]
        target[key] = value
    return mutate


def _expired(package: dict, _lookups: Lookups) -> None:
    package["form"]["date"] = add_months(date.fromisoformat(package["form"]["date"]), -2).isoformat()


def _no_phone(package: dict, _lookups: Lookups) -> None:
    package["patient"]["phone"] = None


def _not_in_bmg(package: dict, lookups: Lookups) -> None:
    lookups.bmg.remove(package["patient"]["phone"])


def _attached_elsewhere(package: dict, lookups: Lookups) -> None:
    lookups.rpn[package["patient"]["iin"]]["medical_org_bin"] = "999999999999"


def _aid_without_questionnaire(package: dict, _lookups: Lookups) -> None:
    package["clinical"]["technical_aids"] = ["wheelchair_indoor"]


def _wrong_hash(package: dict, _lookups: Lookups) -> None:
    package["attachments"][0]["sha256"] = "0" * 64


def _unknown_document(package: dict, _lookups: Lookups) -> None:
    package["attachments"][0]["id"] = "HED-NOWHERE"


def _registered(key: str, value, who: str = "patient") -> Callable[[dict, Lookups], None]:
    def mutate(package: dict, lookups: Lookups) -> None:
        lookups.gbdfl[package[who]["iin"]][key] = value
    return mutate


def _legal_capacity_without_representative(package: dict, _lookups: Lookups) -> None:
    package["patient"]["legal_capacity"] = "limited"
    package.pop("representative", None)


MUTATIONS: dict[str, Callable[[dict, Lookups], None]] = {
    "F001": _set("consent", None),
    "F003": _set("form.number", ""),
    "F004": _expired,
    "F005": _no_phone,
    "F006": _not_in_bmg,
    "F007": _set("form.signature", None),
    "F008": _set("clinical.complaints", ""),
    "F009": _attached_elsewhere,
    "F010": _set("form.proactive", False),
    "F011": _set("form.purpose", "upt"),
    "F012": _aid_without_questionnaire,
    "F013": _set("clinical.diagnosis_main.icd10", "J45.9"),
    "F014": _wrong_hash,
    "F015": _unknown_document,
    "REC001": _registered("status", "deceased"),
    "REC002": _registered("last_name", "Другой"),
    "REC003": _registered("permanent_registration", False),
    "REC004": _registered("status", "emigrated"),
    "REC005": _legal_capacity_without_representative,
    "LEG001": _registered("status", "deceased", "representative"),
    "LEG002": _registered("status", "emigrated", "representative"),
    "LEG003": _registered("first_name", "Другая", "representative"),
}


def batch(count: int, received: date, *, invalid_share: float = 0.2, seed: int = 1) -> tuple[list[dict], Lookups]:
    """``count`` packages, about ``invalid_share`` of them failing one check, and their registers."""
    samples = Samples(received, seed)
    packages = []
    for _ in range(count):
        if samples.rng.random() < invalid_share:
            packages.append(samples.failing(samples.rng.choice(tuple(MUTATIONS))))
        else:
            packages.append(samples.valid())
    return packages, samples.lookups


def write_batch(folder: Path, packages: list[dict], lookups: Lookups) -> tuple[Path, Path]:
    """The packages as ``folder/packages/NNNNNN.json`` and the registers as ``folder/lookups``."""
    target = folder / "packages"
    target.mkdir(parents=True, exist_ok=True)
    for n, package in enumerate(packages, start=1):
        (target / f"{n:06d}.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return target, lookups.write(folder / "lookups")


def deep_copy(package: dict) -> dict:
    return copy.deepcopy(package)
