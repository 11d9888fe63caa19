"""The figures the statistics read (app/models/figures.py, table act_figures) are those of the acts'
own rows, recomputed here in Python from the assignments, decisions and conclusions: after the
demonstration's work (intake, panels, decisions, routing, signatures, in person), after a
decision is corrected and the act routed, and as the migration fills the table anew."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from app import models as m
from app.domain.app15 import chapter_of
from app.domain.clock import KZ_TIME
from app.models import figures
from app.models.keys import field_of
from app.services.review import decisions, routing
from tests import statistics_data
from tests.review_case import conclusion, prepare_case

COMPARED = ("group", "cause", "term", "uot_percent", "upt_percent")  # §44-47: what two decisions share to agree
PAIRS = ((0, 1), (0, 2), (1, 2))
REVIEWS = {"appeal": ("proactive", "in_person"), "control": ("control",)}


def _what(outcome: str, content: dict | None, field: str | None):
    """What a decision establishes, whole (``field`` None) or one field; a mark by its outcome."""
    if outcome != "conclusion":
        return outcome
    return tuple(content.get(name) for name in COMPARED) if field is None else content.get(field)


def _final(decision: dict | None):
    if not decision or (decision.get("outcome") is None and decision.get("group") is None):
        return None
    return _what(decision.get("outcome", "conclusion"), decision, None)


def _utc(moment: datetime | None):
    return moment.replace(tzinfo=None) if moment and moment.tzinfo is None else moment


def _monday(moment: datetime | None):
    """The Monday of the Kazakhstan week of a moment (UTC+5)."""
    if moment is None:
        return None
    day = moment.astimezone(KZ_TIME).date()
    return day - timedelta(days=day.weekday())


def recomputed(session) -> dict[int, dict]:
    """act id -> the figures as the seed's words define them, from the ORM's rows."""
    found = {}
    for act in session.scalars(select(m.DraftAct)):
        places = sorted((a for a in act.assignments if not a.withdrawn), key=lambda a: (a.expert_id, a.id))
        if not places:
            continue
        force = [a.decision for a in places]
        complete = len(places) == 3 and all(d is not None for d in force)
        conclusion = act.conclusion
        final = _final(conclusion.decision) if conclusion else None
        row = {"status": str(act.status), "department_id": act.department_id,
               "chapter": chapter_of(act.diagnosis_main_icd10) or "", "places": len(places), "complete": complete,
               "experts": [a.expert_id for a in places], "due": [a.due_at for a in places],
               "weeks": (_monday(act.registered_at), [_monday(a.due_at) for a in places]),
               "decided": [min((d.decided_at for d in a.decisions if d.supersedes_id is None), default=None)
                           for a in places],
               "route": conclusion.route if conclusion else None, "has_final": final is not None,
               "signed_at": conclusion.signed_at if conclusion else None,
               "arrived": bool(conclusion and conclusion.arrived_at)}
        for field in ("decision", "group", "cause", "term"):
            whats = [_what(d.outcome, d.content, None if field == "decision" else field) for d in force] \
                if complete else None
            row[f"pairs_{field}"] = sum(whats[a] == whats[b] for a, b in PAIRS) if complete else None
        row["differs"] = [None if final is None or d is None else _what(d.outcome, d.content, None) != final
                          for d in force]
        for name, kinds in REVIEWS.items():  # §54, §56 appeals and §73 controls; §55 complaints decide nothing
            reviews = session.scalars(select(m.Appeal).where(m.Appeal.act_id == act.id, m.Appeal.kind.in_(kinds))).all()
            decided = [_final(r.decision) for r in reviews if r.status == m.AppealStatus.CONCLUDED]
            decided = [d for d in decided if d is not None]
            row[name] = (len(reviews), bool(decided), any(d != final for d in decided))
        whole = [_what(d.outcome, d.content, None) for d in force] if complete else None
        row["lone"] = [None if not complete else whole[a] == whole[b] != whole[p]
                       for p, (a, b) in zip(range(3), ((1, 2), (0, 2), (0, 1)))][:len(places)]
        found[act.id] = row
    return found


def stored(session) -> dict[int, dict]:
    found = {}
    for f in session.scalars(select(m.ActFigures)):
        places = range(1, f.places + 1)
        decisions = [getattr(f, f"decision_{p}") for p in places]
        found[f.act_id] = {
            "status": f.status, "department_id": f.department_id, "chapter": f.chapter, "places": f.places,
            "complete": f.complete, "experts": [getattr(f, f"expert_{p}") for p in places],
            "due": [getattr(f, f"due_{p}") for p in places], "decided": [getattr(f, f"decided_{p}") for p in places],
            "weeks": (f.registered_week, [getattr(f, f"due_week_{p}") for p in places]),
            "route": f.route, "has_final": f.final is not None, "signed_at": f.signed_at, "arrived": f.arrived,
            **{f"pairs_{field}": getattr(f, f"pairs_{field}") for field in ("decision", "group", "cause", "term")},
            "differs": [getattr(f, f"differs_{p}") for p in places], "lone": [getattr(f, f"lone_{p}") for p in places],
            **{name: (getattr(f, f"{name}_filed"), getattr(f, f"{name}_reviewed"), getattr(f, f"{name}_changed"))
               for name in REVIEWS}}
        assert found[f.act_id]["differs"] == [None if f.final is None or d is None else d != f.final
                                              for d in decisions]
    return found


def assert_same(session) -> int:
    expected, found = recomputed(session), stored(session)
    assert found.keys() == expected.keys()
    for act_id, row in expected.items():
        assert found[act_id] == row, act_id
    return len(found)


def test_the_demonstrations_figures_are_those_of_its_rows(demo_db):
    with demo_db.session() as session:
        counted = assert_same(session)
        routes = set(session.scalars(select(m.ActFigures.route)))
        changed = session.scalar(select(func.count()).where(m.ActFigures.appeal_changed | m.ActFigures.control_changed))
    assert counted > 300 and {"concluded", "in_person"} <= routes and changed > 3  # the demo's acts went every way


def test_generated_panels_figures_are_those_of_their_rows(db):
    panels = statistics_data.generate(db)
    with db.session() as session:
        assert assert_same(session) >= len(panels)


def test_a_corrected_decision_changes_the_figures_in_its_unit_of_work(db):
    statistics_data.generate(db, acts=30)
    with db.session() as session:
        decision = session.scalars(select(m.ExpertDecision).join(m.Assignment).join(m.DraftAct)
                                   .where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)).first()
        act_id = decision.assignment.act_id
        content = {**decision.content, "group": "III" if decision.content.get("group") != "III" else "II"}
        correction = m.ExpertDecision(assignment_id=decision.assignment_id, decided_at=decision.decided_at,
                                      outcome=decision.outcome, content=content, supersedes_id=decision.id)
        decision.superseded_at = decision.decided_at
        session.add(correction)
    with db.session() as session:
        assert_same(session)
        place = stored(session)[act_id]["experts"].index(decision.assignment.expert_id) + 1
        assert field_of(getattr(session.get(m.ActFigures, act_id), f"decision_{place}"), "group") == content["group"]


def test_the_migration_fills_the_table_as_the_program_keeps_it(demo_db):
    with demo_db.session() as session:
        before = stored(session)
        session.execute(delete(m.ActFigures))
    with demo_db.session() as session:
        assert stored(session) == {}
        figures.refresh(session)  # what migration 0017 runs
    with demo_db.session() as session:
        assert stored(session) == before


def test_the_review_services_keep_the_figures_step_by_step(demo_db):
    """Three decisions route the act (§44-47), the head-expert concludes (§47), the head signs (§48):
    after each unit of work the act's figures are those of its rows."""
    case = prepare_case(demo_db)
    at = datetime(2025, 3, 19, 10, 0, tzinfo=KZ_TIME)
    for expert, term in zip(case["experts"], ("1y", "2y", "5y")):
        with demo_db.session() as session:
            decisions.submit(session, decisions.act_by_number(session, case["number"]), expert,
                             conclusion(term=term), at, confirm_warnings=True)
        with demo_db.session() as session:
            assert_same(session)
    with demo_db.session() as session:
        row = session.get(m.ActFigures, case["id"])
        assert (row.status, row.pairs_decision, row.pairs_group, row.pairs_term) == ("head_decides", 0, 3, 0)
        routing.head_decide(session, decisions.act_by_number(session, case["number"]), case["experts"][0],
                            conclusion(term="2y"), at)
    with demo_db.session() as session:
        assert_same(session)
        routing.sign(session, decisions.act_by_number(session, case["number"]), case["home_head"], at)
    with demo_db.session() as session:
        assert_same(session)
        row = session.get(m.ActFigures, case["id"])
        assert (row.status, row.route, row.signed_at is not None) == ("signed", "concluded", True)


def test_migration_0017_makes_and_fills_the_table_of_an_existing_database(demo_db):
    """Down to the schema before the table (0016_sign_in_attempts) and up again: the figures of the
    demonstration's acts are back, as the program kept them."""
    from alembic import command

    from app.storage import alembic_config

    with demo_db.session() as session:
        kept = stored(session)
    config = alembic_config()
    with demo_db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0016_sign_in_attempts")
        assert "act_figures" not in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'").scalars().all()
        command.upgrade(config, "head")
    with demo_db.session() as session:
        assert stored(session) == kept and len(kept) > 300
