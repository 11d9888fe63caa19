"""Appendix 15 of the MSE Rules: nosological forms eligible for proactive examination.

"Перечень нозологических форм, при которых проводится заочное проактивное
освидетельствование (переосвидетельствование)" (App 15, as amended by order No. 62 of
04.03.2024).  A referral whose main diagnosis is not in this list is rejected with F013
(§11.4, App 5 item 13); an expert marks it as a mismatch (§45).

The list itself is data: ``data/app15.json``, one entry per numbered item of the
appendix, in the appendix's order.  Each entry keeps the seed's code column verbatim
(``icd10_text``) next to the normalised ``ranges`` ([from, to] pairs, Latin letters).

How the seed text was read (every place where it had to be interpreted):

* Codes are written with Cyrillic look-alike letters (С00, А15, Е10, Т05, К71, В18),
  with en dashes, doubled dashes ("С15 -–С26") and stray spaces ("С 14", "Q 11.2").
  They are normalised by :func:`normalise_icd10`.
* Item 1 ("Злокачественные новообразования:") is a heading without codes; it is kept
  as an entry with no ranges, so it covers nothing by itself (1.1-1.15 do).
* Item 2 has its own range A15-A19 next to the heading; its sub-items 2.1-2.4 are
  narrower parts of it.  All five are kept.
* Items 1.1-1.6, 1.8-1.14 give ranges of 3-character categories, e.g. С00 – С14: they
  cover every subcategory of the categories in between (C14.9 included).
* "F00-99" (item 5) is the range F00-F99; "Z94-95" (item 9) is Z94-Z95.
* Item 3: "у взрослых" in the name and "У взрослых" in the code column -> adults only.
* Item 4: "N18.5 (у взрослых)" -> adults only.
* Item 6: "Сахарный диабет 1 типа у детей", "Е10 (у детей)" -> children only.
* Item 6.3: "Мукополисахаридоз у детей" -> children only.
* Item 7.1: "при повторном освидетельствовании" -> repeat examination only.
* Item 9: "при первичном направлении на МСЭ" -> primary referral only.
* Sub-items do not inherit their parent's qualifier: 3.1/3.2 (amputation with Leriche
  syndrome, I74.0) are not limited to adults, 6.1/6.2 (amputation with diabetes,
  E10-E14, which includes type 2 diabetes) are not limited to children, 9.1 (cirrhosis
  Child-Pugh C, K74) is not limited to primary referrals.  Each qualifier is recorded
  only where the item's own text says so.
* Consequently the overlapping items decide some cases: E10 is covered at any age
  (6.1/6.2), N18.5 is covered for a child's primary referral (item 9) but not for a
  child's repeat examination, K74.x is covered for repeat examinations through 9.1.
* A child is a person under eighteen (§3 subparagraph 18 "лицо в возрасте до
  восемнадцати лет"); an adult is eighteen or older.
* Item 7: the number "7." is printed in the middle of the item's text (table layout);
  all the text before and after it, including the last indent "двусторонние культи
  стоп ... по Шарпу" printed after the code column, belongs to item 7 (kept in
  ``details``).  "S78 S88" lacks a comma: two codes.
* Item 7.1: "S14.1 S24.1 S34.1" are three single codes separated by spaces.
* Item 9: "18.9" has lost its letter; read as N18.9 (it follows N18.8).  "N15.8. N15.9"
  uses a full stop as separator; "Q61.8-Q61.9 Т86.1" lacks a comma.
* Item 10: semicolons separate groups; the final full stop of "C90.0-C90.2." is
  punctuation.  C90.0-C90.2 is also inside item 1.14 (C81-C96).
* Item 12: "А30" (whole category) is listed together with A30.0-A30.5, A30.8, A30.9;
  all are kept as written, the category alone already covers the others.
* Item 13 is numbered "13" without a full stop, item 6.1 as "6.1."; numbers are kept
  without trailing full stops.
* Clinical conditions in the item text (amputation levels, Child-Pugh class C,
  Hoehn-Yahr stage 5, transplantation) cannot be read from an ICD-10 code; the check
  here is by code only, the conditions are the experts' business (§45).

Coverage rule (:func:`covered`):

* a range of 3-character categories compares the code's category (first 3 characters);
* a range with decimals compares the full code, cut to the precision of each bound,
  so C50.91 is inside C50.0-C50.9;
* a bare category (C50) is inside a decimal range only when that one range contains
  the whole category (X.0 to X.9); I62 is therefore not covered by item 3, whose
  ranges leave out I62.8;
* the first item in the appendix's order that covers the code and whose qualifiers
  allow the person's age and the examination kind is returned.
"""

from __future__ import annotations

from functools import lru_cache

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

Kind = Literal["primary", "repeat"]

ADULT_AGE = 18  # §3 subparagraph 18: a child is a person under eighteen

# Cyrillic letters that look like Latin ones, as found in ICD-10 codes typed in Russian
# or Kazakh texts (App 15 writes С00, А15, Е10, Т05, К71, В18).  "І" is the Kazakh I.
_LOOKALIKES = str.maketrans(
    "САВЕКМНОРТХІсавекмнортхі",
    "CABEKMHOPTXICABEKMHOPTXI",
)
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SHAPE = re.compile(r"[A-Z]\d{2}(?:\.\d{1,2})?")


