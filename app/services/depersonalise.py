"""What may leave the department for an expert: the case without the person (§25.2).

A draft act's own columns hold no personal data, but free text (complaints, anamnesis,
objective status, rehabilitation plan, diagnosis texts, attachment titles) can.  ``scrub``
removes from every string:
- any run of 12 digits (an IIN or BIN, whatever separates the digits) and any Kazakhstan
  phone number (11 digits from 7 or 8), whoever it belongs to;
- the person's, the representative's and the signing doctor's names, in any case ending
  ("Иванов", "Иванова", "Ивановой" share a stem), in Kazakh or Russian spelling (Қалиев =
  Калиев, Рүстем = Рустем, Әуезов = Ауэзов), with the initials around a surname
  ("КАЛИЕВ Р.И.", "Р. И. Калиев"), the patronymic also in its other form (Ильясұлы =
  Ильясович);
- the birth date in figures (29.08.1968, 29/8/68, 1968-08-29), in words in Russian, Kazakh or
  English ("29 августа 1968 г.", "1968 жылғы 29 тамыз", "August 29, 1968"), and the birth year
  where it is said to be one ("1968 г.р.", "1968 года рождения", "1968 ж.т.", "род. 1968");
- the parts of the registration and actual addresses: region, district, locality and street
  with their kind before or after ("г. Каражал", "пр. Туран", "Тұран даңғылы"), alone when
  written with a capital letter ("Каражал"), a street with its house ("Туран 83"), the house
  and the flat after their markers ("д. 83", "кв. 55");
- the workplace and the medical organisation named in the referral, also without their legal
  form and quotes ("Казцинк" for ТОО «Казцинк»).
A place name alone is matched only when written with a capital letter, so clinical words that
share a street's name ("центральная нервная система") stay.  Clinical dates and numbers other
than these stay: the expert needs them.

How: the text is *folded* (lower case, each Kazakh letter as its Russian look-alike, ё/э as е;
one character for one, so positions are kept) and the person's values, folded the same way,
are searched in it as plain expressions.  Each kind of value is a group with a few literal
*needles* (the start of a name, the birth year, …); a text holding none of a group's needles —
the usual case — is passed by with a substring search, without compiling the group.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .. import models as m
from ..domain.iin import iin_checksum_ok
from ..errors import UserError
from . import glued_names, others_names as others, spellings

REDACTED = "***"
# a document's hash (ХЭД sha256) is kept whole: hex with letters in it, so digits alone never pass
HASH_TOKEN = re.compile(r"(\b(?=[0-9]*[a-fA-F])[0-9a-fA-F]{32,}\b)")
# digits with the separators people type between them (also "/", "_" and a line break inside an IIN)
NUMBER_RUN = re.compile(r"\+?\d(?:[ \-()./_\t\r\n]*\d)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MIN_STEM = 4
MIN_PLACE = 4  # shorter place names are matched only together with their kind ("г. Шу")


def _fold_table() -> dict[int, str]:
    """Upper to lower case, Kazakh letters to their Russian look-alikes, ё and э to е; one
    character for one."""
    table = {}
    letters = [chr(c) for c in range(0x41, 0x5B)] + [chr(c) for c in range(0x400, 0x500)]
    for ch in letters:
        lower = ch.lower()
        if len(lower) == 1:
            table[ord(ch)] = lower
    for kazakh, russian in zip("әғқңөұүһіёэ", "агкноуухиее", strict=True):
        table[ord(kazakh)] = table[ord(kazakh.upper())] = russian
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """``text`` folded for matching; same length, same positions."""
    return text.translate(_FOLD)


RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма[яй]", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
             "декабр")
KK_MONTHS = tuple(fold(m) for m in ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
                                     "қыркүйек", "қазан", "қараша", "желтоқсан"))
RU_MONTH_NAMES = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                  "ноябрь", "декабрь")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
ROMAN_LOOK_ALIKES = str.maketrans("ІХ", "IX")  # the Kazakh (Ukrainian) І and the Cyrillic Х
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
# Patterns below are written folded: Russian letters for the Kazakh ones, lower case.
YEAR_WORDS = r"(?:\s*(?:г\.?|гг\.?|года?|ж\.?|жылы?|жылгы)(?!\w))?"  # not the Г of a following word
BORN_AFTER = (r"\s*(?:г\.?\s*р\.?|г\.?\s*рожд\w*|года?\s+рожд\w*|ж\.?\s*т\.?|жылы\s+туган\w*|"
              r"жылгы\s+туган\w*|year\s+of\s+birth|born)")
BORN_BEFORE = (r"(?:род\.?|родил\w*|рожд\w*|г\.?\s*р\.?|год\s+рождения|д\.?\s*р\.?|туган\s+жылы|туган|born(?:\s+in)?)"
               r"\s*:?\s*(?:в\s+)?")
SUFFIX_KINDS = (r"каласы|ауылы|кенти|кошеси|дангылы|шагын\s*ауданы|ыкшам\s*ауданы|ауданы|облысы|обл\.|област\w*|"
                r"район\w*|р-н")
PLACE_KINDS = (r"г\.|гор\.|город\w*|с\.|село|сел\.|пос\.|пгт\.?|пос[е]л\w*|п\.|аул\w*|а\.|ул\.|улиц\w*|пр\.|пр-т|"
               r"просп\.|проспект\w*|мкр\.?|микрорайон\w*|пер\.|переул\w*|б-р|бульвар\w*|шоссе|" + SUFFIX_KINDS)
_KIND_WORDS = re.compile(rf"(?<!\w)(?:{PLACE_KINDS})(?!\w)")
KIND_BEFORE = re.compile(rf"(?<!\w)(?:{PLACE_KINDS})\s*$")  # searched up to a match: "пр. " of "пр. Туран 83"
KIND_REACH = 40  # characters looked back for it
HOUSE = r"(?:д\.|дом|уй)\s*№?\s*"
FLAT = r"(?<!\w)(?:кв\.|квартира|патер|kv\.?|apt\.?|apartment|flat)\s*№?\s*"
LEGAL_FORMS = re.compile(r"(?<!\w)(?:ТОО|АО|ГКП|КГП|ГУ|КГУ|РГП|ИП|ПК|на ПХВ|ЖШС|АҚ|МКК)(?!\w)|[«»\"„“”']")
PATRONYMIC = re.compile(r"(.{3,}?)(улы|кызы|ович|евич|овна|евна)$")
PATRONYMIC_ENDINGS = "(?:улы|кызы|ович|евич|овна|евна)"
PATRONYMIC_SKELETON = "(?:uli|kizi|ovich|evich|ovna|evna)"
# no figures just before a local number: "+7 705 123 45 67" is a whole phone (``_redact_number``)
LOCAL_PHONE_BEFORE = r"(?<!\d)(?<!\d[\s\-.)])(?<!\d[\s\-.)]{2})"
MIN_GLUED = 5  # a surname's stem this long is found glued inside another word
# A street's kind and a house's marker between a street and its house number, in any spelling
# (compared as ``spellings.skeleton``): "Turan avenue, house 83", "Тұран даңғылы, үй 83".
STREET_WORDS = "(?:" + "|".join(sorted({re.escape(spellings.skeleton(word)[0]) for word in (
    "street", "st", "str", "avenue", "ave", "av", "prospekt", "prospect", "prosp", "pr", "boulevard", "blvd", "road",
    "rd", "lane", "ulitsa", "ulica", "ul", "house", "building", "bldg", "h", "d", "dom", "no", "nr", "улица", "ул",
    "проспект", "пр", "бульвар", "көшесі", "даңғылы", "дом", "д", "үй")}, key=len, reverse=True)) + ")"
FLAT_WORDS = "(?:" + "|".join(sorted({re.escape(spellings.skeleton(word)[0]) for word in (
    "apt", "apartment", "flat", "kv", "кв", "квартира", "пәтер")}, key=len, reverse=True)) + ")"
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+")
# words between the day, the month and the year: "20-го декабря", "December 20th", "2006 жылғы 20 желтоқсан"
DATE_GLUE = frozenset({"го", "ого", "е", "числа", "г", "год", "года", "гг", "жылгы", "жылы", "ж", "of", "the", "th",
                       "st", "nd", "rd", "ши", "шы", "inci", "ое"})
# A place's kind and the (up to three) words after it, or a word and the kind after it; searched
# at every kind (a lookahead: the words after one kind may hold the next one, "2010 г. проживает в
# г. Сатпаев").
KINDED_PLACE = re.compile(rf"(?=(?P<whole>(?<!\w)(?:{PLACE_KINDS})\s*"
                          rf"(?P<after>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){{0,2}})|"
                          rf"(?<!\w)(?P<before>[^\W\d_][\w-]*)\s*(?:{SUFFIX_KINDS})(?!\w)))")


def _is_phone(digits: str, first_group: int = 3) -> bool:
    """A Kazakhstan number: 11 digits from 8 7 or 7 7, or its 10 digits without the country code
    when they start with a group of three or more ("705 123 45 67", not a row of pulse rates)."""
    return (len(digits) == 11 and digits[0] in "78" and digits[1] == "7") or \
        (len(digits) == 10 and digits[0] == "7" and first_group >= 3)


def _redact_number(match: re.Match) -> str:
    """A run of 12 digits is an IIN or BIN; 11 digits starting 7 or 8 (or +7) is a phone.  In a
    longer run ("900515300127 900515300127", "8 701 123 45 67 8 702 …") the IINs (by their check
    digit) and mobile numbers made of consecutive groups of digits go."""
    run = match.group()
    groups = list(re.finditer(r"\d+", run))
    digits = "".join(g.group() for g in groups)
    if len(digits) == 12 or (len(digits) == 11 and digits[0] in "78") or _is_phone(digits, len(groups[0].group())):
        return REDACTED
    pieces, position, start = [], 0, 0
    while start < len(groups):
        chain, end = "", start
        while end < len(groups) and len(chain) < 12:
            chain += groups[end].group()
            end += 1
            if (len(chain) == 12 and iin_checksum_ok(chain)) or _is_phone(chain, len(groups[start].group())):
                pieces += [run[position:groups[start].start()], REDACTED]
                position = groups[end - 1].end()
                break
        else:
            end = start + 1
        start = end
    return "".join(pieces) + run[position:]


def _text(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _word(value) -> str | None:
    return value.strip() if isinstance(value, str) and len(value.strip()) > 2 else None


def _stem(word: str, keep: int = MIN_STEM) -> str:
    """A folded word with any case ending: without its last letter when longer than ``keep``."""
    word = fold(word)
    return re.escape(word[:-1] if len(word) > keep else word) + r"\w*"


# -- names ----------------------------------------------------------------------------------------
def _surname_pattern(surname: str, first: str | None, middle: str | None) -> str:
    """The surname with the initials written before or after it."""
    letters = [rf"{re.escape(fold(name[0]))}\." for name in (first, middle) if name]
    core = r"(?<!\w)" + _stem(surname)
    if not letters:
        return core
    initials = letters[0] + "".join(rf"(?:\s*{letter})?" for letter in letters[1:])  # "Р.", "Р.И.", "Р. И."
    return rf"(?:(?<!\w){initials}\s*)?{core}(?:\s+{initials})?"


def _name_patterns(person: dict) -> list[str]:
    last, first, middle = (_word(person.get(k)) for k in ("last_name", "first_name", "middle_name"))
    patterns = [_surname_pattern(last, first, middle)] if last else []
    patterns += [r"(?<!\w)" + _stem(name) for name in (first, middle) if name]
    if middle and (root := PATRONYMIC.match(fold(middle))):
        patterns.append(rf"(?<!\w){re.escape(root.group(1))}[\s-]?{PATRONYMIC_ENDINGS}\w*")  # "Ильяс ұлы" too
    return patterns


def _name_needles(people: list[dict]) -> Iterator[str | None]:
    for person in people:
        for key in ("last_name", "first_name", "middle_name"):
            yield _needle(person.get(key))
        if _word(person.get("middle_name")) and (root := PATRONYMIC.match(fold(person["middle_name"].strip()))):
            yield root.group(1)[:4]


# -- dates ----------------------------------------------------------------------------------------
def _date_patterns(day: date) -> list[str]:
    d, mo, y = rf"0?{day.day}", rf"0?{day.month}", str(day.year)
    months = rf"(?:{RU_MONTHS[day.month - 1]}|{KK_MONTHS[day.month - 1]}|{EN_MONTHS[day.month - 1]})\w*"
    return [
        rf"(?<!\d){d}\s*[./\-]\s*{mo}\s*[./\-]\s*{y}(?!\d){YEAR_WORDS}",  # 29.08.1968, 29/8/1968
        rf"(?<!\d){y}\s*[./\-]\s*{mo}\s*[./\-]\s*{d}(?!\d)",  # 1968-08-29
        rf"(?<!\d)(?:{day:%d%m%Y}|{day:%Y%m%d})(?!\d)",  # 29081968, 19680829
        rf"(?<!\d){d}\s+{months}\s+{y}(?!\d){YEAR_WORDS}",  # 29 августа 1968 г., 29 тамыз 1968
        rf"(?<!\d){y}{YEAR_WORDS}\s*{d}\s+{months}",  # 1968 жылғы 29 тамыз
        rf"{months}\s+{d},?\s+{y}(?!\d)",  # August 29, 1968
        rf"(?<!\d){y}(?!\d){BORN_AFTER}",  # 1968 г.р., 1968 ж.т.
        rf"{BORN_BEFORE}{y}(?!\d){YEAR_WORDS}",  # род. 1968
    ]


def _short_date_pattern(day: date) -> str:
    """29.08.68, 29/8/68: the year in two digits."""
    return rf"(?<!\d)0?{day.day}\s*[./\-]\s*0?{day.month}\s*[./\-]\s*{day.year % 100:02d}(?!\d){YEAR_WORDS}"


# -- places and organisations ---------------------------------------------------------------------
def _place_core(value) -> str | None:
    """A place name without its kind, folded: "пр. Туран" -> "туран", "Қаражал қаласы" -> "каражал"."""
    if not isinstance(value, str):
        return None
    core = " ".join(_KIND_WORDS.sub(" ", fold(value)).replace(",", " ").split())
    return core if len(core) >= 2 and not core.isdigit() else None


def _place_pattern(core: str) -> str:
    """A (folded) place name of one or more words, the last with any case ending."""
    *words, last = core.split()
    return r"(?<!\w)" + r"\s+".join([*map(re.escape, words), _stem(last, keep=MIN_PLACE - 1)])


def _place_cores(addresses: list[dict]) -> list[str]:
    return list(dict.fromkeys(filter(None, (_place_core(a.get(key)) for a in addresses
                                            for key in ("street", "locality", "district", "region")))))


def _street_house_patterns(addresses: list[dict]) -> list[str]:
    """A street with its house number: "Туран 83", "Туран, д. 83" (a kind before it, "пр. Туран 83",
    is taken by the group's ``kind_before``: one expression for every person, not one per street)."""
    return [rf"{_place_pattern(street)}[\s,]*(?:{HOUSE})?{re.escape(house)}(?!\d)" +
            (rf"(?:\s*[-/,]?\s*(?:{FLAT})?{re.escape(fold(flat))}(?!\d))?" if flat else "")  # "83/55", "83, кв. 55"
            for street, house, flat in _street_houses(addresses)]


def _street_houses(addresses: list[dict]) -> list[tuple[str, str, str | None]]:
    """(street without its kind, folded; house; flat or None) of each address with a street and a house."""
    return [(street, house, _text(a.get("apartment"))) for a in addresses
            if (street := _place_core(a.get("street"))) and (house := _text(a.get("house")))]


def _number_patterns(addresses: list[dict]) -> list[str]:
    """House and flat numbers after their markers ("д. 83", "кв. 55")."""
    patterns = []
    for marker, key in ((HOUSE, "house"), (FLAT, "apartment")):
        numbers = dict.fromkeys(filter(None, (_text(a.get(key)) for a in addresses)))
        patterns += [rf"{marker}{re.escape(fold(number))}(?![\d\w])" for number in numbers]
    return patterns


def _organisation_core(name) -> str | None:
    core = " ".join(LEGAL_FORMS.sub(" ", name).split()) if isinstance(name, str) else ""
    return core if len(core) >= MIN_PLACE else None


def _organisation_patterns(names: Iterable[str | None]) -> list[str]:
    """The name as written, and its distinctive part without legal form and quotes."""
    patterns = []
    for value in names:
        if value is None or not _word(value):
            continue
        patterns.append(re.escape(fold(value.strip())))
        if (core := _organisation_core(value)) and core != value.strip():
            patterns.append(_place_pattern(fold(core)))
    return patterns


def _one_word_organisations(names: Iterable[str | None]) -> list[str]:
    """The distinctive name of an organisation when it is one word ("Казцинк" of ТОО «Казцинк»),
    folded: searched in any spelling as a place is.  A name of several words ("Городская
    поликлиника №3") is not: its words are ordinary ones."""
    return [fold(core) for name in names if (core := _organisation_core(name)) and len(core.split()) == 1]


def _needle(text: str | None) -> str | None:
    """The first four letters of a value's first word, folded: every match of its pattern has them."""
    if not isinstance(text, str) or not text.split():
        return None
    return fold(text.split()[0])[:4]


# -- groups ---------------------------------------------------------------------------------------
Span = tuple[int, int]


class _Group:
    """Alternatives of one kind (dates, names, …), made and compiled on first need, and the
    needles one of which each contains.  ``capital``: keep only matches that start with a
    capital letter in the original text."""

    def __init__(self, parts: Callable[[], Iterable[str]], needles: Iterable[str | None], capital: bool = False,
                 kind_before: bool = False):
        self.parts = parts
        self.needles = tuple(n for n in dict.fromkeys(needles) if n)
        self.capital = capital
        self.kind_before = kind_before
        self._compiled: re.Pattern | None = None

    def spans(self, text: str, folded: str) -> Iterator[Span]:
        if not any(needle in folded for needle in self.needles):
            return
        if self._compiled is None:
            self._compiled = re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(self.parts())) or r"(?!x)x")
        for match in self._compiled.finditer(folded):
            if match.end() > match.start() and (not self.capital or text[match.start()].isupper()):
                start = match.start()
                if self.kind_before and (kind := KIND_BEFORE.search(folded, max(0, start - KIND_REACH), start)):
                    start = kind.start()
                yield start, match.end()


