"""Expert selection benchmark: a national working day of proactive referrals (about 450
acts, docs/domain.md §2) given their panels of three (§25.4) among 500 experts spread over every
region and city, then a handful of sick leaves entered and their acts moved (Registry Rules
p. 14).

Times are printed with a baseline measured in the same run (one plain ORM query loading every
expert with their absences), and the spread of open assignments per expert (max - min).

    .venv/bin/python bench/bench_assign.py [--acts 450] [--experts 500] [--absent 10]

The experts are the demonstration's, spread over every region's departments, re-roled one
in three as a department head, one as a chief specialist and one as an independent expert
of the registry (all included), so that head places (1 per act) and specialist places (2 per
act) fall evenly on everyone.  Two sets of profiles are run: everyone examines every App 15
form (the balance can reach a spread of 1), and department staff every form but an
independent expert one specialty (whoever's specialty nobody needed today stays idle).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from app import models as m
from app.domain import panel
from app.domain.clock import KZ_TIME
from app.services import assignment, demo
from app.services.assignment import pool
from app.storage import Database

DAY = datetime(2025, 3, 19, 9, 0, tzinfo=KZ_TIME)  # a Wednesday
ROLES = (m.StaffRole.HEAD, m.StaffRole.SPECIALIST, m.StaffRole.INDEPENDENT)


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def prepare(db: Database, acts: int, experts: int, specialties: bool) -> None:
    """Demonstration experts and acts; every act arrives today and waits for its panel."""
    demo.generate(db, acts=acts, experts=experts, seed=11, today=DAY + timedelta(hours=9))
    with db.session() as session:
        for table in (m.ExpertDecision, m.Conclusion, m.IssuedDocument, m.Appeal, m.Assignment, m.ActEvent,
                      m.Absence):
            session.execute(delete(table))
        for index, act_id in enumerate(session.scalars(select(m.DraftAct.id).order_by(m.DraftAct.id))):
            session.execute(update(m.DraftAct).where(m.DraftAct.id == act_id).values(
                status=m.ActStatus.WAITING, registered_at=DAY + timedelta(seconds=index * 8 * 3600 // acts)))
        staff = {row.id: row for row in session.scalars(select(m.StaffMember).order_by(m.StaffMember.id))}
        independent = [row for row in staff.values() if row.role == m.StaffRole.INDEPENDENT]
        for index, row in enumerate(staff.values()):
            role = ROLES[index % 3]
            row.role, row.status = role, (m.RegistryStatus.INCLUDED if role == m.StaffRole.INDEPENDENT
                                          else m.RegistryStatus.ACTIVE)
            row.excluded_on = row.exclusion_reason = None
            if role == m.StaffRole.INDEPENDENT:
                row.department_id = None
            row.nosologies = (independent[index % len(independent)].nosologies  # one demo independent's specialty
                              if specialties and role == m.StaffRole.INDEPENDENT else demo.profile(None))


def baseline(db: Database) -> float:
    with db.session() as session:
        return timed(lambda: session.scalars(select(m.StaffMember).options(
            selectinload(m.StaffMember.absences), selectinload(m.StaffMember.department))).all())[0]


def spread(db: Database) -> dict[str, tuple[int, int]]:
    """(min, max) of open assignments over everyone who may sit on a panel today, overall and by place."""
    with db.session() as session:
        loads = pool.open_loads(session)
        today = (DAY.date(), DAY.date())
        seated = [e for e in pool.experts(session) if e.place and not [
            *panel.standing_reasons(e), *panel.absence_reasons(e, today)]]
    by = {"all": [loads.get(e.id, 0) for e in seated]}
    for place in ("head", "specialist"):
        by[place] = [loads.get(e.id, 0) for e in seated if e.place == place]
    return {name: (min(values), max(values)) for name, values in by.items()}


def show_spread(db: Database) -> None:
    for name, (low, high) in spread(db).items():
        print(f"  open assignments per expert, {name:<10}  min {low}  max {high}  spread {high - low}")


def scenario(args, specialties: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(data_dir=Path(tmp), user="bench")
        prepare(db, args.acts, args.experts, specialties)
        base = min(baseline(db) for _ in range(5))
        with db.session() as session:
            regions = len(set(session.scalars(select(m.StaffMember.region_code))))
            homes = len(set(session.scalars(select(m.Person.region_code))))
        print(f"\nprofiles: {'staff all of App 15, independents one specialty' if specialties else 'all of App 15'}; "
              f"experts in {regions} regions and cities, persons from {homes}")
        print(f"baseline (one query loading every expert)     {base:8.3f} s")
        with db.session() as session:
            seconds, result = timed(assignment.assign_waiting, session, DAY + timedelta(hours=9), seed=1)
        outcome = Counter(act["status"] for act in result["acts"])
        print(f"assign {len(result['acts'])} acts                                {seconds:8.3f} s   "
              f"ratio {seconds / base:6.1f}x   {len(result['acts']) / seconds:5.0f} acts/s   {dict(outcome)}")
        show_spread(db)
        with db.session() as session:
            busiest = [expert_id for expert_id, _ in pool.open_loads(session).most_common(args.absent)]
        start, moved = time.perf_counter(), 0
        for expert_id in busiest:
            with db.session() as session:
                moved += len(assignment.add_absence(session, expert_id, "sick", DAY.date(), DAY.date() + timedelta(9),
                                                    DAY + timedelta(hours=11), seed=2)["reassigned"])
        seconds = time.perf_counter() - start
        print(f"sick leave for {len(busiest)} experts, {moved} acts moved           {seconds:8.3f} s   "
              f"ratio {seconds / base:6.1f}x")
        show_spread(db)
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=450)
    parser.add_argument("--experts", type=int, default=500)
    parser.add_argument("--absent", type=int, default=10, help="experts put on sick leave afterwards")
    args = parser.parse_args()
    print(f"Saraptama selection benchmark: {args.acts} acts, {args.experts} experts")
    for specialties in (False, True):
        scenario(args, specialties)


if __name__ == "__main__":
    main()
