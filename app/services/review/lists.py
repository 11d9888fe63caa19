"""Two lists of the review, on the shared list machinery (``listings.Listing``): an expert's
**My acts** (their open places, with due dates), and the **list of expert decisions** (App 16:
date and time the act was sent, act number, decision of expert 1, 2, 3, conclusion of the
extraterritorial experts, conclusion of the control department).

Blind (§25.5) in the list itself: for an expert viewer a decision of another expert shows only
once the viewer's own decision on that act is submitted, and the list holds only the acts the
viewer sits on; the department sees every decision.  Expert 1 is the head's place, 2 and 3 the
chief specialists' in the order they were given.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, select, type_coerce
from sqlalchemy.orm import aliased

from ... import models as m
from ...domain.states import AssignmentRole
from ...domain import labels
from ...domain.rules.labels import GROUP, OUTCOME_LABELS
from ...i18n import N_
from ..listings import ListColumn, Listing, decision_summary

DECISION_LABELS = {**GROUP, **OUTCOME_LABELS, "": N_("not yet decided")}


def _decision_of_place(position: int):
    """The group (or the mark) of the decision in force at place ``position`` (0 = the head)."""
    place = aliased(m.Assignment)
    decision = aliased(m.ExpertDecision)
    shown = case((decision.outcome == "conclusion", decision.content["group"].as_string()), else_=decision.outcome)
    return (select(shown).select_from(place)
            .join(decision, and_(decision.assignment_id == place.id, decision.superseded_at.is_(None)))
            .where(place.act_id == m.DraftAct.id, place.withdrawn.is_(False))
            .order_by(place.role != AssignmentRole.HEAD, place.id).offset(position).limit(1).scalar_subquery())




def _own_decision_exists(expert_id: int):
    place = aliased(m.Assignment)
    decision = aliased(m.ExpertDecision)
    return exists(select(decision.id).join(place, decision.assignment_id == place.id).where(
        place.act_id == m.DraftAct.id, place.expert_id == expert_id, place.withdrawn.is_(False),
        decision.superseded_at.is_(None)))


def _sits_on(expert_id: int):
    return exists(select(m.Assignment.id).where(m.Assignment.act_id == m.DraftAct.id,
                                                m.Assignment.expert_id == expert_id, m.Assignment.withdrawn.is_(False)))


def _sent_at():
    return select(func.min(m.Assignment.assigned_at)).where(m.Assignment.act_id == m.DraftAct.id).scalar_subquery()


def decisions_listing(viewer_expert_id: int | None = None, *, whole_department: bool = False) -> Listing:
    """App 16, as the viewer may see it: an expert the acts they sit on (``whole_department``:
    every act, as a head sees them), the others' decisions blank until their own (§25.5)."""
    source = select(m.DraftAct).outerjoin(m.Conclusion, m.Conclusion.act_id == m.DraftAct.id).where(
        exists(select(m.Assignment.id).where(m.Assignment.act_id == m.DraftAct.id)))
    places: list[ColumnElement[str]] = [func.coalesce(_decision_of_place(i), literal("")) for i in range(3)]
    if viewer_expert_id is not None:
        sits_on = _sits_on(viewer_expert_id)
        if not whole_department:
            source = source.where(sits_on)
        blind = and_(sits_on, ~_own_decision_exists(viewer_expert_id))
        places = [case((blind, literal("")), else_=place) for place in places]  # §25.5
    consolidated = func.coalesce(decision_summary(m.Conclusion.decision), m.Conclusion.route, literal(""))
    control = select(decision_summary(m.Appeal.decision)).where(  # §56: the conclusion of the control department
        m.Appeal.act_id == m.DraftAct.id, m.Appeal.kind == "proactive", m.Appeal.status == m.AppealStatus.CONCLUDED
    ).order_by(m.Appeal.concluded_at.desc()).limit(1).scalar_subquery()
    route_labels = {**DECISION_LABELS, **labels.ACT_STATUS, "rejected_poor_quality": labels.ACT_STATUS["rejected"]}
    return Listing(
        name="decisions", title=N_("List of expert decisions"), row_id=m.DraftAct.id, source=source,
        search_key=m.DraftAct.id, department=m.DraftAct.department_id,
        columns=(
            ListColumn("sent", N_("Sent to experts"), "datetime", _sent_at(), searchable=False),
            ListColumn("number", N_("Draft act No."), "code", m.DraftAct.number, indexed="number"),
            *(ListColumn(f"expert{i + 1}", title, "label", places[i], labels=DECISION_LABELS)
              for i, title in enumerate((N_("Expert decision 1"), N_("Expert decision 2"), N_("Expert decision 3")))),
            ListColumn("conclusion", N_("Conclusion of the experts"), "label", consolidated, labels=route_labels),
            ListColumn("control", N_("Conclusion of the control department"), "label",
                       func.coalesce(control, literal("")), labels={**GROUP, **OUTCOME_LABELS}),  # §56
        ),
    )