class _KindedPlaces:
    """The person's places written with their kind ("г. Каражал", "пр. туран", "Тұран даңғылы"):
    one expression for every person, the words after the kind compared with the places."""

    def __init__(self, cores: list[str]):
        self.cores = [core.split() for core in cores]
        self.needles = tuple(filter(None, map(_needle, cores)))

    def _length(self, words: list[str]) -> int:
        """How many of ``words`` (folded) are one of the person's places (0: none)."""
        for core in self.cores:
            n = len(core)
            last = core[-1][:-1] if len(core[-1]) > MIN_PLACE - 1 else core[-1]
            if len(words) >= n and words[:n - 1] == core[:-1] and words[n - 1].startswith(last):
                return n
        return 0

    def spans(self, text: str, folded: str) -> Iterator[Span]:
        if not self.cores or not any(needle in folded for needle in self.needles):
            return
        for match in KINDED_PLACE.finditer(folded):
            if match.group("before") is not None:
                if self._length([match.group("before")]):
                    yield match.span("whole")
                continue
            words = list(re.finditer(r"\S+", match.group("after")))
            n = self._length([w.group() for w in words])
            if n:
                yield match.start(), match.start("after") + words[n - 1].end()


class _Spellings:
    """The people's names and places in any other spelling (``spellings.skeleton``): Latin letters,
    Latin look-alikes, glued to other words.  A surname (of five letters or more) is found inside
    a word too; a first name, a patronymic or a place at the start of one, a place only when written
    with a capital letter or in Latin.  The whole word holding a match goes."""

    def __init__(self, people: list[dict], places: list[str], street_houses: list[tuple[str, str, str | None]]):
        anywhere, word_start = [], []
        for person in people:
            last, first, middle = (_word(person.get(k)) for k in ("last_name", "first_name", "middle_name"))
            if last and len(stem := spellings.stem(last)) >= MIN_GLUED:
                anywhere.append(re.escape(stem))
            word_start += [re.escape(spellings.stem(n)) for n in (last, first, middle)
                           if n and len(spellings.stem(n)) >= 3]
            if middle and (root := PATRONYMIC.match(fold(middle))):
                word_start.append(re.escape(spellings.skeleton(root.group(1))[0]) + " ?" + PATRONYMIC_SKELETON)
        self.names = _compiled([*anywhere, *(r"(?<![a-z0-9])" + p for p in word_start)])
        self.places = _compiled([*(pattern for street_house in street_houses
                                   for pattern in _street_house_skeletons(*street_house)),
                                 *(_place_skeleton(core) for core in places if len(core) >= 2)])

    def spans(self, text: str, folded: str) -> Iterator[Span]:
        if self.names is None and self.places is None:
            return
        letters, origin = spellings.skeleton(folded)
        for compiled, place in ((self.names, False), (self.places, True)):
            for match in compiled.finditer(letters) if compiled is not None else ():
                start, end = origin[match.start()], origin[match.end() - 1] + 1
                if place and not _capital_or_latin(text[start:end]):
                    continue
                yield _whole_words(folded, start, end)


