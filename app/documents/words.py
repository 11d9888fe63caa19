"""How values are written on paper: official dates, percentages in figures and words, and the
labels of decision codes, in Kazakh and in Russian (docs/domain.md §4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import overload

from ..domain import words
from ..domain.clock import KZ_TIME
from ..domain.rules import labels
from ..i18n import gettext

MONTHS_KK = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
             "қазан", "қараша", "желтоқсан")
MONTHS_RU_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря")


@overload
def local_date(value: date | datetime) -> date: ...


@overload
def local_date(value: date | datetime | None) -> date | None: ...


def local_date(value: date | datetime | None) -> date | None:
    """A stored moment (UTC) as the calendar day in Kazakhstan."""
    if isinstance(value, datetime):
        return value.astimezone(KZ_TIME).date()
    return value


def date_kk(value: date | datetime | None) -> str:
    """Official Kazakh style, as the appendices write it: "2025 жылғы «3» наурыз"."""
    day = local_date(value)
    return "" if day is None else f"{day.year} жылғы «{day.day}» {MONTHS_KK[day.month - 1]}"


def date_ru(value: date | datetime | None) -> str:
    """Official Russian style: "«3» марта 2025 года"."""
    day = local_date(value)
    return "" if day is None else f"«{day.day}» {MONTHS_RU_GENITIVE[day.month - 1]} {day.year} года"


def region_dative(name_ru: str) -> str:
    """"по Атырауской области", "по городу Алматы", "по области Абай": a Russian region name as the
    forms' "Департамент … по ___" needs it."""
    if name_ru.endswith("ская область"):
        return name_ru[: -len("ская область")] + "ской области"
    for nominative, dative in (("область ", "области "), ("город ", "городу ")):
        if name_ru.startswith(nominative):
            return dative + name_ru[len(nominative):]
    return name_ru


def short_date(value: date | datetime | None) -> str:
    day = local_date(value)
    return "" if day is None else f"{day:%d.%m.%Y}"


def percent(value: int | None, lang: str) -> str:
    """"45 % (қырық бес пайыз)": in figures and in words (App 20-22, App 8 items 26-29)."""
    if value is None:
        return ""
    return f"{value} % ({words.percent_in_words(value, lang)})"


def code_label(table: dict[str, str], code: str | None, lang: str) -> str:
    """A decision code (group, cause, term) in Kazakh or Russian, as the catalogs word it."""
    return "" if not code else labels.label(table, code, lang)


def group(code: str | None, lang: str) -> str:
    return code_label(labels.GROUP, code, lang)


def cause(code: str | None, lang: str) -> str:
    return code_label(labels.CAUSE, code, lang)


def term(code: str | None, lang: str) -> str:
    return code_label(labels.TERM, code, lang)


def in_both(label, code) -> tuple[str, str]:
    """``label(code, lang)`` in Kazakh and in Russian, for a field's two lines."""
    return label(code, "kk"), label(code, "ru")


def dates_in_both(value) -> tuple[str, str]:
    return date_kk(value), date_ru(value)


def both(kk: str, ru: str) -> str:
    """One value in both languages where a cell has room for one line: "kk / ru"."""
    return kk if kk == ru else f"{kk} / {ru}"


def translated(message: str, lang: str) -> str:
    return gettext(message, lang)