SYNC_LABELS = {"queued": N_("to send"), "sent": N_("sent"), "conflict": N_("conflict"),
               "quarantined": N_("refused by the hub"), "": ""}


def _sync_state():
    """Where the expert's latest change to the act stands with the hub: waiting, sent,
    in conflict or refused; a decision not yet handed to the outbox waits too."""
    latest = (select(m.SyncOutboxEntry.state).where(m.SyncOutboxEntry.record == m.DraftAct.number)
              .order_by(m.SyncOutboxEntry.id.desc()).limit(1).scalar_subquery())
    unsent = exists(select(m.ExpertDecision.id).where(m.ExpertDecision.assignment_id == m.Assignment.id,
                                                      m.ExpertDecision.sent_at.is_(None)))
    return func.coalesce(case((unsent, literal("queued")), else_=latest), literal(""))


def my_acts_listing(expert_id: int) -> Listing:
    """An expert's open places: the depersonalised acts under review they still have to decide,
    with their own due date (§20.3; Registry Rules p. 14)."""
    decided = exists(select(m.ExpertDecision.id).where(m.ExpertDecision.assignment_id == m.Assignment.id,
                                                       m.ExpertDecision.superseded_at.is_(None)))
    return Listing(
        name="my_acts", title=N_("My acts"), row_id=m.DraftAct.id,
        source=select(m.Assignment).join(m.DraftAct, m.Assignment.act_id == m.DraftAct.id).where(
            m.Assignment.expert_id == expert_id, m.Assignment.withdrawn.is_(False),
            m.DraftAct.status.in_((m.ActStatus.UNDER_REVIEW, m.ActStatus.HEAD_DECIDES))),
        search_key=m.DraftAct.id,
        columns=(
            ListColumn("number", N_("Draft act No."), "code", m.DraftAct.number, indexed="number"),
            ListColumn("sent", N_("Sent to experts"), "datetime", m.Assignment.assigned_at, searchable=False),
            ListColumn("age", N_("Age"), "int", m.DraftAct.age_years),
            ListColumn("working", N_("Working"), "bool", m.DraftAct.working),
            ListColumn("diagnosis", N_("Main diagnosis"), "text",
                       m.DraftAct.diagnosis_main_icd10 + literal(" ") + m.DraftAct.diagnosis_main_text,
                       indexed="diagnosis"),
            ListColumn("role", N_("Place"), "label", m.Assignment.role,
                       labels={"head": N_("department head"), "specialist": N_("chief specialist")}),
            ListColumn("decided", N_("Decided"), "bool", decided, searchable=False),
            ListColumn("sync", N_("Sync"), "label", _sync_state(), searchable=False, labels=SYNC_LABELS),
            ListColumn("status", N_("Status"), "label", m.DraftAct.status, labels=labels.ACT_STATUS),
            ListColumn("due", N_("Due"), "due", type_coerce(case((decided, None), else_=m.Assignment.due_at),
                                                             m.Assignment.due_at.type),  # nothing due once decided
                       searchable=False, rule=literal("expert_decision")),
        ),
    )