def _capital_or_latin(written: str) -> bool:
    """A place's name as written: with a capital letter, or in Latin letters."""
    first = next((char for char in written if char.isalpha()), "")
    return first.isupper() or not CYRILLIC_LETTER.search(written)


def _street_house_skeletons(street: str, house: str, flat: str | None) -> list[str]:
    """A street with its house (and the flat after it) in any spelling, the words of a street's kind
    or a house between them: "Tauelsizdik street 169", "Тәуелсіздік даңғылы, үй 169", "169
    Tauelsizdik Ave", "Turan 83, apt. 55"."""
    name = _place_skeleton(street) + "[a-z]*"
    number = re.escape(spellings.skeleton(house)[0].strip())
    flat_after = rf"(?: +(?:{FLAT_WORDS} +)?{re.escape(spellings.skeleton(flat)[0].strip())}(?![0-9]))?" if flat else ""
    return [rf"{name}(?: +{STREET_WORDS}){{0,2}} +{number}(?![0-9]){flat_after}",
            rf"(?<![0-9]){number} +{name}(?: +{STREET_WORDS})?"]


def _place_skeleton(core: str) -> str:
    """A place's stem at the start of a word; a short name ("Шу") only as a whole word."""
    if len(core) >= MIN_PLACE:
        return r"(?<![a-z0-9])" + re.escape(spellings.stem(core, keep=MIN_PLACE - 1))
    return r"(?<![a-z0-9])" + re.escape(spellings.skeleton(core)[0].strip()) + r"(?![a-z0-9])"


