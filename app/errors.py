"""Errors meant for the user: an English message id with named placeholders, translated when
shown, so the same error reads in Kazakh, Russian or English."""

from __future__ import annotations

from datetime import date, datetime

from .domain.clock import KZ_TIME
from .i18n import current_language, gettext


class Translatable(str):
    """A placeholder value that is itself a message id, translated with the message."""


def shown_value(value, lang: str):
    """A placeholder's value in the reader's language: a message id translated, a moment or a day
    in words ("10 декабря 2026 г., 18:00" in Kazakhstan time), anything else as it is."""
    if isinstance(value, Translatable):
        return gettext(value, lang)
    if isinstance(value, date):
        from babel.dates import format_date, format_datetime   # Babel's calendar data only for a date shown
    if isinstance(value, datetime):
        return format_datetime(value.astimezone(KZ_TIME), "d MMMM y, HH:mm", locale=lang)
    if isinstance(value, date):
        return format_date(value, "d MMMM y", locale=lang)
    return value


class UserError(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def text(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        translated = gettext(self.message, lang)
        params = {key: shown_value(value, lang) for key, value in self.params.items()}
        return translated.format(**params) if params else translated

    def __str__(self) -> str:
        return self.text()
