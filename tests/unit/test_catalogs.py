"""Every catalog translates every message of app/ and ui/ and keeps its placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.i18n import LANGUAGES, catalog_path

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "UserError": (1,), "StorageError": (1,),
            "DatabaseDamaged": (1,)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def source_messages() -> set[str]:
    messages = set()
    for folder in ("app", "ui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            messages.add(message[0] if isinstance(message, tuple) else message)
    return messages


@pytest.fixture(scope="module")
def sources() -> set[str]:
    found = source_messages()
    assert len(found) > 50  # the extraction itself works
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message(lang, sources):
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {}
    for message in catalog:
        if message.id and not message.fuzzy:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                translated[key] = strings
    assert sorted(sources - set(translated)) == []
    changed = {key: strings for key, strings in translated.items() if key in sources
               and any(set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(key)) for s in strings)}
    assert changed == {}


def test_kazakh_and_russian_differ_from_english(sources):
    with catalog_path("kk").open("rb") as fh:
        kk = {m.id: m.string for m in read_po(fh, locale="kk") if m.id}
    untranslated = [m for m in sources if kk.get(m) == m and re.search("[a-z]{4}", m)]
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_passes_babels_own_checks(lang):
    """What ``pybabel compile`` checks (a "%" Babel reads as a placeholder kept in the translation)."""
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = [(message.id, str(error)) for message, errors in catalog.check() for error in errors]
    assert problems == []