def _compiled(parts: list[str]) -> re.Pattern | None:
    return re.compile("|".join(dict.fromkeys(parts))) if parts else None


def _whole_words(text: str, start: int, end: int) -> Span:
    """The span widened to the words it touches."""
    while start > 0 and spellings.in_word(text[start - 1]):
        start -= 1
    while end < len(text) and spellings.in_word(text[end]):
        end += 1
    return start, end


class _BirthDate:
    """The birth date written with its day, month and year in any order, with any separators and
    words between them: "20-го декабря 2006", "20 12 2006", "2006/12/20", "December 20th 2006"."""

    def __init__(self, born: date):
        self.day, self.month, self.year = born.day, born.month, born.year

    @staticmethod
    def _value(token: str, written: str) -> tuple[str, int] | None:
        """A day, month or year in figures, or a month in words (Russian, Kazakh, English; Russian
        also shortened: "авг.", "сент") or in Roman figures ("VIII", also with the Cyrillic І, Х)."""
        if token.isdigit():
            return ("number", int(token)) if len(token) <= 4 else None
        if (roman := written.upper().translate(ROMAN_LOOK_ALIKES)) in ROMAN_MONTHS:
            return "month", ROMAN_MONTHS.index(roman) + 1
        for index in range(12):
            if re.match(RU_MONTHS[index], token) or token.startswith(KK_MONTHS[index][:4]) or \
                    (len(token) >= 3 and (token.startswith(EN_MONTHS[index][:3]) or
                                          RU_MONTH_NAMES[index].startswith(token))):
                return "month", index + 1
        return None

    def _is_birth(self, parts: list[tuple[str, int]]) -> bool:
        """Day, month and year in some order; the year in two figures only last, after the day and
        a month in words ("29 августа 68 г.", "29.VIII.68"; not "ЧСС 68, 29 VIII")."""
        short = [("number", self.day), ("month", self.month), ("number", self.year % 100)]
        return (self.year % 100 >= 10 and parts == short) or any(
            day == ("number", self.day) and month[1] == self.month and year == ("number", self.year)
            for day, month, year in itertools.permutations(parts))

    def spans(self, text: str, folded: str) -> Iterator[Span]:
        if str(self.year % 100) not in folded:
            return
        tokens = [(m, self._value(m.group(), text[m.start():m.end()])) for m in DATE_TOKEN.finditer(folded)]
        for first in range(len(tokens)):
            parts, last = [], first
            for index in range(first, min(first + 6, len(tokens))):
                token, value = tokens[index]
                if index > first and len(folded[tokens[index - 1][0].end():token.start()].strip(" .,/-\n\t")) > 0:
                    break
                if value is not None:
                    parts.append(value)
                    last = index
                elif token.group() not in DATE_GLUE or not parts:
                    break
                if len(parts) == 3:
                    break
            if len(parts) == 3 and tokens[first][1] is not None and self._is_birth(parts):
                yield tokens[first][0].start(), tokens[last][0].end()