@lru_cache(maxsize=65536)
def normalise_icd10(code: str) -> str:
    """Upper-case Latin letters, no spaces, plain hyphens.

    "с 50.1" -> "C50.1", "С00 – С14" -> "C00-C14".
    """
    code = code.translate(_LOOKALIKES).upper()
    code = _DASHES.sub("-", code)
    code = re.sub(r"-+", "-", code)
    return "".join(code.split())


def is_icd10_shape(code: str) -> bool:
    """True when ``code`` (after :func:`normalise_icd10`) is a letter, two digits and
    optionally a full stop with one or two more digits."""
    return _SHAPE.fullmatch(normalise_icd10(code)) is not None


def _within(code: str, low: str, high: str) -> bool:
    """``code`` lies between the bounds, each compared at its own precision."""
    return low <= code[: len(low)] and code[: len(high)] <= high


def _range_covers(code: str, low: str, high: str) -> bool:
    if "." not in low and "." not in high:
        return low <= code[:3] <= high
    if "." not in code:  # bare category: the whole category must be inside
        return _within(f"{code}.0", low, high) and _within(f"{code}.9", low, high)
    return _within(code, low, high)


def _codes_between(low: str, high: str) -> list[str]:
    letter = low[0]
    if "." not in low:
        return [f"{letter}{n:02d}" for n in range(int(low[1:3]), int(high[1:3]) + 1)]
    category = low[:4]  # decimal ranges in App 15 stay inside one category
    return [f"{category}{n}" for n in range(int(low[4:]), int(high[4:]) + 1)]


@dataclass(frozen=True)
class App15Item:
    number: str
    name_ru: str
    ranges: tuple[tuple[str, str], ...]
    age: Literal["adult", "child"] | None = None
    exam: Kind | None = None
    note: str | None = None
    icd10_text: str = ""
    details: tuple[str, ...] = ()

    def profile(self, limit: int = 200) -> str:
        """The item's name as a specialty profile of at most ``limit`` characters (Registry Rules
        App 1 column 5): a longer name ends at a word with "…", never inside a word."""
        if len(self.name_ru) <= limit:
            return self.name_ru
        return self.name_ru[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"

    def covers_code(self, code: str) -> bool:
        """The code is in one of this item's ranges (qualifiers not considered)."""
        code = normalise_icd10(code)
        return any(_range_covers(code, low, high) for low, high in self.ranges)

    def codes(self) -> tuple[str, ...]:
        """Concrete codes inside this item's ranges (for demonstration data): every
        category of a category range, every subcategory step of a decimal range.  They
        are in the ranges but not necessarily all in ICD-10 (C87, say, is unused)."""
        return tuple(code for low, high in self.ranges for code in _codes_between(low, high))

    def allows(self, *, age_years: int, kind: Kind) -> bool:
        """The item's age and examination qualifiers admit this person and referral.

        App 15 items 3, 4 are for adults, 6, 6.3 for children, 7.1 for repeat
        examinations, 9 for primary referrals (the ``age``/``exam`` fields of the data).
        """
        if self.age == "adult" and age_years < ADULT_AGE:
            return False
        if self.age == "child" and age_years >= ADULT_AGE:
            return False
        return self.exam is None or self.exam == kind


def _load() -> tuple[App15Item, ...]:
    text = (resources.files("app.domain") / "data" / "app15.json").read_text(encoding="utf-8")
    return tuple(
        App15Item(
            number=entry["number"],
            name_ru=entry["name_ru"],
            ranges=tuple(
                (normalise_icd10(low), normalise_icd10(high)) for low, high in entry["ranges"]
            ),
            age=entry.get("age"),
            exam=entry.get("exam"),
            note=entry.get("note"),
            icd10_text=entry.get("icd10_text", ""),
            details=tuple(entry.get("details", ())),
        )
        for entry in json.loads(text)["items"]
    )


APP15_ITEMS: tuple[App15Item, ...] = _load()
_BY_NUMBER = {item.number: item for item in APP15_ITEMS}


def app15_item(number: str) -> App15Item:
    """The item with this number ("1.7", "9"); raises KeyError for an unknown one."""
    return _BY_NUMBER[number]


def covered(code: str, *, age_years: int, kind: Kind) -> App15Item | None:
    """The App 15 item that admits ``code`` for this age and examination kind, or None.

    ``kind`` is "primary" or "repeat"; ``age_years`` is the person's age in full years.
    A code that is not ICD-10 shaped is never covered.
    """
    if kind not in ("primary", "repeat"):
        raise ValueError(f"kind must be 'primary' or 'repeat', not {kind!r}")
    if not is_icd10_shape(code):
        return None
    code = normalise_icd10(code)
    for item in APP15_ITEMS:
        if item.covers_code(code) and item.allows(age_years=age_years, kind=kind):
            return item
    return None


def range_covers(code: str, range_text: str) -> bool:
    """``code`` lies in a range written as in an expert's profile ("C00-C97", "C90.0-C90.2")
    or is the single code written there ("I74.0"), by the coverage rule above."""
    if not is_icd10_shape(code):
        return False
    low, _, high = normalise_icd10(range_text).partition("-")
    return _range_covers(normalise_icd10(code), low, high or low)


def chapter_number(item_number: str) -> str:
    """The chapter of an App 15 item: its first number ("1.7" -> "1")."""
    return item_number.split(".")[0]


def chapter_of(code: str) -> str | None:
    """The App 15 chapter of an ICD-10 code by the code alone (the first item that lists it;
    the age and examination qualifiers are not looked at), or None."""
    code = normalise_icd10(code)
    item = next((item for item in APP15_ITEMS if item.covers_code(code)), None)
    return chapter_number(item.number) if item else None
