"""One vocabulary of states: an enum per workflow, used by the domain, the services and the models
alike.  Each is a ``StrEnum``: a member equals its stored string (``ActStatus.WAITING == "waiting"``),
so JSON, catalogs and labels take it as it is and no code translates between the two.

Which state may follow which is the workflow's table, next to its rules: draft acts in
``review.TRANSITIONS`` (§25, §44-48), appeals in ``appeals.TRANSITIONS`` (§54-56, §73), registry
applications in ``registry.TRANSITIONS`` (Registry Rules p. 6-11), outbox messages in
``OUTBOX_TRANSITIONS`` below.  ``None`` in a table is "not yet created".  ``app.models.transitions``
holds every status column to its table.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class ActStatus(StrEnum):
    """Where a draft act stands in the proactive pipeline (§25, §42-48)."""

    WAITING = "waiting"  # on the waiting list (App 9), experts not yet chosen
    UNDER_REVIEW = "under_review"  # sent to three extraterritorial experts (§25.5)
    HEAD_DECIDES = "head_decides"  # three different decisions, same group: the head-expert concludes (§47)
    IN_PERSON = "in_person"  # routed to the department for an in-person examination (§45)
    REJECTED = "rejected"  # form 031/у returned as poorly completed (§44)
    CONCLUDED = "concluded"  # conclusion reached, awaiting the head's signature (§48)
    SIGNED = "signed"  # signed by the head of the department of permanent registration (§48)


class StaffRole(Enum):
    """Who acts in the program (docs/domain.md §1)."""

    HEAD = "head"  # head of an MSE department, one of the three experts (§25.4)
    SPECIALIST = "specialist"  # chief specialist (§17, §25.4)
    INDEPENDENT = "independent"  # independent expert under contract (§17 part 2, Registry Rules)
    DEPUTY_HEAD = "deputy_head"  # registers appeals (§56)
    COMMITTEE = "committee"  # Committee specialist: registry, forwarding appeals (§56)


EXPERT_ROLES = (StaffRole.HEAD, StaffRole.SPECIALIST, StaffRole.INDEPENDENT)


class RegistryStatus(Enum):
    """Standing of an expert: department staff are always ``active``; independent experts are
    ``included`` in the registry or ``excluded`` from it (Registry Rules p. 11, p. 13)."""

    ACTIVE = "active"
    INCLUDED = "included"
    EXCLUDED = "excluded"


PENDING_STATUSES = (ActStatus.WAITING, ActStatus.UNDER_REVIEW, ActStatus.HEAD_DECIDES, ActStatus.IN_PERSON)


class AssignmentRole(StrEnum):
    """The place an expert takes on a draft act's panel (§25.4: one head and two chief specialists)."""

    HEAD = "head"
    SPECIALIST = "specialist"


class DecisionOutcome(StrEnum):
    """What an expert's decision is (§42-45): a conclusion, or one of the three marks."""

    CONCLUSION = "conclusion"
    UNJUSTIFIED = "unjustified"  # §43
    POOR_QUALITY = "poor_quality"  # §44
    MISMATCH = "mismatch"  # §45


class Route(StrEnum):
    """Where the three decisions take a draft act (§44-48)."""

    CONCLUDED = "concluded"  # two or three agree
    REJECTED = "rejected_poor_quality"  # §44
    IN_PERSON = "in_person"  # §45
    HEAD_DECIDES = "head_decides"  # §47


class AppealStatus(StrEnum):
    """Where an appeal, a complaint or a control re-examination stands (§54-56, §73)."""

    FILED = "filed"
    REGISTERED = "registered"  # §56: by the deputy head
    AT_CONTROL = "at_control"  # §56: at the extraterritorial control department
    LETTER_SENT = "letter_sent"  # §73-1: postal invitation sent, not yet received
    INVITED = "invited"  # §73-1: the 3 working days to come run
    SUSPENDED = "suspended"  # §73-2: no-show, protocol App 26, payments suspended
    CONCLUDED = "concluded"


class ApplicationStatus(StrEnum):
    """Where an application to the registry of independent experts stands (Registry Rules p. 6-11)."""

    SUBMITTED = "submitted"  # p. 7: documents checked within 5 working days
    AWAITING_TEST = "awaiting_test"  # p. 7: SMS of App 3, test within 10 calendar days
    RETEST_ALLOWED = "retest_allowed"  # p. 9: one retest after a failure
    PASSED = "passed"  # p. 10: decision within 5 working days
    CONTRACT_SENT = "contract_sent"  # p. 10: signing within 3 working days
    SIGNED = "signed"  # p. 11: inclusion within 3 working days
    INCLUDED = "included"  # p. 11
    REFUSED = "refused"  # p. 7 (App 4), p. 9-10 (App 5)


class OutboxStatus(StrEnum):
    """An SMS or e-mail on its way to the gateway: nothing is lost if sending fails."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by one process
    SENT = "sent"


OUTBOX_TRANSITIONS: dict[OutboxStatus | None, tuple[OutboxStatus, ...]] = {
    None: (OutboxStatus.PENDING,),  # queued
    OutboxStatus.PENDING: (OutboxStatus.SENDING,),  # claimed by one sending process
    OutboxStatus.SENDING: (OutboxStatus.SENT, OutboxStatus.PENDING),  # handed over, or refused: tried again
}
