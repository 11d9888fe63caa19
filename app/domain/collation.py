"""Kazakh alphabetical order for names, as a key that a database can sort by.

Qt's ``QCollator`` (ICU, locale ``kk``) sorts names correctly in the window, but a list of
100,000 rows is sorted by the database; SQLite and Python compare code points, which put
``Ә`` after ``Я``.  ``sort_key`` maps each letter to its place in the Kazakh Cyrillic
alphabet (a superset of the Russian one), so a plain binary ``ORDER BY`` gives the same
order as ``QCollator("kk")`` — a UI test checks the two agree.
"""

from __future__ import annotations

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

_KEYS = {" ": "\u0001", "-": "\u0002"}
_KEYS.update({d: chr(0x10 + i) for i, d in enumerate("0123456789")})
_KEYS.update({c: chr(0x100 + i) for i, c in enumerate(LATIN_ALPHABET)})
_KEYS.update({c: chr(0x200 + i) for i, c in enumerate(KAZAKH_ALPHABET)})


def sort_key(text: str) -> str:
    """Case-insensitive key; other characters keep their code point after all letters."""
    return "".join(_KEYS.get(ch, ch if ord(ch) > 0x300 else "") for ch in " ".join(text.lower().split()))


def full_name(last: str, first: str, middle: str | None = "") -> str:
    return " ".join(p for p in (last, first, middle) if p)