class PersonalPattern:
    """Every personal value of one case, as groups each searched in the whole text: a find of one
    group never hides what another would find where the two share a part ("5 02 1953 5 февраля
    1953": the year-first form takes "1953 5 февраля", the day-first one "5 02 1953"); finds that
    overlap go as one."""

    def __init__(self, groups: list[_Group | _KindedPlaces | _BirthDate | _Spellings | glued_names.GluedSurnames]):
        self.groups = groups

    def sub(self, replacement: str, text: str) -> str:
        folded = fold(text)
        found: list[Span] = []
        for group in self.groups:
            found.extend(group.spans(text, folded))
        if not found:
            return text
        pieces, position = [], 0
        for start, end in sorted(found):
            if start >= position:
                pieces += [text[position:start], replacement]
            position = max(position, end)  # spans that overlap ("Zhibek" in "Zhibek Zholy") go as one
        return "".join(pieces) + text[position:]


def _section(package: dict, key: str) -> dict:
    value = package.get(key)
    return value if isinstance(value, dict) else {}


def _phone_patterns(person: m.Person, package: dict) -> list[str]:
    """The person's, the representative's and the reply phone as a local number: its last seven
    figures, whatever separates them ("123-45-67", "12 34 567"); the whole number is any phone's
    rule (``_redact_number``)."""
    written = (person.phone, _section(package, "patient").get("phone"),
               _section(package, "representative").get("phone"), _section(package, "consent").get("reply_phone"))
    digits = (re.sub(r"\D", "", phone) for phone in written if isinstance(phone, str))
    return [LOCAL_PHONE_BEFORE + r"[\s\-.()]*".join(number) + r"(?![\d\-.]?\d)"
            for number in sorted({figures[-7:] for figures in digits if len(figures) >= 7})]


