"""Causes of disability, of loss of general (УОТ) and of professional (УПТ) working
capacity (§27, §28, §29, §42).

§27 lists the causes of disability and of УОТ: 1) general disease, 2) work injury,
3) occupational disease, 4) disability since childhood, 5) disability of children under
seven, 6) disability of children from seven to eighteen, 7) wounds, injuries, diseases
in service or military duty, nuclear accidents... "при условии установления
причинно-следственной связи уполномоченным органом", 8) ecological disasters and
radiation, with the same condition.  §28: the causes of УПТ are only 1) work injury and
2) occupational disease.

How the paragraphs were read:

* ``child_under_7`` only under 7 and ``child_7_18`` only from 7 to 18 (their own
  words).  Any other age is an error.
* ``since_childhood`` (4) is listed apart from 5 and 6, which are the causes for
  children; so it is the cause for an adult whose disability began in childhood, and
  an error for a person under 18.
* ``general_disease`` has no age words; for a child the seed gives causes 5 and 6, so
  general disease for a person under 18 is a warning, not an error.
* Work injury, occupational disease, service-related and ecological causes carry no age
  words and are allowed at any age (the program cannot know whether a minor worked).
* 7) and 8) need the causal-link document of the authorised body (§9 subpara. 10); the
  program cannot see it, so choosing them always gives a warning to check it.
* §42 (in force from 2025-01-01): a proactive conclusion is made for a *primary*
  examination only for persons without causal-link documents on work injury,
  occupational disease, ecological or radiation causes and military or service duty;
  for a *repeat* one, without such documents on work injury and occupational disease.
  So those causes (and any УПТ, which needs the accident report, §9 subpara. 8) cannot
  be concluded proactively.
* §29: a change of cause dates from the day the causal-link documents (§9 subpara. 8,
  9, 10) are submitted to the MSE department.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from .age import AgeBand

Kind = Literal["primary", "repeat"]

CAUSES = (
    "general_disease",  # §27.1
    "work_injury",  # §27.2, §28.1
    "occupational_disease",  # §27.3, §28.2
    "since_childhood",  # §27.4
    "child_under_7",  # §27.5
    "child_7_18",  # §27.6
    "service_related",  # §27.7
    "ecological",  # §27.8
)
UPT_CAUSES = ("work_injury", "occupational_disease")  # §28
CAUSAL_LINK_CAUSES = ("service_related", "ecological")  # §27 subpara. 7, 8 and last part

# §42: causes that need causal-link documents, which a proactive conclusion cannot have
PROACTIVE_EXCLUDED = {
    "primary": ("work_injury", "occupational_disease", "service_related", "ecological"),  # §42.1
    "repeat": ("work_injury", "occupational_disease"),  # §42.2
}

_ONLY_IN_BAND: dict[str, tuple[AgeBand, ...]] = {
    "child_under_7": ("under_7",),  # §27.5
    "child_7_18": ("7_18",),  # §27.6
    "since_childhood": ("adult",),  # §27.4 (see the module docstring)
}


def allowed_causes(band: AgeBand) -> tuple[str, ...]:
    """§27: the causes that may be given in this age band (errors excluded)."""
    return tuple(c for c in CAUSES if band in _ONLY_IN_BAND.get(c, (band,)))


def cause_allowed_for_age(cause: str, band: AgeBand) -> bool:
    """§27: False for the causes tied to another age (5, 6 and 4)."""
    if cause not in CAUSES:
        raise ValueError(f"unknown cause {cause!r}")
    return band in _ONLY_IN_BAND.get(cause, (band,))


def usual_for_age(cause: str, band: AgeBand) -> bool:
    """False for general disease under 18, where §27.5/§27.6 are the children's causes."""
    return not (cause == "general_disease" and band != "adult")


def needs_causal_link(cause: str) -> bool:
    """§27 subpara. 7, 8: the cause needs the authorised body's causal-link document."""
    return cause in CAUSAL_LINK_CAUSES


def upt_cause_allowed(cause: str | None) -> bool:
    """§28: УПТ only from a work injury or an occupational disease."""
    return cause in UPT_CAUSES


def proactive_cause_allowed(cause: str, kind: Kind) -> bool:
    """§42: a proactive conclusion cannot rest on causal-link documents."""
    return cause not in PROACTIVE_EXCLUDED[kind]


def cause_change_date(documents_submitted_on: date) -> date:
    """§29: a new cause dates from the submission of the causal-link documents
    (§9 subpara. 8, 9, 10) to the MSE department."""
    return documents_submitted_on
