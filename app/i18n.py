"""Translations of the program's own texts (gettext catalogs kept by Babel in ``i18n/``).

Message ids are English.  The catalogs ``i18n/<lang>/LC_MESSAGES/saraptama.po`` are read
directly with Babel, so no compile step is needed to run from a checkout.  The current
language is process-wide; listeners (the window) are told when it changes so they can
retranslate live.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

LANGUAGES = ("kk", "ru", "en")
DOMAIN = "saraptama"

_current = "ru"
_listeners: list[Callable[[str], None]] = []


def catalog_path(lang: str):
    from importlib import resources   # the catalogs are read when a message is first translated

    return resources.files("i18n") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read_po(file, lang: str):
    from babel.messages.pofile import read_po   # Babel when a message is first translated (a quick start)

    return read_po(file, locale=lang)


@cache
def _messages(lang: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    path = catalog_path(lang)
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = _read_po(fh, lang)
    table: dict = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):  # plural forms
            if all(message.string):
                table[message.id[0]] = tuple(message.string)
        elif message.string:
            table[message.id] = message.string
    return table


@cache
def _plural_index(lang: str) -> Callable[[int], int]:
    """The catalog's own gettext plural formula (Plural-Forms header)."""
    path = catalog_path(lang)
    if not path.is_file():
        return lambda n: int(n != 1)
    from gettext import c2py

    with path.open("rb") as fh:
        return c2py(_read_po(fh, lang).plural_expr)


def current_language() -> str:
    return _current


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    if lang == _current:
        return
    _current = lang
    for listener in _listeners:
        listener(lang)


def on_language_changed(callback: Callable[[str], None]) -> None:
    _listeners.append(callback)


def gettext(message: str, lang: str | None = None) -> str:
    translated = _messages(lang or _current).get(message)
    return translated if isinstance(translated, str) else message


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    lang = lang or _current
    forms = _messages(lang).get(singular)
    if isinstance(forms, tuple):
        return forms[min(_plural_index(lang)(n), len(forms) - 1)]
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Marks a text for extraction; it is translated later, where it is shown."""
    return message


_ = gettext
