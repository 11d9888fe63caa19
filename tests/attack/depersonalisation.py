"""Planted personal data against the expert's copy (§25.2): for each of a number of people, every
spelling of their identifiers an outside tester found leaking, and the names of relatives, each
planted into a clinical free-text field and scrubbed as ``acts show --as expert`` scrubs it.

``measure(db, people)`` returns ``(leaked, planted, leaks_by_form)``; the figure is printed by
``tests/attack/run_attack.py`` and asserted by ``tests/unit/test_depersonalise.py``."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from app.domain import names
from app.domain.clock import KZ_TIME
from app.domain.iin import make_iin
from app.domain.regions import region_by_code

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)
FILLER = "Жалобы на слабость, одышку при ходьбе. Состояние средней тяжести."
RU_MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря")
LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "і": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o", "ө": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a"})
LOOK_ALIKES = str.maketrans("аеокрсхАЕОКРСХТМВН", "aeokpcxAEOKPCXTMBH")
# Relatives named in free text: names that are not in the program's own name lists.
RELATIVES = ("Гульнара Маратовна Сагинтаева", "Бахытжан Жумагалиевич Ордабаев", "Нургуль Сабитовна Кенесова",
             "Сабина Ерлановна Тлеубердина", "Валентина Петровна Кравченко", "Жумагали Бекович Сейдахметов",
             "Людмила Сергеевна Гончаренко", "Айнагуль Кайратовна Бисенова", "Геннадий Иванович Шевчук",
             "Раушан Ахметовна Тулегенова", "Данияр Серикович Абенов", "Зауре Мухтаровна Есимова",
             "Станислав Олегович Белоусов", "Гульмира Айдосовна Нуржанова", "Тамара Федоровна Лысенко")


def latin(text: str) -> str:
    return text.lower().translate(LATIN).title()


@dataclass
class Person:
    last: str
    first: str
    middle: str
    sex: str
    born: date
    iin: str
    phone: str
    address: dict
    relative: str

    def as_package_patient(self) -> dict:
        return {"last_name": self.last, "first_name": self.first, "middle_name": self.middle, "sex": self.sex,
                "iin": self.iin, "birth_date": self.born.isoformat(), "phone": self.phone,
                "registration_address": self.address, "working": False, "workplace": None, "position": None}


def make_person(rng: random.Random, serial: int) -> Person:
    sex = rng.choice(("male", "female"))
    last, first, middle = names.random_person_name(rng, sex)
    born = date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28))
    region, _kk, locality = rng.choice(names.LOCALITIES)
    street = rng.choice([s for s in names.STREETS if " " in s])
    return Person(last, first, middle, sex, born, make_iin(born, sex, serial % 10_000),
                  f"+7705{rng.randint(10**6, 10**7 - 1)}",
                  {"region": region_by_code(region).name_ru, "locality": locality, "street": street,
                   "house": str(rng.randint(100, 199)), "apartment": str(rng.randint(200, 299))},
                  RELATIVES[serial % len(RELATIVES)])


def _core(place: str) -> str:
    return place.split(" ", 1)[1]


def _house(p: Person) -> str:
    """The house number, found alone: with its street it is part of the address."""
    return rf"re:(?<!\d){p.address['house']}(?!\d)"


def _digits(text: str, separator: str = r"\D{0,3}") -> str:
    return separator.join(text)


# Each form: the planted text, and what must not be found after scrubbing (plain words compared
# without case; ``re:`` a pattern).
Form = Callable[[Person], tuple[str, list[str]]]
FORMS: dict[str, Form] = {
    "surname": lambda p: (p.last, [p.last]),
    "surname in capitals": lambda p: (p.last.upper(), [p.last]),
    "name in Latin": lambda p: (f"{latin(p.last)} {latin(p.first)}", [latin(p.last), latin(p.first)]),
    "name in Latin capitals": lambda p: (f"{latin(p.last).upper()} {latin(p.first).upper()}",
                                         [latin(p.last), latin(p.first)]),
    "surname glued inside a word": lambda p: (f"пациент{p.last.lower()}жалуется", [p.last]),
    "surname with Latin look-alikes": lambda p: (p.last.translate(LOOK_ALIKES), [p.last]),
    "first name and patronymic": lambda p: (f"{p.first} {p.middle}", [p.first, p.middle]),
    "birth date 20-го декабря 2006": lambda p: (
        f"{p.born.day}-го {RU_MONTHS_GENITIVE[p.born.month - 1]} {p.born.year}", [f"re:(?<!\\d){p.born.year}"]),
    "birth date 20 12 2006": lambda p: (f"{p.born.day} {p.born.month:02d} {p.born.year}",
                                        [f"re:(?<!\\d){p.born.year}"]),
    "birth date 2006/12/20": lambda p: (f"{p.born.year}/{p.born.month}/{p.born.day}",
                                        [f"re:(?<!\\d){p.born.year}"]),
    "address in Russian": lambda p: (f"{p.address['locality']}, {p.address['street']} {p.address['house']}",
                                     [_core(p.address["locality"]), _core(p.address["street"]).split()[-1],
                                      _house(p)]),
    "address in Latin": lambda p: (f"{latin(_core(p.address['locality']))}, {latin(_core(p.address['street']))} "
                                   f"street {p.address['house']}",
                                   [latin(_core(p.address["locality"])),
                                    latin(_core(p.address["street"]).split()[-1]), _house(p)]),
    "phone of 10 digits": lambda p: (p.phone[2:], ["re:" + _digits(p.phone[-7:])]),
    "phone dotted": lambda p: (f"8.{p.phone[2:5]}.{p.phone[5:8]}.{p.phone[8:10]}.{p.phone[10:]}",
                               ["re:" + _digits(p.phone[-7:])]),
    "phone +7 grouped": lambda p: (f"+7 {p.phone[2:5]} {p.phone[5:8]} {p.phone[8:]}",
                                   ["re:" + _digits(p.phone[-7:])]),
    "IIN split by /": lambda p: (f"{p.iin[:6]}/{p.iin[6:]}", ["re:" + _digits(p.iin)]),
    "IIN split by _": lambda p: (f"{p.iin[:4]}_{p.iin[4:8]}_{p.iin[8:]}", ["re:" + _digits(p.iin)]),
    "IIN split by a line break": lambda p: (f"{p.iin[:6]}\n{p.iin[6:]}", ["re:" + _digits(p.iin)]),
    "e-mail": lambda p: (f"{latin(p.last).lower()}.{p.born.year}@mail.kz", ["@mail.kz", latin(p.last)]),
    "relative's name": lambda p: (f"со слов дочери {p.relative}", p.relative.split()),
    "relative's name after a kin word in Kazakh": lambda p: (
        f"анасы {p.relative.split()[0]} {p.relative.split()[2]} күтім жасайды",
        [p.relative.split()[0], p.relative.split()[2]]),
}


def _folded(text: str) -> str:
    from app.services import depersonalise
    return depersonalise.fold(text.translate(str.maketrans("aeokpcxAEOKPCXTMBH", "аеокрсхАЕОКРСХТМВН")))


def leaked(scrubbed: str, secrets: list[str]) -> bool:
    for secret in secrets:
        if secret.startswith("re:"):
            if re.search(secret[3:], scrubbed):
                return True
        elif len(secret) > 2 and (secret.lower() in scrubbed.lower() or _folded(secret) in _folded(scrubbed)):
            return True
    return False


def people(count: int, seed: int = 5) -> list[Person]:
    rng = random.Random(seed)
    return [make_person(rng, n + 1) for n in range(count)]


def record(db, tmp, person: Person, serial: int):
    """The person's referral through intake; the draft act's number."""
    from app.adapters.lookups import load_registers
    from app.services.intake import Intake, samples
    make = samples.Samples(RECEIVED.date(), seed=1000 + serial)
    package = make.valid()
    package["message_id"] = f"MIS-ATTACK-{serial}"
    make.lookups.gbdfl[person.iin] = {"last_name": person.last, "first_name": person.first,
                                      "middle_name": person.middle, "status": "alive", "permanent_registration": True}
    make.lookups.rpn[person.iin] = make.lookups.rpn[package["patient"]["iin"]]
    make.lookups.bmg.append(person.phone)
    package["patient"].update(person.as_package_patient())
    package["consent"]["reply_phone"] = person.phone
    registers = load_registers(make.lookups.write(tmp / f"lookups-{serial}"))
    outcome = Intake(db, registers, RECEIVED).import_package(package, None, f"attack-{serial}.json")
    assert outcome.accepted, outcome.codes
    return outcome.act_number


def measure(db, tmp, count: int = 15) -> tuple[int, int, Counter]:
    """(leaked, planted, leaks by form) over ``count`` people and every form."""
    from sqlalchemy import select

    from app import models as m
    from app.services import acts, depersonalise
    planted, leaks = 0, Counter()
    for serial, person in enumerate(people(count), start=1):
        number = record(db, tmp, person, serial)
        with db.session() as session:
            act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
            pattern = depersonalise.personal_patterns(act.person, acts.act_package(session, act))
        for name, form in FORMS.items():
            text, secrets = form(person)
            planted += 1
            scrubbed = depersonalise.scrub({"clinical": {"anamnesis": f"{FILLER} {text} {FILLER}"}}, pattern)
            if leaked(scrubbed["clinical"]["anamnesis"], secrets):
                leaks[name] += 1
    return sum(leaks.values()), planted, leaks
