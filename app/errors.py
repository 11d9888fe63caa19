"""Errors meant for the user: an English message id with named placeholders, translated when
shown, so the same error reads in Kazakh, Russian or English."""

from __future__ import annotations

from .i18n import gettext


class Translatable(str):
    """A placeholder value that is itself a message id, translated with the message."""


class UserError(Exception):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def text(self, lang: str | None = None) -> str:
        translated = gettext(self.message, lang)
        params = {key: gettext(value, lang) if isinstance(value, Translatable) else value
                  for key, value in self.params.items()}
        return translated.format(**params) if params else translated

    def __str__(self) -> str:
        return self.text()
