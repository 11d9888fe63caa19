"""What each table of a view is called and what its columns are, in the reader's language: one
place for the window's tables, the XLSX sheets and the charts' axes."""

from __future__ import annotations

from ...i18n import N_

TABLES: dict[str, dict[str, str]] = {  # view -> table key -> title
    "agreement": {"by_field": N_("Agreement by what is decided"), "by_chapter": N_("Agreement by App 15 chapter"),
                  "by_expert": N_("Agreement by expert"), "pairs": N_("Pairs of experts (Cohen's κ)")},
    "reversals": {"by_kind": N_("Reviews by kind"), "by_department": N_("Reversals by department"),
                  "by_chapter": N_("Reversals by App 15 chapter"), "by_expert": N_("Reversals by expert"),
                  "by_week": N_("Conclusions by week of receipt"),
                  "durations": N_("Days from referral to conclusion")},
    "workload": {"open_by_expert": N_("Open acts per expert"), "by_week": N_("Expert decisions by due week"),
                 "deadlines": N_("Due dates met"), "in_person": N_("In-person examinations (§45)"),
                 "rejections": N_("Rejected as poorly completed (§44) by medical organisation")},
}

COLUMNS: dict[str, str] = {
    "field": N_("What is compared"), "chapter": N_("App 15 chapter"), "acts": N_("Acts"),
    "unanimous": N_("3/3"), "majority": N_("2/1"), "split": N_("1/1/1"),
    "unanimous_share": N_("3/3 share"), "majority_share": N_("2/1 share"), "split_share": N_("1/1/1 share"),
    "kappa": N_("κ"), "expert": N_("Expert"), "expert_a": N_("Expert A"), "expert_b": N_("Expert B"),
    "agreement": N_("Agreed share"), "lone_dissents": N_("Alone against two"),
    "compared": N_("Compared with the result"), "differs": N_("Differs from the result"),
    "differ_rate": N_("Differs, share"), "others_rate": N_("Others, share"), "z": N_("z"),
    "p_value": N_("p"), "flagged": N_("Far more often"),
    "kind": N_("Review"), "department": N_("Department"), "conclusions": N_("Conclusions"),
    "appealed": N_("Appealed"), "reviewed": N_("Reviewed"), "changed": N_("Changed"),
    "changed_share": N_("Changed, share of conclusions"), "changed_of_reviewed": N_("Changed, share of reviewed"),
    "week": N_("Week"), "mean_days": N_("Mean days"), "median_days": N_("Median days"),
    "p90_days": N_("90% within days"),
    "open": N_("Open"), "overdue": N_("Overdue"), "overdue_share": N_("Overdue share"), "met": N_("Met"),
    "late": N_("Late"), "running": N_("Not yet due"), "due": N_("Due"), "met_share": N_("Met share"),
    "rule": N_("Rule"), "what": N_("What"), "routed": N_("Routed"), "arrived": N_("Came"),
    "no_show": N_("Did not come"), "refused": N_("Refused"), "waiting": N_("Awaited"),
    "no_show_share": N_("No-show share"), "bin": N_("BIN"), "organisation": N_("Medical organisation"),
    "concluded": N_("Concluded"), "rejected": N_("Rejected (§44)"), "rejected_share": N_("Rejected share"),
}

HIDDEN = ("expert_id",)  # kept in JSON for scripts, not shown

VALUES: dict[str, str] = {  # words the tables contain
    "decision": N_("whole decision"), "group": N_("group"), "cause": N_("cause"), "term": N_("term"),
    "appeal": N_("appeal (§54-56)"), "control": N_("control (§73)"),
    "expert_decision": N_("expert's decision (§20.3)"), "signature": N_("head's signature (§48)"),
    "": N_("not known"),
}

VIEW_TITLES = {"agreement": N_("Agreement"), "reversals": N_("Reversals"), "workload": N_("Workload and deadlines")}


FIRST = ("expert", "expert_a", "expert_b", "department", "chapter", "field", "week", "kind", "rule", "what", "bin",
         "organisation")  # what a row is about, before its figures


def columns(rows: list[dict]) -> list[str]:
    """The shown columns of a table: what a row is about first, then its figures in order."""
    keys = [key for key in (rows[0] if rows else {}) if key not in HIDDEN]
    return sorted(keys, key=lambda key: FIRST.index(key) if key in FIRST else len(FIRST))


def is_share(key: str) -> bool:
    """Columns holding a share (0..1), shown as a percentage."""
    return any(part in key for part in ("share", "rate", "agreement", "of_reviewed"))


WORD_COLUMNS = ("field", "kind", "what", "bin", "organisation", "department", "chapter")


def shown_value(key: str, value, lang: str):
    """A value as a table cell shows it: words translated, flags Yes/No, the rest as it is."""
    from ...i18n import gettext
    if isinstance(value, bool):
        return gettext("Yes", lang) if value else gettext("No", lang)
    if key in WORD_COLUMNS and value in VALUES:
        return gettext(VALUES[value], lang)
    return value


def formatted(key: str, value, lang: str) -> str:
    """A value as text: shares as percentages, numbers in the language's way, words translated."""
    from babel.numbers import format_decimal, format_percent
    value = shown_value(key, value, lang)
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if is_share(key):
        return format_percent(value, format="#,##0.0%", locale=lang)
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.0##", locale=lang)
    return format_decimal(value, locale=lang)
