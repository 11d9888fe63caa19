"""Choosing the three extraterritorial experts of draft acts (§25.4), and moving an
unavailable expert's undecided acts to others (Registry Rules p. 14).

One ``Panels`` object serves one unit of work: it loads the experts and their open work once,
then fills the empty places of as many acts as asked, keeping the loads up to date as it goes
(``panel.Balance``) so that the work spreads evenly.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ... import models as m
from ...models import transitions
from ...domain import panel
from ...domain.clock import KZ_TIME
from .. import production_calendar
from ..depersonalise import person_of
from . import bulk, history, pool
from .. import access


class Panels:
    """The experts, their open work and the draws of one unit of work at the moment ``at``."""

    def __init__(self, session: Session, at: datetime, seed: int | None = None):
        self.session = session
        self.at = at.astimezone(KZ_TIME)
        self.calendar = production_calendar.load(session)
        self.rows = {row.id: row for row in pool.expert_rows(session)}
        self.experts = pool.as_experts(session, self.rows.values())
        self.by_id = {e.id: e for e in self.experts}
        self.by_place = {place: [e for e in self.experts if e.place == place] for place in set(panel.PANEL)}
        loads = pool.open_loads(session)
        self.balance = {place: panel.Balance(experts, loads) for place, experts in self.by_place.items()}
        self.seed = secrets.randbits(32) if seed is None else seed
        self.draws = random.Random(self.seed)  # gives each act its own recorded seed
        # the review window and due date of a first panel (False) and of a redistributed place (True)
        self.windows = {flag: pool.review_window(self.at, flag, self.calendar) for flag in (False, True)}

    # -- filling places ---------------------------------------------------------------------
    def fill(self, act: m.DraftAct) -> dict | None:
        """Fills the act's empty places: the whole panel of a waiting act or nothing (it stays
        waiting with the reason), or a vacated place of an act under review.  None when another
        assignment run has changed the act since it was read (it did the work)."""
        live = [a for a in act.assignments if not a.withdrawn]
        vacated = self._vacated(act)
        window, due = self.windows[bool(vacated)]
        seed = self.draws.getrandbits(32)
        staff_because: dict[int, panel.Reason] = {}
        chosen, reason = self.choose(case_of(act), [self.by_id[a.expert_id] for a in live], window,
                                      random.Random(seed), self._registry_places(vacated), staff_because)
        if reason and act.status == m.ActStatus.WAITING:
            chosen = []
        if chosen and not self._claim(act):
            return None
        for expert in chosen:
            self._seat(act, expert, due, seed, vacated.pop(expert.seat, None), staff_because.get(expert.id))
        self._hold(act, reason)
        if chosen:
            act.status = m.ActStatus.UNDER_REVIEW
            act.due_at = max(a.due_at for a in act.assignments if not a.withdrawn)  # production_calendar.act_due
        return panel_of(act, reason)

    def choose(self, case: panel.Case, members: list[panel.Expert], window: panel.Window, rng: random.Random,
               registry_places: frozenset[str] = frozenset(), staff_because: dict | None = None
               ) -> tuple[list[panel.Expert], panel.Reason | None]:
        """Experts for the places the live members leave, or the reason a place stays empty.  A place
        in ``registry_places`` goes to an independent expert of the registry, to department staff only
        when none can take it, the reason kept in ``staff_because`` by expert (Registry Rules p. 14)."""
        places = list(panel.PANEL)
        for member in members:
            places.remove(member.seat)
        chosen: list[panel.Expert] = []
        for place in places:
            balance = self.balance[place]
            expert = balance.choose_from_registry(case, window, members + chosen, rng) \
                if place in registry_places else None
            if expert is None:
                expert = balance.choose(case, window, members + chosen, rng)
                if expert is not None and place in registry_places and staff_because is not None:
                    staff_because[expert.id] = panel.staff_reason(
                        case, window, panel.registry(self.by_place[place]), members + chosen)
            if expert is None:
                return chosen, panel.no_one_reason(place, case, window, self.by_place[place], members + chosen)
            chosen.append(expert)
        return chosen, None

    def _claim(self, act: m.DraftAct) -> bool:
        """Takes the act for this unit of work unless another one changed it since it was read:
        its change stamp moves only if it is still the one read (the row stays locked until commit)."""
        stamp = m.utcnow()
        with self.session.no_autoflush:  # this run's other changes are written together at the end
            claimed = transitions.changed_rows(self.session, (
                update(m.DraftAct).where(m.DraftAct.id == act.id, m.DraftAct.updated_at == act.updated_at)
                .values(updated_at=stamp).execution_options(synchronize_session=False))) == 1
        if claimed:
            set_committed_value(act, "updated_at", stamp)
        return claimed

    def _registry_places(self, vacated: dict[str, m.Assignment]) -> frozenset[str]:
        """Places an independent expert of the registry left (excluded, or on sick leave): Registry
        Rules p. 14 gives their acts to independent experts of the registry."""
        return frozenset(place for place, assignment in vacated.items()
                         if self.by_id[assignment.expert_id].role == panel.INDEPENDENT)

    def _vacated(self, act: m.DraftAct) -> dict[str, m.Assignment]:
        """Withdrawn assignments nobody has replaced yet, by place."""
        replaced = {a.replaces_id for a in act.assignments}
        return {a.role: a for a in act.assignments if a.withdrawn and a.id not in replaced}

    def _seat(self, act: m.DraftAct, expert: panel.Expert, due: datetime, seed: int,
              replaces: m.Assignment | None, staff_because: panel.Reason | None = None) -> None:
        row = self.rows[expert.id]
        assignment = m.Assignment(act=act, expert=row, expert_id=row.id, role=expert.seat, assigned_at=self.at,
                                  due_at=due, replaces_id=replaces.id if replaces else None)
        self.session.add(assignment)
        load = self.balance[expert.seat].loads[expert.id]
        self.balance[expert.seat].change(expert, +1)
        if replaces is None:
            history.record(self.session, act, panel.ASSIGNED, self.at, expert=row, assignment=assignment,
                           place=expert.seat, load=load, seed=seed)
        else:
            history.record(self.session, act, panel.REASSIGNED, self.at, expert=row, assignment=assignment,
                           reason=_withdrawal_reason(act, replaces), place=expert.seat, load=load, seed=seed,
                           replaces=replaces.expert_id,
                           **({"staff_because": staff_because.as_dict()} if staff_because else {}))

    def _hold(self, act: m.DraftAct, reason: panel.Reason | None) -> None:
        """Keeps why a place is still empty on the act, and in its history when it changes."""
        stored = reason.as_dict() if reason else None
        if stored != act.waiting_reason:
            act.waiting_reason = stored
            if reason:
                history.record(self.session, act, panel.NOT_ASSIGNED, self.at, reason=reason)

    # -- an expert becomes unavailable ------------------------------------------------------------
    def release(self, expert_id: int) -> list[dict]:
        """Withdraws the expert's undecided acts whose review window the expert can no longer
        serve (an absence overlapping it, or exclusion from the registry) and gives each place
        to another eligible expert (Registry Rules p. 14).  The window of an overdue act runs
        until today: it still waits for the decision."""
        expert = self.by_id[expert_id]
        moved = []
        query = pool.open_assignments().where(m.Assignment.expert_id == expert_id).order_by(m.Assignment.id)
        for assignment in list(self.session.scalars(query)):
            first, due = pool.assignment_window(assignment)
            window = (first, max(due, self.at.date()))  # an overdue act still waits for its decision
            reasons = [*panel.standing_reasons(expert), *panel.absence_reasons(expert, window)]
            if not reasons or not self._claim(assignment.act):
                continue
            assignment.withdrawn, assignment.withdrawn_at = True, self.at
            self.balance[expert.seat].change(expert, -1)
            history.record(self.session, assignment.act, panel.WITHDRAWN, self.at, expert=assignment.expert,
                           assignment=assignment, reason=reasons[0], place=assignment.role)
            outcome = self.fill(assignment.act) or panel_of(assignment.act)
            moved.append({**outcome, "withdrawn": {"id": str(expert_id), "name": expert.name, "role": assignment.role,
                                                   "reason": reasons[0].text()}})
        return moved

    def release_unavailable(self) -> list[dict]:
        """``release`` for everyone with open work who is excluded or has an absence: catches
        what was changed without moving the acts (an exclusion entered elsewhere, say)."""
        suspects = [e.id for e in self.experts if e.place is not None and self.balance[e.place].loads.get(e.id) and (
            e.absences or next(panel.standing_reasons(e), None))]
        return [moved for expert_id in suspects for moved in self.release(expert_id)]


def case_of(act: m.DraftAct) -> panel.Case:
    return panel.Case(person_of(act).region_code, act.department_id, act.diagnosis_main_icd10)


def panel_of(act: m.DraftAct, reason: panel.Reason | None = None) -> dict:
    """The act's live experts (head first) with their due dates and decisions, and why a
    place is empty (``reason``, or the one kept on the act): for the commands and the card."""
    live = sorted((a for a in act.assignments if not a.withdrawn), key=lambda a: (a.role != panel.HEAD, a.id or 0))
    reason = reason or (panel.Reason.from_dict(act.waiting_reason) if act.waiting_reason else None)
    return {"number": act.number, "status": act.status, "experts": [{
        "id": str(a.expert_id), "name": a.expert.full_name, "role": a.role,
        "due": a.due_at.astimezone(KZ_TIME).isoformat(timespec="minutes"), "decided": a.decision is not None}
        for a in live], "reason": reason.text() if reason else None}


def _withdrawal_reason(act: m.DraftAct, assignment: m.Assignment) -> panel.Reason | None:
    for event in reversed(act.events):
        if event.kind == panel.WITHDRAWN and event.assignment is assignment and event.reason:
            return panel.Reason.from_dict(event.reason)
    return None


def _live_count():
    return (select(func.count(m.Assignment.id)).where(m.Assignment.act_id == m.DraftAct.id,
                                                      m.Assignment.withdrawn.is_(False)).scalar_subquery())


def fresh_acts(session: Session) -> list:
    """Waiting acts that never had an expert, in order of arrival: they need a whole panel.
    Never an expert's copy (no person: the panel is the department's to fill, §25.4).  Rows of
    the columns choosing reads, not ORM objects: a national day is thousands of acts."""
    never = ~select(m.Assignment.id).where(m.Assignment.act_id == m.DraftAct.id).exists()
    act = m.DraftAct
    return list(session.execute(
        select(act.id, act.number, act.status, act.updated_at, act.waiting_reason, act.department_id,
               act.diagnosis_main_icd10, m.Person.region_code).join(m.Person, act.person_id == m.Person.id)
        .where(act.status == m.ActStatus.WAITING, never).order_by(act.registered_at, act.id)))


def acts_to_fill(session: Session) -> list[m.DraftAct]:
    """Waiting acts that have had experts, and acts under review with a place left empty, in
    order of arrival; never an expert's copy."""
    once = select(m.Assignment.id).where(m.Assignment.act_id == m.DraftAct.id).exists()
    return list(session.scalars(
        select(m.DraftAct).where(or_((m.DraftAct.status == m.ActStatus.WAITING) & once,
                                     (m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                                     & (_live_count() < len(panel.PANEL))), m.DraftAct.person_id.is_not(None))
        .order_by(m.DraftAct.registered_at, m.DraftAct.id)
        .options(selectinload(m.DraftAct.person), selectinload(m.DraftAct.events),
                 selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert),
                 selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision))))


def assign_waiting(session: Session, at: datetime, seed: int | None = None) -> dict:
    """Moves the undecided acts of experts who can no longer serve them (Registry Rules
    p. 14), then gives every waiting act its panel (§25.4) and every vacated place a new expert."""
    panels = Panels(session, at, seed)
    reassigned = panels.release_unavailable()
    acts = bulk.fill_waiting(panels, fresh_acts(session))
    acts += [outcome for act in acts_to_fill(session) if (outcome := panels.fill(act))]
    return {"at": panels.at.isoformat(timespec="minutes"), "seed": panels.seed, "reassigned": reassigned,
            "acts": acts}


def assign(session: Session, at: datetime, seed: int | None = None) -> dict:
    """``saraptama assign``: ``assign_waiting`` asked for by someone (intake runs it by itself)."""
    access.require(session, "acts.assign")
    return assign_waiting(session, at, seed)


def release_expert(session: Session, expert_id: int, at: datetime, seed: int | None = None) -> list[dict]:
    """Registry Rules p. 14: the expert's undecided acts they can no longer serve go to others."""
    session.flush()
    return Panels(session, at, seed).release(expert_id)
