"""A short surname glued to other words (§25.2: the expert's copy names nobody).

A surname whose stem has five letters or more is searched inside any word (``depersonalise``);
a shorter one ("Ли", "Ким", "Ан", "Ой", "Белый") cannot be: it stands inside ordinary clinical
words ("лимфоузлы", "кимографию", "низким", "белизна").  Such a surname, in one of its case
forms, counts as glued into a word — and the whole word goes — only where the word shows its
seams:
- glued between letters on both sides: on each side a *case change* ("пациентКим",
  "КИМжалуется") or the letters on that side are one word of the Russian dictionary of four
  letters or more ("пациент" + "ким" + "жалуется"); a surname of two letters needs a case change
  on at least one side ("пациентЛижалуется"), as "мел|ан|ома" and "мам|ан|дар" are words too;
- glued on one side only: a case change on that side ("пациентКим", "КИМжалуется"); a
  dictionary word before "ким" is how "низким" is written, one after "ли" how "лимон" is.
A surname of two letters alone as a word goes only when written with a capital letter ("Ли"
is also the particle "ли").  The dictionary is pymorphy2's OpenCorpora dictionary through
natasha's ``MorphVocab`` (a dependency already, for other people's names): Russian only, so in
Kazakh text only a case change shows a seam.  False positives measured on the project's medical
text: ``bench/glued_surnames.py``, figures in docs/benchmarks.md.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from . import spellings

LETTERS = re.compile(r"[^\W\d_]+")
MIN_DICTIONARY_WORD = 4
# Russian case endings a surname takes ("Белого", "Киму", "Белой"); a two-letter one takes none
ENDINGS = ("", "а", "у", "ом", "е", "ым", "ой", "ого", "ому", "ая", "ую", "ий", "ый", "им", "ых", "ими", "ы", "я",
           "ю", "ем", "ей", "и")
ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя")
Span = tuple[int, int]
KAZAKH_LOOK_ALIKES = str.maketrans("іһ", "их")  # what Latin "i", "h" become, folded as ``depersonalise.fold``


def surname_forms(folded: str) -> frozenset[str]:
    """A (folded) surname and its case forms: "белый" -> "белого", "белой", …; "ким" -> "кима", …"""
    if len(folded) <= 2:
        return frozenset({folded})
    if folded.endswith(ADJECTIVE_ENDINGS) and len(folded) > 4:
        base = folded[:-2]
    elif folded[-1] in "аяйь" and len(folded) > 3:
        base = folded[:-1]
    else:
        base = folded
    return frozenset({folded, *(base + ending for ending in ENDINGS)})


@functools.cache
def _dictionary():
    """natasha's MorphVocab (pymorphy2 with its Russian dictionary, inside the PyPI packages)."""
    from natasha import MorphVocab
    return MorphVocab()


@functools.lru_cache(maxsize=65536)
def is_word(letters: str) -> bool:
    """Whether lower-case ``letters`` are a Russian dictionary word (in any of its forms) of four
    letters or more."""
    return len(letters) >= MIN_DICTIONARY_WORD and _dictionary().word_is_known(letters)


def _left_seam(before: str, surname: str) -> bool:
    """The surname starts with a capital after a small letter ("пациентКим"), or is in small
    letters after capitals ("ПАЦИЕНТким")."""
    return (before[-1].islower() and surname[0].isupper()) or \
        (len(before) > 1 and before.isupper() and surname.islower())


def _right_seam(surname: str, after: str) -> bool:
    """A capital follows the surname's small letter ("КимЖалуется"), or small letters follow the
    surname in capitals ("КИМжалуется")."""
    return (surname[-1].islower() and after[0].isupper()) or \
        (len(surname) > 1 and surname.isupper() and after[0].islower())


class GluedSurnames:
    """The short surnames of a case, found glued inside words (see the module's rules)."""

    def __init__(self, surnames: Iterable[str]):
        self.forms = {form: len(surname) for surname in surnames for form in surname_forms(surname)}
        self.shortest = sorted({form[:2] for form in self.forms})  # every form starts with one of these

    def spans(self, text: str, folded: str) -> Iterator[Span]:
        if not self.forms:
            return
        plain = spellings.fold_look_alikes(folded).lower().translate(KAZAKH_LOOK_ALIKES)
        for word in LETTERS.finditer(plain):
            letters = word.group()
            if any(start in letters for start in self.shortest) and any(
                    self._glued(text, word.start(), letters, form, at) for form, at in self._found(letters)):
                yield word.span()

    def _found(self, word: str) -> Iterator[tuple[str, int]]:
        for form in self.forms:
            at = word.find(form)
            while at >= 0:
                yield form, at
                at = word.find(form, at + 1)

    def _glued(self, text: str, offset: int, word: str, form: str, at: int) -> bool:
        prefix, suffix = word[:at], word[at + len(form):]
        start, end = offset + at, offset + at + len(form)
        written = text[start:end]
        if not prefix and not suffix:
            return self.forms[form] > 2 or written[0].isupper()
        left_seam = bool(prefix) and _left_seam(text[offset:start], written)
        right_seam = bool(suffix) and _right_seam(written, text[end:offset + len(word)])
        if not prefix or not suffix:
            return left_seam or right_seam
        if self.forms[form] <= 2 and not (left_seam or right_seam):
            return False
        return (left_seam or is_word(prefix)) and (right_seam or is_word(suffix))
