"""Regions (облыстар / области) and cities of national significance of Kazakhstan, 2025.

Seventeen regions and three cities of national significance (Astana, Almaty, Shymkent)
after the 2022 reform that created the Abai, Zhetisu and Ulytau regions.

Codes: the two leading digits of the region's KATO code (Classifier of administrative
and territorial objects of the Bureau of National Statistics), which are also the
numeric part of the ISO 3166-2:KZ codes (KZ-10 Abai ... KZ-79 Shymkent).  They are kept
as two-character strings ("10", "71", ...) and never change, so they can be stored in
the database and exchanged with the hub.

Russian names follow the official Russian forms: the three new regions are
"область Абай", "область Жетісу", "область Ұлытау" (Kazakh letters kept in the Russian
name, as in the decree); the older ones use the adjective form ("Акмолинская область").
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class Region:
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    center_kk: str
    center_ru: str

    @property
    def is_city(self) -> bool:
        """True for a city of national significance (it is its own centre)."""
        return self.code in CITY_CODES

    def name(self, lang: str) -> str:
        """The region's name in ``lang`` ("kk", "ru" or "en")."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
        return getattr(self, f"name_{lang}")

    def center(self, lang: str) -> str:
        """The administrative centre; Russian spelling for "en" as well."""
        return self.center_kk if lang == "kk" else self.center_ru


CITY_CODES = frozenset({"71", "75", "79"})

REGIONS: tuple[Region, ...] = (
    Region("10", "Абай облысы", "область Абай", "Abai Region", "Семей", "Семей"),
    Region("11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Көкшетау", "Кокшетау"),
    Region("15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Ақтөбе", "Актобе"),
    Region("19", "Алматы облысы", "Алматинская область", "Almaty Region", "Қонаев", "Конаев"),
    Region("23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Атырау", "Атырау"),
    Region("27", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
           "West Kazakhstan Region", "Орал", "Уральск"),
    Region("31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Тараз", "Тараз"),
    Region("33", "Жетісу облысы", "область Жетісу", "Zhetisu Region", "Талдықорған", "Талдыкорган"),
    Region("35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region",
           "Қарағанды", "Караганда"),
    Region("39", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Қостанай", "Костанай"),
    Region("43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region",
           "Қызылорда", "Кызылорда"),
    Region("47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Ақтау", "Актау"),
    Region("55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Павлодар", "Павлодар"),
    Region("59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
           "North Kazakhstan Region", "Петропавл", "Петропавловск"),
    Region("61", "Түркістан облысы", "Туркестанская область", "Turkistan Region",
           "Түркістан", "Туркестан"),
    Region("62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "Жезқазған", "Жезказган"),
    Region("63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
           "East Kazakhstan Region", "Өскемен", "Усть-Каменогорск"),
    Region("71", "Астана қаласы", "город Астана", "Astana", "Астана", "Астана"),
    Region("75", "Алматы қаласы", "город Алматы", "Almaty", "Алматы", "Алматы"),
    Region("79", "Шымкент қаласы", "город Шымкент", "Shymkent", "Шымкент", "Шымкент"),
)

_BY_CODE = {region.code: region for region in REGIONS}
_BY_NAME = {
    name.casefold(): region
    for region in REGIONS
    for name in (region.name_kk, region.name_ru, region.name_en)
}


def region_by_code(code: str) -> Region:
    """The region with this code; raises KeyError for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown region code {code!r}") from None


def region_by_name(name: str) -> Region | None:
    """The region whose Kazakh, Russian or English name is ``name`` (case and extra
    spaces ignored), or None."""
    return _BY_NAME.get(" ".join(name.split()).casefold())
