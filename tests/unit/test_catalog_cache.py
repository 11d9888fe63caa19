"""A catalog parsed by Babel is kept as JSON in the user's cache folder for the next start; a
kept copy that cannot be read is parsed again, and an edited catalog is never read from an old copy."""

from __future__ import annotations

import platformdirs
import pytest

from app import i18n


def _fresh() -> None:
    """As a new process: nothing parsed in memory."""
    i18n._catalogs.clear()


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    _fresh()
    yield tmp_path / "catalogs"
    _fresh()


def test_a_parsed_catalog_is_kept_and_read_back_alike(cache_folder):
    parsed = (i18n.gettext("Yes", "ru"), i18n.ngettext("{count} row", "{count} rows", 5, "ru"),
              i18n.ngettext("{count} row", "{count} rows", 21, "ru"))
    assert parsed == ("Да", "{count} строк", "{count} строка")
    kept = list(cache_folder.glob("saraptama-ru-*.json"))
    assert len(kept) == 1
    _fresh()
    assert (i18n.gettext("Yes", "ru"), i18n.ngettext("{count} row", "{count} rows", 5, "ru"),
            i18n.ngettext("{count} row", "{count} rows", 21, "ru")) == parsed


def test_a_damaged_copy_is_parsed_again(cache_folder):
    i18n.gettext("Yes", "kk")
    (kept,) = cache_folder.glob("saraptama-kk-*.json")
    kept.write_text("{not json", encoding="utf-8")
    _fresh()
    assert i18n.gettext("Yes", "kk") == "Иә"
    assert kept.read_text(encoding="utf-8").startswith("{\"messages\"")


def test_the_copy_is_named_by_the_catalogs_size_and_time(cache_folder):
    path = i18n.catalog_path("ru")
    stat = path.stat()
    assert i18n._cache_file(path, "ru").name == f"saraptama-ru-{stat.st_size}-{stat.st_mtime_ns}.json"
