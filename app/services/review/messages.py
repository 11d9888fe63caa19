"""The notices to the medical organisation and the SMS to the person that §44, §45 and §48 send
"in automatic mode", queued in the outbox in the same transaction as the step that sends them.

The seeds say what each message must say, not its words; the texts below follow the seed's
wording (§45: "within 2 working days of receiving this SMS ... from 15.30 to 18.00"; §48: "the
expert conclusion and that the results can be obtained on www.egov.kz").  An SMS is in the
person's language (``person.language``); when it is not known, Kazakh then Russian in one SMS.
A notice to the medical organisation is bilingual, Kazakh above Russian (docs/domain.md §4).
Messages name the draft act by its number only: never the person.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import appeals as appeal_rules
from ...domain.rules.checking import MARK_REASONS
from ...domain.rules.labels import GROUP, OUTCOME_LABELS, label
from ...i18n import N_, gettext

PROACTIVE_MARK = N_("The expert conclusion was made in absentia, proactively.")  # §51 part 3

SMS = {
    "invite": N_("MSE: within 2 working days of this SMS come to MSE department {department} ({address}) "
                 "for an in-person examination, from 15:30 to 18:00. Draft act No. {number}."),  # §45
    "reminder": N_("MSE: you did not come for the in-person examination. Come to MSE department {department} "
                   "({address}) from 15:30 to 18:00. Draft act No. {number}."),  # §45, repeated on no-show
    "go_back": N_("MSE: the in-person examination did not take place. Please contact the medical "
                  "organisation that referred you to MSE. Draft act No. {number}."),  # §45
    "results": N_("MSE: the expert conclusion has been made. The results are available on the e-government "
                  "portal www.egov.kz. Draft act No. {number}."),  # §48
    "appeal": appeal_rules.CONCLUDED_SMS,  # §56, §54
    "control": appeal_rules.INVITATION_SMS,  # §73-1
}

NOTICE = {  # "Извещение об экспертном заключении МСЭ" (form 031/у)
    "poor_quality": N_("Notice on the MSE expert conclusion. Draft act No. {number}: form 031/u is marked "
                       "\"poorly completed\" ({reasons}). Remove the cause and decide whether to refer the "
                       "person again for a proactive examination."),  # §44
    "in_person": N_("Notice on the MSE expert conclusion. Draft act No. {number}: the person must come to MSE "
                    "department {department} at the place of permanent registration for an in-person "
                    "examination."),  # §45
    "no_show": N_("Notice on the MSE expert conclusion. Draft act No. {number}: form 031/u is marked "
                  "\"poorly completed\": the person {what} the in-person examination."),  # §45
    "conclusion": N_("Notice on the MSE expert conclusion. Draft act No. {number}: the expert conclusion was "
                     "signed on {date}: {summary}."),  # §48
}
NO_SHOW_WHAT = {"no_show": N_("did not come for"), "refused": N_("refused")}
REASON_LABELS = {
    "temp_disability_terms": N_("temporary disability terms do not meet the rules"),
    "no_grounds_primary": N_("no grounds for disability"),
    "no_grounds_increase": N_("no grounds to raise the group"),
    "examined_within_2_months": N_("examined within the last 2 months"),
    "no_lab_data": N_("no laboratory or functional data"),
    "no_rehab_recommendation": N_("no rehabilitation recommendation"),
    "unreliable_documents": N_("unreliable documents or data"),
    "diagnosis_not_in_list": N_("diagnosis not in the list"),
    "purpose_mismatch": N_("purpose of referral does not fit"),
    "lab_vs_severity": N_("data do not match the degree of impairment"),
}
assert set(REASON_LABELS) == {r for reasons in MARK_REASONS.values() for r in reasons}
PERSON_LANGUAGES = ("kk", "ru")


def _text(message: str, lang: str, params: dict) -> str:
    return gettext(message, lang).format(**params)


def _shown(key: str, value, lang: str):
    """A notice's parameter in ``lang``: mark reasons, a conclusion's summary, a no-show's kind."""
    if key == "reasons":
        return reasons_text(value, lang)
    if key == "summary":
        return summary(value, lang)
    if key == "what":
        return gettext(NO_SHOW_WHAT[value], lang)
    return value


def reasons_text(reasons, lang: str) -> str:
    return "; ".join(gettext(REASON_LABELS[r], lang) for r in reasons)


def summary(decision: dict | None, lang: str) -> str:
    """A conclusion in a few words: the group or category, or the mark."""
    if not decision:
        return ""
    outcome = decision.get("outcome", "conclusion")
    if outcome != "conclusion":
        return gettext(OUTCOME_LABELS[outcome], lang)
    return label(GROUP, decision.get("group") or "none", lang)


def person_phone(session: Session, act: m.DraftAct) -> str:
    """The person's phone, else the representative's from the referral (§45: "услугополучателю
    (его представителю)")."""
    if act.person is not None and act.person.phone:  # an expert's copy holds no person (§25.2)
        return act.person.phone
    package = session.get(m.ReferralPackage, act.package_id) if act.package_id else None
    representative = (package.content or {}).get("representative") if package else None
    return (representative or {}).get("phone") or ""


def queue_sms(session: Session, act: m.DraftAct, step: str, at: datetime, **params) -> m.OutboxMessage | None:
    """One SMS of ``step`` for the act (key ``act:<uid>:<step>``: a step's SMS is never queued twice)."""
    key = f"act:{act.uid}:{step}"
    if act.person is None:  # an expert's copy: nobody to write to here, the department sends it
        return None
    if session.scalar(select(m.OutboxMessage.id).where(m.OutboxMessage.key == key)) is not None:
        return None
    params = {"number": act.number, **params}
    lang = act.person.language
    if lang in PERSON_LANGUAGES:
        text = _text(SMS[step.split(":")[0]], lang, params)
    else:  # not known: the state language, then Russian
        lang = "kk"
        text = "\n".join(_text(SMS[step.split(":")[0]], code, params) for code in PERSON_LANGUAGES)
    message = m.OutboxMessage(channel="sms", to=person_phone(session, act), lang=lang, text=text, created_at=at,
                              act_id=act.id, key=key)
    session.add(message)
    return message


def queue_notice(session: Session, act: m.DraftAct, kind: str, at: datetime, *, proactive: bool = False,
                 **params) -> m.Notice:
    """A bilingual notice to the referring medical organisation, and its delivery through the outbox
    (channel ``mis``: ИС МЗ РК, for the МИС)."""
    params = {"number": act.number, **params}
    texts = {}
    for lang in PERSON_LANGUAGES:
        text = _text(NOTICE[kind], lang, {k: _shown(k, v, lang) for k, v in params.items()})
        texts[lang] = f"{text} {gettext(PROACTIVE_MARK, lang)}" if proactive else text
    notice = m.Notice(act_id=act.id, package_id=act.package_id, kind=kind, created_at=at, text_kk=texts["kk"],
                      text_ru=texts["ru"], proactive_mark=proactive)
    session.add(notice)
    package = session.get(m.ReferralPackage, act.package_id) if act.package_id else None
    bin_ = ((package.content or {}).get("medical_org") or {}).get("bin", "") if package else ""
    session.add(m.OutboxMessage(channel="mis", to=str(bin_)[:200], lang="kk", text=texts["kk"] + "\n" + texts["ru"],
                                created_at=at, act_id=act.id, key=f"act:{act.uid}:notice:{kind}"))
    return notice
