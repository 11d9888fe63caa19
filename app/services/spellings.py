"""Spellings of a name that a person's own data does not show: in Latin letters (any common
transliteration of Russian and Kazakh), with Latin look-alike letters in a Cyrillic word, in any
case, glued to other words.  ``skeleton(text)`` writes both scripts the same way, one sound one
letter, and remembers where each letter came from, so a match in the skeleton is a span of the
original text.

Kazakh letters (ә ғ қ ң ө ұ ү һ і) are written as their nearest Russian sounds, and the Latin
transliterations (ГОСТ 7.79, the passport's ICAO 9303, the Kazakh Latin alphabet of 2021) come
to the same skeleton: "Қалиев", "Kaliev", "Qaliev", "KALIYEV" all read "kaliev"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Latin letters that look like Cyrillic ones, in a word that also has Cyrillic letters
LOOK_ALIKES = str.maketrans("aeopcxykmtbhABEKMHOPCTXYiIѕјԁһ", "аеорсхукмтвнАВЕКМНОРСТХУііѕјдһ")
GREEK_LOOK_ALIKES = str.maketrans("αεοκρτχνΑΒΕΗΙΚΜΝΟΡΤΧΥ", "аеокртхvАВЕНІКМNОРТХУ")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[a-zA-Z]")
WORD = re.compile(r"\w+")
LATIN_RUN = re.compile(r"(?P<latin>[a-z]+)|.", re.DOTALL)

INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")  # a soft hyphen, zero-width characters
TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ä": "a", "ö": "o", "ü": "u", "ğ": "g", "ı": "i", "ş": "sh", "ç": "ch", "ñ": "n", "ó": "o", "ú": "u", "á": "a",
    "é": "e", "í": "i", "q": "k", "w": "v", "x": "ks", "j": "j", "ǵ": "g", "ń": "n", "ý": "u",
    # ISO 9 and the Library of Congress: ё, ж, ч, ш, щ, ю, я, э with diacritics
    "ë": "e", "ž": "j", "č": "ch", "š": "sh", "ŝ": "sh", "û": "iu", "â": "ia", "è": "e",
    # no letters: ь and ъ as an apostrophe or a prime ("Solov'ev", "Il'in"), a soft hyphen and the
    # zero-width characters a word processor leaves inside a word
    **dict.fromkeys("'’ʼʻʹʺ`", ""), **dict.fromkeys(INVISIBLE, ""),
}
# Latin letter groups of the transliterations, to one skeleton letter each
# (one pass over the written letters: "ts" read as "c" never joins the next "k" into a group; "ck"
# is no group, since "Savickij" is цк in ГОСТ 7.79 A, and "cz" is ц in its system B; "tsh" is тш,
# as in "Beybitshilik", not цх; "ng" is no group either: its "g" goes after "n" in ``_single_letters``,
# so the "gh" of "Imanghaliev", нғ, stays a letter of its own)
GROUPS = (("shch", "sh"), ("sch", "sh"), ("dzh", "j"), ("kh", "h"), ("zh", "j"), ("tsh", "tsh"), ("ts", "c"),
          ("cz", "c"), ("gh", "g"), ("ph", "f"), ("ye", "e"), ("yo", "e"), ("y", "i"))
_GROUP = re.compile("|".join(re.escape(left) for left, _ in GROUPS))
_GROUP_TO = dict(GROUPS)


def in_word(char: str) -> bool:
    """A letter or digit, or what may stand inside a word unseen: a combining mark, a soft hyphen."""
    return char.isalnum() or char in INVISIBLE or unicodedata.combining(char) > 0


def fold_look_alikes(text: str) -> str:
    """Latin and Greek look-alike letters as Cyrillic in the words that mix them with Cyrillic."""
    def fold(match: re.Match) -> str:
        word = match.group()
        if CYRILLIC.search(word) and (LATIN_LETTER.search(word) or any("\u0370" <= c <= "\u03ff" for c in word)):
            return word.translate(LOOK_ALIKES).translate(GREEK_LOOK_ALIKES)
        return word
    return WORD.sub(fold, text)


def skeleton(text: str) -> tuple[str, list[int]]:
    """``text`` as a skeleton, and for each of its letters the position in ``text`` it came from.
    Anything but a letter or digit becomes a space.  Letter groups ("kh", "zh", "ye") are read in
    Latin runs only: a Cyrillic "тс" stays two letters."""
    letters: list[str] = []
    origin: list[int] = []
    for run in LATIN_RUN.finditer(fold_look_alikes(text).lower()):
        start = run.start()
        if run.group("latin"):
            latin, where = _grouped(run.group(), list(range(start, run.end())))  # "iy" -> "ii", one "i" below
            pairs: Iterable[tuple[str, int]] = zip(latin, where, strict=True)
        else:
            pairs = ((run.group(), start),)
        for char, position in pairs:
            written = TO_LATIN.get(char, char if char.isalnum() else "" if unicodedata.combining(char) else " ")
            letters.extend(written)
            origin.extend([position] * len(written))
    return _single_letters(letters, origin)


def _grouped(latin: str, origin: list[int]) -> tuple[str, list[int]]:
    """Each letter group of a transliteration as its one skeleton letter."""
    out: list[str] = []
    where: list[int] = []
    position = 0
    for match in _GROUP.finditer(latin):
        out.extend(latin[position:match.start()])
        where.extend(origin[position:match.start()])
        written = _GROUP_TO[match.group()]
        out.extend(written)
        where.extend(origin[match.start() + min(n, len(match.group()) - 1)] for n in range(len(written)))
        position = match.end()
    out.extend(latin[position:])
    where.extend(origin[position:])
    return "".join(out), where


def _single_letters(out: list[str], where: list[int]) -> tuple[str, list[int]]:
    """Doubled letters once ("Алла" = "Ala"): transliterations double and undouble them; a "g"
    after "n" goes, as Latin "ng" is ң ("Zhangabek") or нг ("Angelina") alike; "дж", "dzh" and
    "j" are one sound ("Урджар", "Urdzhar", "Urjar"); "i" before "e" goes, as ье, ьё and ие are
    "ie", "ye", "'e" or "e" in Latin ("Soloviev", "Solovyov", "Solovev")."""
    letters: list[str] = []
    origin: list[int] = []
    for letter, position in zip(out, where, strict=True):
        if letters and (letter == letters[-1] and letter.isalpha() or (letters[-1], letter) == ("n", "g")):
            continue
        if letters and (letters[-1], letter) in (("d", "j"), ("i", "e")):
            letters[-1] = letter
            continue
        letters.append(letter)
        origin.append(position)
    return "".join(letters), origin


def stem(value: str, keep: int = 4) -> str:
    """A name's skeleton without its last letter when longer than ``keep`` (case endings)."""
    word = skeleton(value)[0].strip()
    return word[:-1] if len(word) > keep else word
