"""Appendices 7, 10 and 11 of the MSE Rules, transcribed as data (``data/app*.json``).

* App 7 "Медицинские показания для установления сроков инвалидности детям до
  восемнадцати лет": four sections, each with the terms it gives — 1: 6 months or 1 year,
  2: 2 years, 3: 5 years, 4: until 7 (category "ребенок с инвалидностью") or until 18
  (categories of the first, second, third group) — and numbered conditions 1.1–4.30.
* App 10 "Перечень необратимых анатомических дефектов...": section 1 gives group I and/or
  УПТ 90–100 % and/or УОТ 80–100 %, section 2 group II / УПТ 60–89 % / УОТ 60–79 %,
  section 3 group III / УПТ 30–59 % / УОТ 30–59 %, section 4 УПТ 5–29 % (no group, loss
  of fingers, Table 1), section 5 says that in the cases of sections 2, 3 and 4 more
  pronounced concomitant impairments give group I, II or III with re-examination in the
  ordinary way.  For adults these defects give disability (and УПТ) without a
  re-examination term and УОТ until pension age.
* App 11 "Перечень заболеваний, дефектов, при которых инвалидность лицам старше
  восемнадцати лет устанавливается сроком на 5 лет": items 1–21.

How the seed text was transcribed (every place where it had to be interpreted):

* None of the three appendices gives ICD-10 codes; none were added.  They name clinical
  conditions, which only the expert can match to a case; the program checks the item a
  decision cites (its section, its qualifiers), not the diagnosis.
* Numbering: App 7 and App 10 items are "section.subitem" (App 7 "3.12" = section 3,
  subparagraph 12); App 11 items are plain numbers.
* App 10 items 2.1–2.3 and 3.1–3.3 consist of unnumbered indents (абзацы); they are kept
  as ``indents`` of the item, in order.  In 3.3 the last indent ("паралич кисти ...
  гипотрофией мышц плеча – свыше 4 сантиметров; предплечья – ...; голени – свыше 6
  сантиметров") itself contains semicolons and is kept whole.
* App 10 item 3.2, indent 6: "(под углом менее 170 градусов, не подлежащий
  эндопротезированию" has no closing bracket in the seed; kept as written.
* App 10 Table 1 (percentages of УПТ for the loss of fingers) has lost its layout in the
  seed (column heads and cells run together).  It is kept line by line as
  ``table_1_raw`` and is not used in any computation.
* App 7 item 4.30: the seed prints "согласно к Правилам проведения приложению 10" (a link
  moved by the publisher); restored as "согласно приложению 10 к Правилам проведения
  медико-социальной экспертизы".
* Qualifiers taken from the items' own words:
  - examination kind: App 7 3.4 ("при первичном установлении инвалидности") and 3.14
    ("при первичном освидетельствовании") primary only; App 7 3.12, 3.13, 4.29, App 10
    1.9, App 11 3, 4, 5, 11, 12, 15, 19, 20 ("при повторном (пере)освидетельствовании")
    repeat only.
  - App 10 1.4, 1.6, 2.4, 2.5 apply only when disability was first established before
    the age of eighteen for that condition (``first_established_under_18``); the program
    cannot know the history and reports it as a condition to confirm.
  - App 10 sections 1 and 2 were amended by order No. 62 (footnotes kept as
    ``amended``); the earlier wording is not in the seed.
* Item texts are the seed's, with line breaks joined, hyphenation and spaces inside
  brackets repaired, and the final "; " or "." dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Kind = Literal["primary", "repeat"]


@dataclass(frozen=True)
class AppendixItem:
    appendix: str  # "7", "10", "11"
    number: str  # "3.12", "1.9", "8"
    text: str
    section: str | None = None  # App 7 / App 10 section number
    terms: tuple[str, ...] = ()  # App 7: the terms the section gives
    group: str | None = None  # App 10: "I", "II", "III" or None (section 4)
    upt: tuple[int, int] | None = None  # App 10: УПТ range of the section
    uot: tuple[int, int] | None = None  # App 10: УОТ range of the section
    exam: Kind | None = None  # primary/repeat only
    first_established_under_18: bool = False  # App 10 1.4, 1.6, 2.4, 2.5
    indents: tuple[str, ...] = ()

    def allows_kind(self, kind: Kind) -> bool:
        return self.exam is None or self.exam == kind


def _read(name: str) -> dict:
    text = (resources.files("app.domain.rules") / "data" / name).read_text(encoding="utf-8")
    return json.loads(text)


def _range(value) -> tuple[int, int] | None:
    """A [low, high] pair of the appendix's data as a range of percents."""
    if not value:
        return None
    low, high = value
    return int(low), int(high)


@cache
def app7_items() -> dict[str, AppendixItem]:
    data = _read("app7.json")
    return {
        item["number"]: AppendixItem(
            "7", item["number"], item["text"], section=section["number"],
            terms=tuple(section["terms"]), exam=item.get("exam"))
        for section in data["sections"] for item in section["items"]
    }


@cache
def app10_items() -> dict[str, AppendixItem]:
    data = _read("app10.json")
    return {
        item["number"]: AppendixItem(
            "10", item["number"], item["text"], section=section["number"],
            group=section.get("group"), upt=_range(section.get("upt")),
            uot=_range(section.get("uot")), exam=item.get("exam"),
            first_established_under_18=item.get("first_established_under_18", False),
            indents=tuple(item.get("indents", ())))
        for section in data["sections"] for item in section["items"]
    }


@cache
def app10_section(number: str) -> AppendixItem:
    """A whole App 10 section as an item (section 4 has no numbered items: loss of fingers,
    Table 1)."""
    for section in _read("app10.json")["sections"]:
        if section["number"] == number:
            return AppendixItem("10", number, section["text"], section=number,
                                group=section.get("group"), upt=_range(section.get("upt")),
                                uot=_range(section.get("uot")))
    raise KeyError(number)


@cache
def app11_items() -> dict[str, AppendixItem]:
    data = _read("app11.json")
    return {item["number"]: AppendixItem("11", item["number"], item["text"], exam=item.get("exam"))
            for item in data["items"]}


def app7_item(number: str) -> AppendixItem:
    """KeyError for an unknown number."""
    return app7_items()[number]


def app10_item(number: str) -> AppendixItem:
    """An App 10 item ("1.3", "2.1"), or section "4" (loss of fingers, Table 1).
    KeyError for an unknown number."""
    items = app10_items()
    if number in items:
        return items[number]
    if number == "4":
        return app10_section("4")
    raise KeyError(number)


def app11_item(number: str) -> AppendixItem:
    """KeyError for an unknown number."""
    return app11_items()[number]
