"""Consolidation of the three extraterritorial experts' decisions (§44-48) and the steps an act
takes after it, as pure data and functions.

Reading of the seed (docs/domain.md §2.5), in the order the rules are applied:

1. two or three "poorly completed" marks → form 031/у rejected (§44);
2. two or three mismatch marks → in-person examination (§45);
3. a decision shared by at least two experts stands (§44-48 "otherwise"): decisions are
   compared on what the conclusion *establishes* — outcome, group or category, cause, term,
   УОТ and УПТ; recommendations, restrictions, prognosis and comments are not compared (two
   equal conclusions that differ only in recommendations agree).  Two marks of the same kind
   agree whatever their reasons (§43-45 count marks, not reasons); the mark that stands
   carries the reasons of all who made it;
4. otherwise "1/1/1": when the experts who concluded name different groups or categories
   (``none``, not established, is one of them) — three groups, or two beside a mark of any kind —
   the groups do not coincide, which §47 excludes: in-person examination (§45); any other 1/1/1
   (same group and different terms, one conclusion beside two different marks, …) → the
   extraterritorial expert who heads a department concludes on a comparison of the three (§47).

The decision that stands among agreeing ones is the head's when the head agrees, else the
earliest; its recommendations go with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from ..errors import UserError
from ..i18n import N_
from .panel import HEAD, SPECIALIST
from .states import ActStatus, Route
from .rules.checking import MARK_REASONS, parse_decision
from .workdays import WorkingCalendar

CONCLUDED, REJECTED, IN_PERSON, HEAD_DECIDES = Route.CONCLUDED, Route.REJECTED, Route.IN_PERSON, Route.HEAD_DECIDES
ROUTES = tuple(Route)
COMPARED = ("outcome", "group", "cause", "term", "uot_percent", "upt_percent")  # docs/domain.md §2.5
SHOWN_FIELDS = COMPARED + ("reasons", "restrictions", "rehab_prognosis", "rehab_potential", "recommendations",
                           "comment")
ROUTE_STATUS = {CONCLUDED: ActStatus.CONCLUDED, REJECTED: ActStatus.REJECTED, IN_PERSON: ActStatus.IN_PERSON,
                HEAD_DECIDES: ActStatus.HEAD_DECIDES}

# every step of a draft act (status -> statuses it may go to; None: the act is formed)
TRANSITIONS: dict[ActStatus | None, tuple[ActStatus, ...]] = {
    None: (ActStatus.WAITING,),  # §24.2, §25.1: formed from form 031/у, on the waiting list (App 9)
    ActStatus.WAITING: (ActStatus.UNDER_REVIEW,),  # §25.4-25.5: three experts chosen
    ActStatus.UNDER_REVIEW: (ActStatus.CONCLUDED, ActStatus.REJECTED, ActStatus.IN_PERSON,
                             ActStatus.HEAD_DECIDES),  # §44-47
    ActStatus.HEAD_DECIDES: (ActStatus.CONCLUDED, ActStatus.REJECTED, ActStatus.IN_PERSON),  # §47, the same form
    ActStatus.IN_PERSON: (ActStatus.CONCLUDED, ActStatus.REJECTED),  # §45: on the visit, or closed poorly completed
    ActStatus.CONCLUDED: (ActStatus.SIGNED,),  # §48
}


@dataclass(frozen=True)
class Consolidation:
    route: Route
    decision: dict | None
    agreeing: int

    def as_dict(self) -> dict:
        return {"route": self.route, "decision": self.decision, "agreeing": self.agreeing}


def check_step(current: ActStatus | None, target: ActStatus) -> None:
    """Refuses a step the pipeline does not allow, naming where the act stands and what may come."""
    allowed = TRANSITIONS.get(current, ())
    if target not in allowed:
        raise UserError(N_("The draft act is {current}; from there it may go to: {allowed}."),
                        current=current, allowed=", ".join(allowed) or "—")


def require_status(current: str, needed: str) -> None:
    """Refuses a step that belongs to another stage of the act."""
    if current != needed:
        raise UserError(N_("The draft act is {current}; this step is taken when it is {needed}."),
                        current=current, needed=needed)


def compared(decision: Mapping[str, Any]) -> tuple:
    """What two decisions must share to agree (docs/domain.md §2.5); marks by their kind alone."""
    if decision.get("outcome", "conclusion") != "conclusion":
        return (decision["outcome"],)
    return tuple(decision.get(key) for key in COMPARED[1:]) + ("conclusion",)


def _roles(roles: Sequence[str]) -> list[str]:
    if not isinstance(roles, list | tuple) or len(roles) != 3 or any(r not in (HEAD, SPECIALIST) for r in roles):
        raise UserError(N_("expert_roles must list three roles, each head or specialist."))
    if list(roles).count(HEAD) != 1:  # §25.4: one head and two chief specialists
        raise UserError(N_("expert_roles must name exactly one head (§25.4)."))
    return list(roles)


def _merged_mark(marks: list[Mapping]) -> dict:
    outcome = marks[0]["outcome"]
    given = {reason for mark in marks for reason in mark.get("reasons") or ()}
    return {"outcome": outcome, "reasons": [r for r in MARK_REASONS[outcome] if r in given]}


def consolidate(decisions: Sequence[Mapping[str, Any]], roles: Sequence[str]) -> Consolidation:
    """The route of a draft act from its three experts' decisions (§44-48); bad input is a UserError."""
    if not isinstance(decisions, list | tuple) or len(decisions) != 3:
        raise UserError(N_("Consolidation needs exactly three decisions."))
    roles = _roles(roles)
    for decision in decisions:
        parse_decision(decision)  # validates codes and ranges
    normal = [{"outcome": "conclusion", **decision} for decision in decisions]
    outcomes = [d["outcome"] for d in normal]
    if outcomes.count("poor_quality") >= 2:  # §44
        return Consolidation(REJECTED, _merged_mark([d for d in normal if d["outcome"] == "poor_quality"]),
                             outcomes.count("poor_quality"))
    if outcomes.count("mismatch") >= 2:  # §45
        return Consolidation(IN_PERSON, None, outcomes.count("mismatch"))
    order = sorted(range(3), key=lambda i: roles[i] != HEAD)  # the head's decision first
    for i in order:
        agreeing = [j for j in range(3) if compared(normal[j]) == compared(normal[i])]
        if len(agreeing) >= 2:  # §44-48: the decision of two or three experts stands
            if normal[i]["outcome"] != "conclusion":
                return Consolidation(CONCLUDED, _merged_mark([normal[j] for j in agreeing]), len(agreeing))
            return Consolidation(CONCLUDED, dict(decisions[i]), len(agreeing))
    groups = {d.get("group") for d in normal if d["outcome"] == "conclusion"}
    if len(groups) >= 2:  # §45, §47: the experts who concluded disagree on the group (see docs/interpretations.md)
        return Consolidation(IN_PERSON, None, 1)
    return Consolidation(HEAD_DECIDES, None, 1)  # §47


