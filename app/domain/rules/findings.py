"""A finding of the rules check: which paragraph, how serious, and what to say."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ...i18n import gettext
from .labels import PARAM_TABLES, label

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    rule: str  # "§58–61", "§30", "App 10"
    severity: Severity
    message: str  # English message id with {placeholders}, marked with N_
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang``; codes in the parameters (groups, terms, causes,
        categories, kinds) are shown by their translated names."""
        shown = {}
        for name, value in self.params.items():
            table = PARAM_TABLES.get(name)
            if table is None:
                shown[name] = value
            elif isinstance(value, (list, tuple)):
                shown[name] = ", ".join(label(table, v, lang) for v in value)
            else:
                shown[name] = label(table, value, lang)
        return gettext(self.message, lang).format(**shown)


def error(rule: str, message: str, **params: Any) -> Finding:
    return Finding(rule, "error", message, params)


def warning(rule: str, message: str, **params: Any) -> Finding:
    return Finding(rule, "warning", message, params)
