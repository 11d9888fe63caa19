"""Regions and cities of national significance of Kazakhstan."""

import pytest

from app.domain.regions import REGIONS, region_by_code, region_by_name

CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
KAZAKH_ONLY = set("әғқңөұүһі")

# Kazakh letters each Kazakh name must contain (a Russian spelling would lack them).
EXPECTED_KAZAKH_LETTERS = {
    "11": "қ",  # Ақмола
    "15": "қө",  # Ақтөбе
    "27": "қ",  # Батыс Қазақстан
    "33": "і",  # Жетісу
    "35": "қғ",  # Қарағанды
    "39": "қ",  # Қостанай
    "43": "қ",  # Қызылорда
    "47": "ңғ",  # Маңғыстау
    "59": "үіқ",  # Солтүстік Қазақстан
    "61": "үі",  # Түркістан
    "62": "ұ",  # Ұлытау
    "63": "ғқ",  # Шығыс Қазақстан
    "71": "қ",  # Астана қаласы
}


def test_twenty_entries_with_unique_codes_and_names():
    assert len(REGIONS) == 20
    assert len({r.code for r in REGIONS}) == 20
    for lang in ("kk", "ru", "en"):
        assert len({r.name(lang) for r in REGIONS}) == 20
    assert all(len(r.code) == 2 and r.code.isdigit() for r in REGIONS)


def test_seventeen_regions_and_three_cities():
    cities = sorted(r.name_en for r in REGIONS if r.is_city)
    assert cities == ["Almaty", "Astana", "Shymkent"]
    for region in REGIONS:
        if region.is_city:
            assert region.name_kk.endswith(" қаласы")
            assert region.name_ru.startswith("город ")
        else:
            assert region.name_kk.endswith(" облысы")
            assert "область" in region.name_ru


def test_kazakh_names_use_kazakh_letters():
    for region in REGIONS:
        letters = set(region.name_kk.lower() + region.center_kk.lower()) - {" ", "-"}
        assert letters <= CYRILLIC | KAZAKH_ONLY, region.name_kk  # no Latin look-alikes
        for letter in EXPECTED_KAZAKH_LETTERS.get(region.code, ""):
            assert letter in region.name_kk.lower(), (region.code, letter)


def test_russian_names_are_cyrillic():
    for region in REGIONS:
        letters = set(region.name_ru.lower() + region.center_ru.lower()) - {" ", "-"}
        assert letters <= CYRILLIC | KAZAKH_ONLY, region.name_ru


def test_lookup_by_code():
    astana = region_by_code("71")
    assert astana.name("kk") == "Астана қаласы"
    assert astana.name("ru") == "город Астана"
    assert region_by_code("10").name("ru") == "область Абай"
    assert region_by_code("11").name("ru") == "Акмолинская область"
    assert region_by_code("11").name("kk") == "Ақмола облысы"
    assert region_by_code("19").center("ru") == "Конаев"
    with pytest.raises(KeyError):
        region_by_code("99")
    with pytest.raises(ValueError):
        astana.name("de")


def test_lookup_by_name():
    assert region_by_name("  акмолинская   область").code == "11"
    assert region_by_name("Ұлытау облысы").code == "62"
    assert region_by_name("East Kazakhstan Region").code == "63"
    assert region_by_name("Алматы облысы").code == "19"
    assert region_by_name("Алматы қаласы").code == "75"
    assert region_by_name("Нарния") is None
