"""The MSE Rules as code: pure functions, no database (order No. 260 of 29.06.2023,
appendix 1, "Правила проведения медико-социальной экспертизы", seed ``002_...``).

Modules, each with the paragraphs it implements and every reading of the seed it needed
in its own docstring:

* :mod:`.effective`  — when each paragraph is in force; versions (orders No. 62, 104)
* :mod:`.age`        — age in full years, bands under 7 / 7–18 / adult (§26, §30)
* :mod:`.groups`     — group or category from the degrees of restriction (§19, §26, §58–61)
* :mod:`.causes`     — causes by age, causal links, УПТ causes, proactive limits (§27–29, §42)
* :mod:`.terms`      — terms, their end and grounds (§21, §30–36, App 7, 10, 11)
* :mod:`.capacity`   — УОТ and УПТ percentages and bands (§62–66)
* :mod:`.dating`     — §24, §29, §69, §70, §72, §73-3
* :mod:`.appendices` — App 7, 10, 11 transcribed in ``data/``
* :mod:`.checking`   — ``check`` of one decision and ``check_request`` for the CLI
"""

from .age import AgeBand, add_months, age_band, age_on, band_end, band_on, birthday
from .appendices import AppendixItem, app7_item, app10_item, app11_item
from .capacity import upt_severity, uot_severity
from .causes import (
    CAUSES, allowed_causes, cause_allowed_for_age, cause_change_date, needs_causal_link,
    upt_cause_allowed,
)
from .checking import CheckResult, Decision, check, check_request, parse_decision
from .dating import (
    Credit, control_result_date, emergency_extension, establishment_date,
    missed_reexamination_credit, technical_failure_credited_from,
)
from .effective import RULES, Rule, Version, in_force, version_on
from .findings import Finding
from .groups import CATEGORIES, GROUPS, groups_for_band, suggest_group
from .terms import (
    TERMS, TermGrounds, allowed_terms, pension_age, reexamination_date, term_end,
)

__all__ = [
    "AgeBand", "AppendixItem", "CATEGORIES", "CAUSES", "CheckResult", "Credit", "Decision",
    "Finding", "GROUPS", "RULES", "Rule", "TERMS", "TermGrounds", "Version", "add_months",
    "age_band", "age_on", "allowed_causes", "allowed_terms", "app10_item", "app11_item",
    "app7_item", "band_end", "band_on", "birthday", "cause_allowed_for_age",
    "cause_change_date", "check", "check_request", "control_result_date",
    "emergency_extension", "establishment_date", "groups_for_band", "in_force",
    "missed_reexamination_credit", "needs_causal_link", "parse_decision", "pension_age",
    "reexamination_date", "suggest_group", "technical_failure_credited_from", "term_end",
    "upt_cause_allowed", "upt_severity", "uot_severity", "version_on",
]
