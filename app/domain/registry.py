"""Admission to and exclusion from the registry of independent MSE experts as data: the
states of an application, which step may follow which, the deadline of each state, the test's
pass mark, the check of the declared documents, and the reasons of App 4, App 5 and p. 13.

Registry Rules = order No. 393 in the edition of order No. 494 (seed ``001_…``).

    state            step                                         next state       due (rule)
    ───────────────  ───────────────────────────────────────────  ───────────────  ─────────────────────────
    —                apply (App 2, consent)                       submitted        check: 5 working days
    submitted        check: complete (SMS App 3)                  awaiting_test    test: 10 calendar days
    submitted        check: refuse (SMS App 4)                    refused          —
    awaiting_test    test: ≥ 63 of 90 and proctoring passed       passed           decision: 5 working days
    awaiting_test    test: failed / proctoring / technical (App 3) retest_allowed  retest: 10 calendar days
    retest_allowed   test: passed                                 passed           decision: 5 working days
    retest_allowed   test: failed again (SMS App 5)               refused          —
    awaiting_test,   tick: 10 calendar days ran out (SMS App 5)   refused          —
    retest_allowed
    passed           contract                                     contract_sent    signing: 3 working days
    contract_sent    sign                                         signed           inclusion: 3 working days
    contract_sent    tick: not signed in time (SMS App 5)         refused          —
    signed           include (App 1 entry)                        included         —

``refused`` and ``included`` end an application; an included expert leaves the registry by
``exclude`` (p. 13), which is a change of the expert, not of the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..i18n import N_
from .states import ApplicationStatus

SUBMITTED, AWAITING_TEST, RETEST_ALLOWED, PASSED = (ApplicationStatus.SUBMITTED, ApplicationStatus.AWAITING_TEST,
                                                    ApplicationStatus.RETEST_ALLOWED, ApplicationStatus.PASSED)
CONTRACT_SENT, SIGNED, INCLUDED, REFUSED = (ApplicationStatus.CONTRACT_SENT, ApplicationStatus.SIGNED,
                                            ApplicationStatus.INCLUDED, ApplicationStatus.REFUSED)
STATES = (SUBMITTED, AWAITING_TEST, RETEST_ALLOWED, PASSED, CONTRACT_SENT, SIGNED, INCLUDED, REFUSED)
OPEN_STATES = STATES[:-2]


@dataclass(frozen=True)
class Step:
    name: str
    sources: tuple[str, ...]  # states the step may be taken in
    targets: tuple[str, ...]  # states it may lead to
    paragraph: str
    title: str  # message id
    automatic: bool = False  # taken by ``registry tick``, never by hand


STEPS: dict[str, Step] = {step.name: step for step in (
    Step("apply", (), (SUBMITTED,), "Registry Rules p. 6, App 2", N_("Application")),
    Step("check", (SUBMITTED,), (AWAITING_TEST, REFUSED), "Registry Rules p. 7, App 3, App 4",
         N_("Check of the documents")),
    Step("test", (AWAITING_TEST, RETEST_ALLOWED), (PASSED, RETEST_ALLOWED, REFUSED), "Registry Rules p. 8-9, App 5",
         N_("Test result")),
    Step("contract", (PASSED,), (CONTRACT_SENT,), "Registry Rules p. 10", N_("Decision and contract")),
    Step("sign", (CONTRACT_SENT,), (SIGNED,), "Registry Rules p. 10", N_("Contract signed")),
    Step("include", (SIGNED,), (INCLUDED,), "Registry Rules p. 11, App 1", N_("Inclusion in the registry")),
    Step("expire", (AWAITING_TEST, RETEST_ALLOWED, CONTRACT_SENT), (REFUSED,), "Registry Rules p. 9-10, App 5",
         N_("Window ran out"), automatic=True),
)}

# Every change of state a step makes (None: the application is made).
TRANSITIONS: dict[ApplicationStatus | None, tuple[ApplicationStatus, ...]] = {
    source: tuple(dict.fromkeys(ApplicationStatus(t) for step in STEPS.values() if source in (step.sources or (None,))
                                for t in step.targets))
    for source in (None, *STATES)}

# The deadline rule (app.domain.deadlines) of each open state, and what it counts from.
DUE_RULE = {
    SUBMITTED: "registry_document_check",  # p. 7: 5 working days after the day of the application
    AWAITING_TEST: "registry_test",  # p. 7(2): 10 calendar days after the day of the SMS
    RETEST_ALLOWED: "registry_test",  # p. 9: the retest "in the terms of p. 7(2)" (docs/interpretations.md)
    PASSED: "registry_contract",  # p. 10: decision and contract within 5 working days
    CONTRACT_SENT: "registry_signing",  # p. 10: signature within 3 working days
    SIGNED: "registry_inclusion",  # p. 11: entry into the registry within 3 working days
}

# Windows the applicant misses: when they run out the application is refused by itself, with
# this App 5 reason (p. 9, p. 10).  The Committee's own deadlines (check, contract, inclusion)
# only make the application overdue: the applicant is not refused for the office's delay.
EXPIRY_REASON = {AWAITING_TEST: "not_tested", RETEST_ALLOWED: "not_tested", CONTRACT_SENT: "not_signed"}


def allowed_steps(state: str) -> list[str]:
    """The steps that may be taken by hand in ``state``."""
    return [step.name for step in STEPS.values() if state in step.sources and not step.automatic]


# -- the test (p. 8-9) ---------------------------------------------------------------------------
QUESTIONS = 90  # p. 8
PASS_PERCENT = 70  # p. 9: "не менее 70 % верных ответов"
ATTEMPTS = 2  # p. 9: one retest ("однократное повторное тестирование")


def score_passes(score: int) -> bool:
    """p. 9: at least 70 % of the 90 questions answered right: 63 passes, 62 does not."""
    return score * 100 >= PASS_PERCENT * QUESTIONS


@dataclass(frozen=True)
class AttemptOutcome:
    state: str
    reasons: tuple[str, ...]  # App 5 reasons (keys of REFUSAL_REASONS) the attempt failed for


def attempt_outcome(score: int, proctoring_passed: bool, technical_failure: bool, attempt: int) -> AttemptOutcome:
    """p. 9: passed with ≥ 70 % and a positive proctoring result; a failure or a negative proctoring
    result allows one retest, and the retest failing ends the procedure (App 5).  A technical failure
    confirmed by its act voids the attempt: it is not counted (``attempt`` is that of the counted
    ones) and opens a new window, whichever attempt it was — App 5 has no reason for it (see
    docs/interpretations.md)."""
    if technical_failure:
        return AttemptOutcome(RETEST_ALLOWED, ())
    reasons = tuple(reason for reason, failed in (("test_failed", not score_passes(score)),
                                                   ("proctoring_failed", not proctoring_passed)) if failed)
    if not reasons:
        return AttemptOutcome(PASSED, ())
    return AttemptOutcome(RETEST_ALLOWED if attempt < ATTEMPTS else REFUSED, reasons)


# -- the documents (p. 5-7, App 4) ----------------------------------------------------------------
MIN_EXPERIENCE_YEARS = 5  # p. 5(2): at least 5 years of continuous experience
MIN_TRAINING_HOURS = 60  # p. 5(4): at least 2 credits (60 hours) in the last 5 years
TRAINING_WAIVED_AFTER_MSE_YEARS = 5  # p. 5(4): not required with more than 5 years in MSE departments

DOCUMENT_FIELDS = {  # the App 2 package as docs/interfaces.md §4 gives it: field -> type
    "diploma": bool, "experience_years": int, "clinical_certificate_valid_until": str, "training_hours": int,
    "mse_experience_years": int, "bmg_registered": bool,
}


def document_findings(documents: dict, on: date) -> list[str]:
    """The App 4 reasons the declared documents show on the day of the check (p. 7(1)): what
    is missing, and the clinical-practice certificate expired."""
    experience = max(documents.get("experience_years", 0), documents.get("mse_experience_years", 0))
    mse_years = documents.get("mse_experience_years", 0)
    valid_until = documents.get("clinical_certificate_valid_until") or ""
    checks = (
        ("missing_diploma", not documents.get("diploma")),  # p. 5(1)
        ("missing_experience", experience < MIN_EXPERIENCE_YEARS),  # p. 5(2)
        ("missing_training", documents.get("training_hours", 0) < MIN_TRAINING_HOURS
         and mse_years <= TRAINING_WAIVED_AFTER_MSE_YEARS),  # p. 5(4)
        ("missing_certificate", not valid_until),  # p. 5(3)
        ("expired_certificate", bool(valid_until) and valid_until < on.isoformat()),  # p. 7(1), App 4 item 2
        ("missing_bmg", not documents.get("bmg_registered")),  # p. 5(5)
    )
    return [reason for reason, failed in checks if failed]


# What the card shows as "documents checked": each requirement of p. 5 and the App 4 reasons
# that fail it.
REQUIREMENTS = (
    (N_("Diploma of higher medical education (p. 5(1))"), ("missing_diploma",)),
    (N_("At least 5 years of continuous experience in the specialty or in MSE (p. 5(2))"), ("missing_experience",)),
    (N_("Valid certificate for clinical practice (p. 5(3))"), ("missing_certificate", "expired_certificate")),
    (N_("Training in MSE, 60 hours in the last 5 years, or more than 5 years in MSE departments (p. 5(4))"),
     ("missing_training",)),
    (N_("Phone number registered in the mobile citizens' base (p. 5(5))"), ("missing_bmg",)),
)


# App 4: reasons for refusing to accept an application (p. 7(3)); the last three are the facts
# of p. 6(5)-(7) that p. 7(3) names beside App 4's list.  Each is the line of the SMS.
CHECK_REFUSALS = {
    "missing_diploma": N_("absence of a diploma of higher medical education"),
    "missing_experience": N_("absence of a document confirming continuous work experience"),
    "missing_training": N_("absence of a document confirming training in medical-social expertise "
                           "in the last 5 years"),
    "missing_certificate": N_("absence of a specialist certificate for admission to clinical practice"),
    "missing_bmg": N_("absence of a screenshot of the phone number's registration in the mobile citizens' base "
                      "(BMG)"),
    "expired_identity": N_("expiry of the identity document"),
    "expired_certificate": N_("expiry of the specialist certificate for admission to clinical practice"),
    "psychiatric_register": N_("information of the mental health centre (psychiatry) found (p. 6 of the Rules)"),
    "narcology_register": N_("information of the mental health centre (narcology) found (p. 6 of the Rules)"),
    "criminal_record": N_("a criminal record found (p. 6 of the Rules)"),
}
INCOMPLETE = ("missing_diploma", "missing_experience", "missing_training", "missing_certificate", "missing_bmg")
EXPIRED = ("expired_identity", "expired_certificate")

# App 5: reasons for refusing inclusion (p. 9, p. 10).
REFUSAL_REASONS = {
    "test_failed": N_("a negative test result on the skills.enbek.kz platform"),
    "proctoring_failed": N_("a negative proctoring result on the skills.enbek.kz platform"),
    "not_tested": N_("not passing the mandatory or repeated test on the skills.enbek.kz platform within 10 (ten) "
                     "calendar days after the day of receiving the notification"),
    "not_signed": N_("not signing the contract within 3 (three) working days"),
}

# -- the SMS texts (App 3, App 4, App 5), sent in Kazakh and in Russian ----------------------------
SMS_LANGUAGES = ("kk", "ru")
SMS_TEST_INVITATION = N_(  # App 3
    "Dear {name}! To be included in the registry of independent experts of medical-social expertise you need "
    "to take the test on the skills.enbek.kz platform within 10 (ten) calendar days after the day of receiving "
    "this SMS notification.")
SMS_CHECK_REFUSAL = N_(  # App 4
    "Dear {name}! We inform you that your application for inclusion in the registry of independent experts of "
    "medical-social expertise is not accepted because of:")
SMS_INCOMPLETE = N_("1. An incomplete package of documents:")  # App 4 item 1
SMS_EXPIRED = N_("2. Documents whose validity has expired:")  # App 4 item 2
SMS_FACTS = N_("3. Information named in p. 6 of the Rules:")  # p. 7(3), second indent
SMS_INCLUSION_REFUSAL = N_(  # App 5
    "Dear {name}! We inform you that you are refused inclusion in the registry of independent experts of "
    "medical-social expertise because of:")

# -- exclusion (p. 13) ----------------------------------------------------------------------------
EXCLUSION_REASONS = {
    1: N_("Results of the monthly or annual evaluation of work"),  # p. 13(1)
    2: N_("Contract terminated for missing the planned target more than 3 times, without the right to be "
          "included again"),  # p. 13(2)
    3: N_("Own application for exclusion (App 6)"),  # p. 13(3)
    4: N_("Recognised by a court as incapable or of limited capacity"),  # p. 13(4)
    5: N_("Permanent departure from the Republic of Kazakhstan"),  # p. 13(5)
    6: N_("Death"),  # p. 13(6)
}
NEVER_AGAIN = 2  # p. 13(2): "без права повторного включения в реестр"
