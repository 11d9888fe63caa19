"""The information message to the medical organisation on a rejected form (§15 part 2, §16
part 3): the reasons of App 5 with their codes, in Kazakh and Russian, recorded as a notice."""

from __future__ import annotations

from ...i18n import N_, gettext
from .findings import REASONS, Finding

NOTICE_KIND = "intake_rejection"
HEADER = N_("Information message (§16 of the MSE Rules): form No. 031/u of message {message_id} is rejected. "
            "Reasons for rejecting the medical documents (App 5):")


def _text(findings: list[Finding], message_id: str, lang: str) -> str:
    lines = [gettext(HEADER, lang).format(message_id=message_id or "—")]
    lines += [f"{f.code} — {gettext(REASONS[f.code], lang)}: {f.text(lang)}" for f in findings]
    return "\n".join(lines)


def rejection_notice(package_id: int, message_id: str, findings: list[Finding]) -> dict:
    """The notice row naming each failed check (never the person's identifiers)."""
    return {"package_id": package_id, "kind": NOTICE_KIND, "text_kk": _text(findings, message_id, "kk"),
            "text_ru": _text(findings, message_id, "ru")}
