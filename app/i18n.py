"""Translations of the program's own texts (gettext catalogs kept by Babel in ``i18n/``).

Message ids are English.  The catalogs ``i18n/<lang>/LC_MESSAGES/saraptama.po`` are read
directly with Babel, so no compile step is needed to run from a checkout.  The current
language is process-wide; listeners (the window) are told when it changes so they can
retranslate live.
"""

from __future__ import annotations

from collections.abc import Callable

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


Messages = dict[str | tuple[str, str], str | tuple[str, ...]]
_catalogs: dict[str, tuple[Messages, Callable[[int], int]]] = {}


def _read_catalog(lang: str) -> tuple[Messages, Callable[[int], int]]:
    """The messages of ``lang`` and its gettext plural formula (the Plural-Forms header), from one
    reading of its catalog."""
    path = catalog_path(lang)
    if not path.is_file():
        return {}, lambda n: int(n != 1)
    with path.open("rb") as fh:
        catalog = _read_po(fh, lang)
    table: Messages = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):  # plural forms
            if all(message.string):
                table[message.id[0]] = tuple(message.string)
        elif message.string:
            table[message.id] = message.string
    from gettext import c2py

    return table, c2py(catalog.plural_expr)


def load(lang: str) -> tuple[Messages, Callable[[int], int]]:
    """The catalog of ``lang``, read at its first use; any thread may read it ahead (a window
    does, so that switching to the language does not)."""
    catalog = _catalogs.get(lang)
    if catalog is None:
        catalog = _catalogs.setdefault(lang, _read_catalog(lang))  # two readers: the same result
    return catalog


def loaded(lang: str) -> bool:
    return lang in _catalogs


def _messages(lang: str) -> Messages:
    return load(lang)[0]


def _plural_index(lang: str) -> Callable[[int], int]:
    return load(lang)[1]


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
