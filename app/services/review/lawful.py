"""The MSE Rules' check of a decision with the facts the draft act knows (§42-46; how the facts are
read: ``app.services.review.decisions``).  Errors refuse a decision; warnings need confirming."""

from __future__ import annotations

from ... import models as m
from ...domain import rules
from ...domain.clock import KZ_TIME
from ...domain.rules.checking import CheckResult
from ...errors import UserError
from ...i18n import N_, gettext


class RulesRefused(UserError):
    """A decision the MSE Rules refuse (errors), or whose warnings were not confirmed."""

    def __init__(self, message: str, findings):
        super().__init__(message)
        self.findings = tuple(findings)

    def text(self, lang: str | None = None) -> str:
        found = "; ".join(f"{f.rule}: {f.text(lang)}" for f in self.findings)
        return f"{gettext(self.message, lang)} {found}"


def rules_context(act: m.DraftAct) -> dict:
    """The facts of the act the rules check needs (see the module's docstring)."""
    exam_date = act.registered_at.astimezone(KZ_TIME).date()
    return {"birth_date": rules.add_months(exam_date, -12 * act.age_years), "exam_date": exam_date,
            "kind": "repeat" if act.purpose == "disability_repeat" else "primary", "mode": "proactive",
            "sex": act.sex if act.sex in ("male", "female") else None, "insured": True if act.working else None}


def check_for_act(act: m.DraftAct, content: dict, **context) -> CheckResult:
    """The rules check of ``content`` with the act's facts, ``context`` overriding some of them
    (an appeal's re-examination: its own mode and date)."""
    return rules.check(content, **{**rules_context(act), **context})


def require_lawful(act: m.DraftAct, content: dict, confirm_warnings: bool, **context) -> CheckResult:
    """Errors refuse the decision; warnings need the expert's confirmation."""
    result = check_for_act(act, content, **context)
    if result.errors:
        raise RulesRefused(N_("The MSE Rules refuse this decision:"), result.errors)
    if result.warnings and not confirm_warnings:
        raise RulesRefused(N_("Confirm the warnings of the MSE Rules to submit this decision:"), result.warnings)
    return result
