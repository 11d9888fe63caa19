"""Translations of the program's own texts (gettext catalogs kept by Babel in ``i18n/``).

Message ids are English.  The catalogs ``i18n/<lang>/LC_MESSAGES/saraptama.po`` are read
directly with Babel, so no compile step is needed to run from a checkout.  The current
language is process-wide; listeners (the window) are told when it changes so they can
retranslate live.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

LANGUAGES = ("kk", "ru", "en")
DOMAIN = "saraptama"

_current = "ru"
_listeners: list[Callable[[str], None]] = []


def catalog_path(lang: str):
    from importlib import resources   # the catalogs are read when a message is first translated

    return resources.files("i18n") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read_po(file, lang: str):
    from babel.messages.pofile import read_po   # Babel when a catalog is first read (a quick start)

    return read_po(file, locale=lang)


Messages = dict[str | tuple[str, str], str | tuple[str, ...]]
_catalogs: dict[str, tuple[Messages, Callable[[int], int]]] = {}


def _parsed(path, lang: str) -> dict:
    """The catalog's translated messages (a plural's forms as a list) and its plural formula."""
    with path.open("rb") as fh:
        catalog = _read_po(fh, lang)
    table: dict = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):  # plural forms
            if all(message.string):
                table[message.id[0]] = list(message.string)
        elif message.string:
            table[message.id] = message.string
    return {"messages": table, "plural": catalog.plural_expr}


def _cache_file(path, lang: str):
    """Where the parsed catalog is kept for the next start (the user's cache folder), named by the
    catalog file's size and time: an edited or newer catalog is parsed again."""
    if not isinstance(path, Path):
        return None
    import platformdirs

    stat = path.stat()
    folder = Path(platformdirs.user_cache_dir("Saraptama", appauthor=False)) / "catalogs"
    return folder / f"{DOMAIN}-{lang}-{stat.st_size}-{stat.st_mtime_ns}.json"


def _kept_or_parsed(path, lang: str) -> dict:
    """The catalog parsed once by Babel and kept as JSON for the next starts (parsing the catalog
    takes longer than showing a window's first rows)."""
    kept = _cache_file(path, lang)
    try:
        return json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError):  # none kept yet, or unreadable: parse it
        pass
    parsed = _parsed(path, lang)
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            partial = kept.with_name(f"{kept.name}.{os.getpid()}.partial")
            partial.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, kept)   # whole or not at all: another process may read it meanwhile
        except OSError:
            pass  # a read-only cache folder: parsed again next time
    return parsed


def _read_catalog(lang: str) -> tuple[Messages, Callable[[int], int]]:
    """The messages of ``lang`` and its gettext plural formula (the Plural-Forms header)."""
    path = catalog_path(lang)
    if not path.is_file():
        return {}, lambda n: int(n != 1)
    catalog = _kept_or_parsed(path, lang)
    messages: Messages = {key: tuple(value) if isinstance(value, list) else value
                          for key, value in catalog["messages"].items()}
    from gettext import c2py

    return messages, c2py(catalog["plural"])


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
