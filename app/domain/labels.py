"""Display names of stored codes (statuses, roles, purposes), as message ids to translate
where they are shown."""

from __future__ import annotations

from ..i18n import N_

ACT_STATUS = {
    "waiting": N_("Waiting for experts"),
    "under_review": N_("Under expert review"),
    "head_decides": N_("Head-expert decides"),
    "in_person": N_("In-person examination"),
    "rejected": N_("Returned: poorly completed"),
    "concluded": N_("Concluded, awaiting signature"),
    "signed": N_("Signed"),
}

APPEAL_STATUS = {
    "filed": N_("Filed"),
    "registered": N_("Registered"),
    "at_control": N_("At control department"),
    "letter_sent": N_("Invitation posted"),
    "invited": N_("Invited"),
    "suspended": N_("Payments suspended"),
    "concluded": N_("Concluded"),
}

REGISTRY_STATUS = {
    "active": N_("Department staff"),
    "included": N_("In the registry"),
    "excluded": N_("Excluded"),
    "submitted": N_("Application submitted"),
    "awaiting_test": N_("Awaiting test"),
    "retest_allowed": N_("Retest allowed"),
    "passed": N_("Test passed"),
    "contract_sent": N_("Contract sent"),
    "signed": N_("Contract signed"),
    "refused": N_("Refused"),
}

STAFF_ROLE = {
    "head": N_("Head of department"),
    "specialist": N_("Chief specialist"),
    "independent": N_("Independent expert"),
    "deputy_head": N_("Deputy head"),
    "committee": N_("Committee specialist"),
}

PURPOSE = {
    "disability_primary": N_("Disability, primary"),
    "disability_repeat": N_("Disability, repeat"),
    "uot": N_("Loss of general working capacity"),
    "ipr": N_("Rehabilitation programme"),
    "ipr_correction": N_("Rehabilitation programme correction"),
    "cause_change": N_("Change of cause"),
    "upt": N_("Loss of professional working capacity"),
    "additional_care": N_("Additional care"),
}

ABSENCE_KIND = {  # §25.4, as ``saraptama experts absence`` names them
    "annual": N_("Annual leave"),
    "unpaid": N_("Unpaid leave"),
    "sick": N_("Sick leave"),
    "field": N_("Field session"),
}
