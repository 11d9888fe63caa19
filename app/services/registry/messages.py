"""The SMS of the admission procedure (Registry Rules App 3, App 4, App 5), each in Kazakh and
in Russian, put into the outbox (nothing is lost if the gateway is down)."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from sqlalchemy.orm import Session

from ... import models as m
from ...domain import registry as rules
from ...i18n import gettext


def _lines(header: str, reasons: list[str], labels: dict[str, str], lang: str) -> list[str]:
    chosen = [reason for reason in reasons if reason in labels]
    return [gettext(header, lang)] + [f"- {gettext(labels[reason], lang)};" for reason in chosen] if chosen else []


def invitation_text(name: str, lang: str) -> str:
    """App 3: take the test within 10 calendar days (p. 7(2))."""
    return gettext(rules.SMS_TEST_INVITATION, lang).format(name=name)


def check_refusal_text(name: str, reasons: list[str], lang: str) -> str:
    """App 4 with its two groups of reasons, and the facts of p. 6 that p. 7(3) adds."""
    groups = ((rules.SMS_INCOMPLETE, rules.INCOMPLETE), (rules.SMS_EXPIRED, rules.EXPIRED),
              (rules.SMS_FACTS, tuple(r for r in rules.CHECK_REFUSALS if r not in rules.INCOMPLETE + rules.EXPIRED)))
    lines = [gettext(rules.SMS_CHECK_REFUSAL, lang).format(name=name)]
    for header, members in groups:
        lines += _lines(header, [r for r in reasons if r in members], rules.CHECK_REFUSALS, lang)
    return "\n".join(lines)


def inclusion_refusal_text(name: str, reasons: list[str], lang: str) -> str:
    """App 5: refused inclusion (p. 9, p. 10), one line a reason."""
    lines = [gettext(rules.SMS_INCLUSION_REFUSAL, lang).format(name=name)]
    lines += [f"- {gettext(rules.REFUSAL_REASONS[reason], lang)};" for reason in reasons]
    return "\n".join(lines)


def send(session: Session, application: m.RegistryApplication, at: datetime, compose, *args) -> list[dict]:
    """``compose(name, *args, lang)`` in each SMS language, to the applicant's phone."""
    sent = []
    for lang in rules.SMS_LANGUAGES:
        text = compose(application.full_name, *args, lang)
        session.add(m.OutboxMessage(channel="sms", to=application.phone, lang=lang, text=text, created_at=at,
                                    application_id=application.id, key=f"application:{uuid4().hex}:{lang}"))
        sent.append({"to": application.phone, "lang": lang, "text": text})
    return sent
