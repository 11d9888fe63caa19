"""Whole panels for many waiting acts at once (§25.4), written as a few bulk statements.

A national day brings about 1,100 acts; the ORM's unit of work writes their 3,300 assignments,
their history and an audit row per row one object at a time.  ``fill_waiting`` takes the same
choices as ``Panels.fill`` (same rules, same draws, same balance, same history events) and writes
them with one statement per table; the audit log gets one entry per act, naming its panel.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlalchemy import Row, insert, tuple_, update
from sqlalchemy.orm import Session

from ... import models as m
from ...models import figures, transitions
from ...domain import panel
from ...domain.clock import KZ_TIME
from ...storage import record_audit_rows
from . import history

CLAIM_CHUNK = 400  # (id, stamp) pairs per statement: well inside every database's parameter limit


@dataclass
class _Choice:
    act: Row  # of selection.fresh_acts: id, number, status, updated_at, waiting_reason, …
    seed: int
    chosen: list[panel.Expert]
    reason: panel.Reason | None
    case: panel.Case
    loads: list[int] = field(default_factory=list)


def fill_waiting(panels, acts: list) -> list[dict]:
    """``panels.fill`` for waiting acts that have no expert yet; returns the same outcomes.
    An act another assignment run changed since it was read is left to that run."""
    session = panels.session
    session.flush()
    choices = [_choose(panels, act) for act in acts]
    _even_out(panels, choices)
    claimed = _claim(session, [c.act for c in choices if c.chosen])
    lost = [c for c in choices if c.chosen and c.act.id not in claimed]
    for choice in lost:
        for expert in choice.chosen:
            panels.balance[expert.place].change(expert, -1)
    outcomes = _write(panels, [c for c in choices if c not in lost])
    written = {c.act.id for c in choices}
    for obj in list(session.identity_map.values()):  # an act already loaded here reads its new state
        if isinstance(obj, m.DraftAct) and obj.id in written:
            session.expire(obj)
    return outcomes


def _choose(panels, act) -> _Choice:
    """The act's panel, or the reason a place stays empty (then nobody: §25.4 wants all three)."""
    window, _due = panels.windows[False]
    seed = panels.draws.getrandbits(32)
    case = panel.Case(act.region_code, act.department_id, act.diagnosis_main_icd10)
    chosen, reason = panels.choose(case, [], window, random.Random(seed))
    choice = _Choice(act, seed, [] if reason else chosen, reason, case)
    for expert in choice.chosen:
        choice.loads.append(panels.balance[expert.place].loads[expert.id])
        panels.balance[expert.place].change(expert, +1)
    return choice


def _even_out(panels, choices: list[_Choice]) -> None:
    """§25.4 balance: drawing the least loaded first can still leave a spread of two when the
    last least-loaded experts may not sit on the last acts (those of their own department, say);
    then a place of one of the most loaded moves to a less loaded expert who may take it, until
    no such move is left (each move narrows the spread, so this ends)."""
    window, _due = panels.windows[False]
    for place, balance in panels.balance.items():
        while _move_one(balance, [c for c in choices if c.chosen], place, window):
            pass


def _move_one(balance: panel.Balance, choices: list[_Choice], place: str, window) -> bool:
    high = max(balance.loads.values(), default=0)
    candidates = balance.below(high - 1)
    if not candidates:
        return False
    for choice in reversed(choices):
        for index, expert in enumerate(choice.chosen):
            if expert.place != place or balance.loads[expert.id] != high:
                continue
            others = choice.chosen[:index] + choice.chosen[index + 1:]
            taker = next((e for e in candidates if panel.eligible(e, choice.case, window, others)), None)
            if taker is not None:
                choice.loads[index] = balance.loads[taker.id]
                balance.change(expert, -1)
                balance.change(taker, +1)
                choice.chosen[index] = taker
                return True
    return False


