"""Generated panels for the statistics' tests: a small pool of experts deciding draft acts three
at a time, each expert right (the act's "true" decision) with its own probability, the
conclusion consolidated by the program's own rules (§44-48).  The same rows are returned as
plain Python for an independent computation."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app import models as m
from app.domain.clock import KZ_TIME
from app.domain.review import consolidate

START = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)  # a Monday
GROUPS, TERMS = ("I", "II", "III"), ("1y", "2y", "5y")
CODES = ("C50.1", "I63.5", "F20", "G20")  # App 15 chapters 1, 3, 5, 13


@dataclass
class Panel:
    act_id: int
    chapter_code: str
    decisions: dict[int, dict] = field(default_factory=dict)  # expert id -> decision
    final: dict | None = None


def _decision(rng: random.Random, truth: tuple[str, str], accuracy: float) -> dict:
    if rng.random() < 0.04:
        return {"outcome": "poor_quality", "reasons": ["no_lab_data"]}  # §44
    group, term = truth
    if rng.random() > accuracy:
        group = rng.choice(GROUPS) if rng.random() < 0.5 else group
        term = rng.choice([t for t in TERMS if t != term])
    return {"outcome": "conclusion", "group": group, "cause": "general_disease", "term": term,
            "uot_percent": None, "upt_percent": None}


def generate(db, *, acts: int = 150, accuracies=(0.9, 0.85, 0.8, 0.85, 0.35), seed: int = 5) -> list[Panel]:
    """``acts`` draft acts of one department, each decided by three of the experts (the pool's
    size is ``len(accuracies)``; the last, with the lowest accuracy, dissents most)."""
    rng = random.Random(seed)
    panels = []
    with db.session() as session:
        department = m.Department(code="75-01", region_code="75", kind=m.DepartmentKind.GENERAL, number=1)
        experts = [m.StaffMember(role=m.StaffRole.HEAD if i % 2 == 0 else m.StaffRole.SPECIALIST,
                                 iin=f"80010130{i:04d}", region_code="71", last_name=f"Эксперт{i}",
                                 first_name="Нұрлан", sort_name=f"expert{i}") for i in range(len(accuracies))]
        session.add_all([department, *experts])
        session.flush()
        accuracy = {expert.id: a for expert, a in zip(experts, accuracies)}
        for index in range(acts):
            registered = START + timedelta(hours=7 * index)
            code = CODES[index % len(CODES)]
            act = m.DraftAct(number=f"20250303{index:06d}", registered_at=registered, status=m.ActStatus.SIGNED,
                             department_id=department.id, purpose="disability_repeat", age_years=40, sex="male",
                             working=False, diagnosis_main_icd10=code)
            session.add(act)
            session.flush()
            panel = Panel(act.id, code)
            truth = (rng.choice(GROUPS), rng.choice(TERMS))
            chosen = rng.sample(experts, 3)
            for position, expert in enumerate(chosen):
                assignment = m.Assignment(act_id=act.id, expert_id=expert.id,
                                          role="head" if position == 0 else "specialist", assigned_at=registered,
                                          due_at=registered + timedelta(days=3))
                session.add(assignment)
                session.flush()
                decision = _decision(rng, truth, accuracy[expert.id])
                session.add(m.ExpertDecision(assignment_id=assignment.id, outcome=decision["outcome"],
                                             decided_at=registered + timedelta(hours=5 + position),
                                             content=decision))
                panel.decisions[expert.id] = decision
            result = consolidate([panel.decisions[e.id] for e in chosen], ["head", "specialist", "specialist"])
            panel.final = result.decision
            session.add(m.Conclusion(act_id=act.id, route=result.route, decision=result.decision,
                                     agreeing=result.agreeing, concluded_at=registered + timedelta(hours=8),
                                     signed_at=registered + timedelta(hours=9)))
            panels.append(panel)
        _open_panel(session, department, experts, START + timedelta(hours=7 * acts))
    return panels


def _open_panel(session, department, experts, registered: datetime) -> None:
    """An act with two decisions of three: no statistic of agreement counts it."""
    act = m.DraftAct(number="20250303999999", registered_at=registered, status=m.ActStatus.UNDER_REVIEW,
                     department_id=department.id, purpose="disability_repeat", age_years=40, sex="male",
                     working=False, diagnosis_main_icd10=CODES[0])
    session.add(act)
    session.flush()
    for expert in experts[:3]:
        assignment = m.Assignment(act_id=act.id, expert_id=expert.id, role="specialist", assigned_at=registered,
                                  due_at=registered + timedelta(days=3))
        session.add(assignment)
        session.flush()
        if expert is not experts[2]:
            decision = {"outcome": "conclusion", "group": "II", "cause": "general_disease", "term": "1y",
                        "uot_percent": None, "upt_percent": None}
            session.add(m.ExpertDecision(assignment_id=assignment.id, outcome="conclusion", content=decision,
                                         decided_at=registered + timedelta(hours=2)))
