"""Numbers written in words ("прописью" / "жазбаша") in Kazakh and Russian documents.

Where the rule comes from:

* docs/domain.md §4: figures that carry legal weight are repeated in words ("прописью").
* App 17 of the MSE Rules: a monthly protocol journal carries the binding note
  "Пронумеровано и прошнуровано N листов (прописью)" /
  "Нөмірленген және баулықтап тігілген N бет" -> :func:`sheets_in_words`.
* App 19-21 of the MSE Rules: the percentage of lost working capacity is given in
  figures and in words -> :func:`percent_in_words`.

The cardinal numbers come from ``num2words`` (language codes ``ru`` and ``kz``; the
project calls Kazakh ``kk``).  ``num2words`` has no percent mode and does not agree the
noun with the number, so that part is done here:

* Russian: masculine nominative cardinal + the noun in the form the number asks for
  (:func:`russian_plural`): "один процент", "двадцать два процента", "пять листов".
* Kazakh: a noun after a numeral stays in the singular: "қырық бес пайыз", "екі жүз он
  екі бет".

Kazakh output of num2words 0.5.14 was checked for every number 0..1000: each word is
one of нөл бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс
жетпіс сексен тоқсан жүз мың, written with the proper Kazakh letters (і U+0456, ү, ө,
қ, ғ, ң), and 100 is "жүз", 1000 is "бір мың".  No correction was needed; the unit
tests pin the vocabulary, so a later num2words that gets a word wrong is caught.
"""

from __future__ import annotations

from typing import Literal

from num2words import num2words

DocLang = Literal["ru", "kk"]

_NUM2WORDS_LANG = {"ru": "ru", "kk": "kz"}

# Russian: (one, few, many) - both nouns are masculine, matching num2words' default gender.
# Kazakh: one form, nouns after numerals stay singular.
_PERCENT: dict[str, tuple[str, str, str] | str] = {"ru": ("процент", "процента", "процентов"), "kk": "пайыз"}
_SHEET: dict[str, tuple[str, str, str] | str] = {"ru": ("лист", "листа", "листов"), "kk": "бет"}


def _require_int(n: object, what: str) -> int:
    # bool is a subclass of int but True is not a count; 2.5 or "5" are not counts either.
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"{what} must be an integer, got {n!r} ({type(n).__name__})")
    return n


def _require_lang(lang: object) -> DocLang:
    if lang == "ru" or lang == "kk":
        return lang
    raise ValueError(f"language must be 'ru' or 'kk', got {lang!r}")


def russian_plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form that goes with ``n``: 1 лист, 2 листа, 5 листов.

    11-14 (and 111-114, ...) take ``many``; otherwise the last digit decides:
    1 -> ``one`` (21 лист), 2-4 -> ``few`` (22 листа), anything else -> ``many``.
    """
    n = abs(_require_int(n, "number"))
    if n % 100 in (11, 12, 13, 14):
        return many
    if n % 10 == 1:
        return one
    if n % 10 in (2, 3, 4):
        return few
    return many


def cardinal_in_words(n: int, lang: DocLang) -> str:
    """A non-negative integer in words; Russian in the masculine nominative."""
    n = _require_int(n, "number")
    lang = _require_lang(lang)
    if n < 0:
        raise ValueError(f"number must not be negative, got {n}")
    return num2words(n, lang=_NUM2WORDS_LANG[lang])


def number_with_words(n: int, lang: DocLang, unit: dict[str, tuple[str, str, str] | str]) -> str:
    """``n`` in words followed by the unit noun agreed with it.

    ``unit`` maps "ru" to the (one, few, many) forms of a masculine noun and "kk" to the
    single Kazakh form.
    """
    words = cardinal_in_words(n, lang)
    noun = russian_plural(n, *unit["ru"]) if lang == "ru" else unit["kk"]
    return f"{words} {noun}"


def percent_in_words(n: int, lang: DocLang) -> str:
    """A percentage of lost working capacity (0..100) in words (App 19-21).

    >>> percent_in_words(45, "ru"), percent_in_words(45, "kk")
    ('сорок пять процентов', 'қырық бес пайыз')
    """
    n = _require_int(n, "percentage")
    _require_lang(lang)
    if not 0 <= n <= 100:
        raise ValueError(f"percentage must be from 0 to 100 inclusive, got {n}")
    return number_with_words(n, lang, _PERCENT)


def sheets_in_words(n: int, lang: DocLang) -> str:
    """The sheet count of the binding note of a journal (App 17), n >= 1, in words.

    >>> sheets_in_words(212, "ru"), sheets_in_words(212, "kk")
    ('двести двенадцать листов', 'екі жүз он екі бет')
    """
    n = _require_int(n, "number of sheets")
    _require_lang(lang)
    if n < 1:
        raise ValueError(f"number of sheets must be at least 1, got {n}")
    return number_with_words(n, lang, _SHEET)