def route_of_final(decision: Mapping[str, Any]) -> Route:
    """Where a head-expert's decision (§47) takes the act: the same marks count as for the experts."""
    outcome = decision.get("outcome", "conclusion")
    return {"poor_quality": REJECTED, "mismatch": IN_PERSON}.get(outcome, CONCLUDED)


def differences(decisions: Sequence[Mapping[str, Any] | None]) -> dict[str, bool]:
    """For the head's comparison (§47): per field, whether the decisions differ."""
    present = [d for d in decisions if d is not None]
    return {key: len({repr(d.get(key)) for d in present}) > 1 for key in SHOWN_FIELDS}


# -- §51: the result documents of a conclusion ------------------------------------------------
def documents_due(decision: Mapping[str, Any] | None, *, kind: str) -> list[str]:
    """The documents §51 gives the person for ``decision`` (``kind`` primary or repeat)."""
    if not decision or decision.get("outcome", "conclusion") != "conclusion":
        return []
    found = []
    group = decision.get("group")
    if group not in (None, "none"):
        found.append("disability-certificate")  # §51.1, App 19
    recommendations = decision.get("recommendations") or {}
    if group not in (None, "none") and recommendations.get("social"):
        found.append("ipr-social-extract")  # §51.2
    if group not in (None, "none") and recommendations.get("professional"):
        found.append("ipr-professional-extract")  # §51.3
    if decision.get("uot_percent") is not None:
        found.append("uot-certificate")  # §51.4, App 20
    if decision.get("upt_percent") is not None:
        found.append("upt-certificate")  # §51.5, App 21
    if group == "none" and kind == "repeat":
        found.append("non-establishment-notice")  # §51.7, App 23: at a repeat examination
    return found


# -- §48 clock ------------------------------------------------------------------------------
END_OF_DAY = time(18, 0)


def signature_due(arrived: datetime, calendar: WorkingCalendar) -> datetime:
    """§48: the head signs on the day the act arrives at the department; an act that arrives on a
    day off or after the working day (18:00, App 3 item 7) arrives on the next working day."""
    return calendar.deadline(arrived, 1, cutoff=END_OF_DAY)