def _people(person: m.Person, package: dict) -> list[dict]:
    """The person, as stored and as in the package, the representative and the signing doctor."""
    signature = _section(_section(package, "form"), "signature")
    signer = name.split() if isinstance(name := signature.get("signer_name"), str) else []
    return [{"last_name": person.last_name, "first_name": person.first_name, "middle_name": person.middle_name},
            _section(package, "patient"), _section(package, "representative"),
            dict(zip(("last_name", "first_name", "middle_name"), signer))]


def personal_patterns(person: m.Person, package: dict | None) -> PersonalPattern:
    """The patterns of every personal value of this case."""
    package = package if isinstance(package, dict) else {}
    patient = _section(package, "patient")
    addresses = [a for a in (person.registration_address, person.actual_address,
                             patient.get("registration_address"), patient.get("actual_address"))
                 if isinstance(a, dict)]
    organisations = [patient.get("workplace"), _section(package, "medical_org").get("name")]
    people = _people(person, package)
    birth = person.birth_date
    cores = _place_cores(addresses)
    return PersonalPattern([
        _Group(lambda: _date_patterns(birth), [str(birth.year)]),
        _Group(lambda: [_short_date_pattern(birth)], [f"{birth.year % 100:02d}"]),
        _Group(lambda: _phone_patterns(person, package), "0123456789"),
        _Group(lambda: _organisation_patterns(organisations),
               [_needle(_organisation_core(o) or o) for o in organisations if _word(o)]),
        # the street with its house before the street alone:
        _Group(lambda: _street_house_patterns(addresses), map(_needle, cores), kind_before=True),
        _KindedPlaces(cores),                                                    # takes "улица Гоголя" of "… 100"
        _Group(lambda: [_place_pattern(c) for c in cores if len(c) >= MIN_PLACE], map(_needle, cores), capital=True),
        _Group(lambda: _number_patterns(addresses),
               (_text(a.get(key)) for a in addresses for key in ("house", "apartment"))),
        _Group(lambda: [p for who in people for p in _name_patterns(who)], _name_needles(people)),
        _BirthDate(birth),
        _Spellings(people, [*cores, *_one_word_organisations(organisations)], _street_houses(addresses)),
        glued_names.GluedSurnames(_short_surnames(people)),
    ])