def _claim(session: Session, acts: list) -> set[int]:
    """Moves the change stamp of each act still as it was read (as ``Panels._claim``, in bulk);
    the ids of those taken."""
    stamp = m.utcnow()
    claimed: set[int] = set()
    for start in range(0, len(acts), CLAIM_CHUNK):
        pairs = [(act.id, act.updated_at) for act in acts[start:start + CLAIM_CHUNK]]
        claimed.update(session.execute(
            update(m.DraftAct).where(tuple_(m.DraftAct.id, m.DraftAct.updated_at).in_(pairs))
            .values(updated_at=stamp).returning(m.DraftAct.id)
            .execution_options(synchronize_session=False)).scalars())
    return claimed


def _write(panels, choices: list[_Choice]) -> list[dict]:
    session, at = panels.session, panels.at
    _window, due = panels.windows[False]
    user = history.user_of(session)
    seats = [{"act_id": c.act.id, "expert_id": e.id, "role": e.place, "assigned_at": at, "due_at": due}
             for c in choices for e in c.chosen]
    assignments = m.table_of(m.Assignment)
    ids = iter(session.execute(insert(assignments).returning(assignments.c.id, sort_by_parameter_order=True),
                               seats).scalars().all()) if seats else iter(())
    events, acts, audit, outcomes = [], [], [], []
    for c in choices:
        for expert, load in zip(c.chosen, c.loads):
            events.append({"act_id": c.act.id, "kind": panel.ASSIGNED, "at": at, "user": user, "expert_id": expert.id,
                           "assignment_id": next(ids), "reason": None,
                           "detail": {"place": expert.place, "load": load, "seed": c.seed}})
        outcomes.append(_outcome(panels, c, due))
        stored = c.reason.as_dict() if c.reason else None
        if stored == c.act.waiting_reason and not c.chosen:
            continue  # held for the same reason as before: nothing changes
        if c.reason:
            events.append({"act_id": c.act.id, "kind": panel.NOT_ASSIGNED, "at": at, "user": user,
                           "expert_id": None, "assignment_id": None, "reason": stored, "detail": {}})
        row = {"id": c.act.id, "waiting_reason": stored, "updated_at": m.utcnow()}
        if c.chosen:
            row.update(due_at=due)
        acts.append(row)
        audit.append(("update", "draft_act", str(c.act.id), _audit_changes(row, c.chosen)))
    if events:
        session.execute(insert(m.table_of(m.ActEvent)), events)
    if acts:
        session.execute(update(m.DraftAct), acts)
    _start_review(session, [c.act.id for c in choices if c.chosen])
    record_audit_rows(session, audit)
    return outcomes


def _start_review(session: Session, act_ids: list[int]) -> None:
    """§25.4-25.5: the acts given their panels go from the waiting list to review."""
    figures.note(session, acts=act_ids)  # their panels and status, in the statistics' rows
    for start in range(0, len(act_ids), CLAIM_CHUNK):
        transitions.advance(session, m.DraftAct.status, (m.DraftAct.id.in_(act_ids[start:start + CLAIM_CHUNK]),),
                            m.ActStatus.WAITING, m.ActStatus.UNDER_REVIEW)


def _audit_changes(row: dict, chosen: list[panel.Expert]) -> dict:
    """What the audit log says of the act: the reason it waits, or its panel and the step to review."""
    waiting = {"waiting_reason": row["waiting_reason"] and row["waiting_reason"]["message"]}
    if not chosen:
        return waiting
    return {**waiting, "status": m.ActStatus.UNDER_REVIEW, "due_at": row["due_at"].isoformat(),
            "experts": " ".join(f"{e.place}:{e.id}" for e in chosen)}


def _outcome(panels, choice: _Choice, due) -> dict:
    """What ``selection.panel_of`` says of the act once written."""
    status = m.ActStatus.UNDER_REVIEW if choice.chosen else choice.act.status
    due = due.astimezone(KZ_TIME).isoformat(timespec="minutes")
    return {"number": choice.act.number, "status": status, "experts": [{
        "id": str(e.id), "name": e.name, "role": e.place, "due": due, "decided": False}
        for e in choice.chosen], "reason": choice.reason.text() if choice.reason else None}
