"""Display names of the codes of an expert decision (docs/interfaces.md §3), as message ids to
translate where they are shown.  Wording follows the Rules: groups and categories §26,
causes §27, terms §30, categories of life activity App 6 §3 (App 8 item 17)."""

from __future__ import annotations

from ...i18n import N_, gettext

GROUP = {
    "I": N_("group I"),
    "II": N_("group II"),
    "III": N_("group III"),
    "child": N_("child with a disability"),
    "child_I": N_("child with a disability of group I"),
    "child_II": N_("child with a disability of group II"),
    "child_III": N_("child with a disability of group III"),
    "none": N_("disability not established"),
}

OUTCOME_LABELS = {"unjustified": N_("unjustifiably referred"), "poor_quality": N_("poorly completed"),
                  "mismatch": N_("mismatch")}  # the marks of §43, §44 and §45

CAUSE = {
    "general_disease": N_("general disease"),
    "work_injury": N_("work injury"),
    "occupational_disease": N_("occupational disease"),
    "since_childhood": N_("disability since childhood"),
    "child_under_7": N_("disability of a child under seven"),
    "child_7_18": N_("disability of a child from seven to eighteen"),
    "service_related": N_("injury or disease in military or official service"),
    "ecological": N_("ecological disaster or radiation"),
}

TERM = {
    "6m": N_("6 months"),
    "1y": N_("1 year"),
    "2y": N_("2 years"),
    "5y": N_("5 years"),
    "until_7": N_("until the age of seven"),
    "until_18": N_("until the age of eighteen"),
    "no_term": N_("without a re-examination term"),
}

CATEGORY = {  # App 6 §3, App 8 item 17
    "self_care": N_("ability to care for oneself"),
    "mobility": N_("ability to move independently"),
    "learning": N_("ability to learn"),
    "work": N_("ability to work"),
    "orientation": N_("ability to orient oneself"),
    "communication": N_("ability to communicate"),
    "behavior": N_("ability to control one's behaviour"),
    "play": N_("ability for play and cognitive activity"),
    "motor": N_("ability for motor activity"),
}

KIND = {
    "primary": N_("primary examination"),
    "repeat": N_("repeat examination"),
}

CAPACITY = {
    "uot": N_("loss of general working capacity"),
    "upt": N_("loss of professional working capacity"),
}

APPENDIX = {
    "App 7": N_("App 7"),
    "App 10": N_("App 10"),
    "App 11": N_("App 11"),
}

# which table translates a finding's parameter of this name
PARAM_TABLES = {
    "group": GROUP, "groups": GROUP, "suggested": GROUP, "item_group": GROUP,
    "cause": CAUSE,
    "term": TERM, "terms": TERM,
    "category": CATEGORY, "categories": CATEGORY,
    "kind": KIND,
    "what": CAPACITY,
    "appendix": APPENDIX,
}


def label(table: dict[str, str], code: str, lang: str | None = None) -> str:
    """The translated name of ``code``, or the code itself when it has none."""
    return gettext(table[code], lang) if code in table else code
