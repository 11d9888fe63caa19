"""A failed App 5 check: its code and a message naming the field, kept as an English message id
with parameters so that it reads in Kazakh, Russian or English."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...i18n import N_, gettext

# App 5 "Причины отклонения медицинских документов", in the appendix's order (items 1-25).
REASONS: dict[str, str] = {
    "F001": N_("No message of consent to the collection, processing and transfer of personal data and "
               "of information that is a secret protected by law, needed to establish disability and/or "
               "the degree of loss of working capacity"),
    "F002": N_("No form No. 031/u"),
    "F003": N_("No date and/or number of form No. 031/u"),
    "F004": N_("Form No. 031/u has expired (1 month)"),
    "F005": N_("No mobile phone number"),
    "F006": N_("The mobile phone number is not registered in the mobile citizens' base"),
    "F007": N_("No digital signature on form No. 031/u"),
    "F008": N_("Mandatory fields of form No. 031 are not filled in"),
    "F009": N_("The medical organisation does not match the attached population register"),
    "F010": N_("The field \"Referral to proactive remote examination\" is not \"proactive remote examination\""),
    "F011": N_("The stated purpose of examination is not subject to proactive remote examination"),
    "F012": N_("No questionnaire(s) in the technical aids system for the defects named in the field "
               "\"Recommended technical aids\" of form No. 031/u"),
    "F013": N_("The ICD code does not qualify for proactive remote examination"),
    "F014": N_("The hash of the file does not match the electronic document store"),
    "F015": N_("The electronic document store has no file with this identifier"),
    "F016": N_("The system already has a form with this message id that passed the checks"),
    "F017": N_("The system already has a form under review for this IIN"),
    "REC001": N_("The service recipient is registered as deceased in the individuals' database"),
    "REC002": N_("The service recipient's IIN does not match the name in the individuals' database"),
    "REC003": N_("The service recipient has no permanent registration in the individuals' database"),
    "REC004": N_("The service recipient is registered in the individuals' database as having left the "
                 "country for permanent residence"),
    "REC005": N_("No data of a legal representative (for children and persons without legal capacity)"),
    "LEG001": N_("The legal representative is registered as deceased in the individuals' database"),
    "LEG002": N_("The legal representative is registered in the individuals' database as having left the "
                 "country for permanent residence"),
    "LEG003": N_("The legal representative's IIN does not match the name in the individuals' database"),
}
CODES = tuple(REASONS)
_ORDER = {code: n for n, code in enumerate(CODES)}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # message id, English, with {named} placeholders
    params: dict = field(default_factory=dict)

    def __init__(self, code: str, message: str, **params):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "params", params)

    def text(self, lang: str | None = None) -> str:
        return gettext(self.message, lang).format(**self.params)


def in_app5_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: _ORDER[f.code])


def codes_of(findings: list[Finding]) -> list[str]:
    """Each code once, in the order of App 5 (F…, REC…, LEG…)."""
    return sorted({f.code for f in findings}, key=_ORDER.__getitem__)