def _short_surnames(people: list[dict]) -> list[str]:
    """The surnames (folded) too short to be searched inside any word (``glued_names``)."""
    surnames = (last.strip() for person in people if isinstance(last := person.get("last_name"), str))
    return list(dict.fromkeys(fold(last) for last in surnames
                              if len(last) >= 2 and len(spellings.stem(last)) < MIN_GLUED))


def _scrub_text(text: str, pattern: PersonalPattern) -> str:
    text = pattern.sub(REDACTED, EMAIL.sub(REDACTED, text))
    return NUMBER_RUN.sub(_redact_number, others.scrub_names(text, REDACTED))


def scrub(value, pattern: PersonalPattern):
    """``value`` with every match of ``pattern`` in its strings replaced, recursively."""
    if isinstance(value, str):
        return "".join(part if HASH_TOKEN.fullmatch(part) else _scrub_text(part, pattern)
                       for part in HASH_TOKEN.split(value))
    if isinstance(value, list):
        return [scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, pattern) for k, v in value.items()}
    return value


def holds_identifiers(text: str) -> bool:
    """Whether ``text`` still holds an e-mail address, an IIN (also split by spaces, "/", "_" or a
    line break) or a phone number: what no expert's copy may hold, whoever it belongs to."""
    return EMAIL.search(text) is not None or NUMBER_RUN.sub(_redact_number, text) != text


def person_of(act: m.DraftAct) -> m.Person:
    """The person of a department's act; an expert's workstation holds none (§25.2)."""
    if act.person is None:
        raise UserError("Draft act {number} holds no person here: an expert's copy is depersonalised (§25.2).",
                        number=act.number)
    return act.person
