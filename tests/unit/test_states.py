"""One vocabulary of states (app.domain.states), and no status set outside its workflow's table
(app.models.transitions): an attribute change is checked in every test, a claiming UPDATE by
``transitions.advance``, and no code in app/ writes a status in an UPDATE any other way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from app import models as m
from app.domain import appeals, registry, review, states
from app.models import transitions
from app.models.transitions import IllegalTransition

ROOT = Path(__file__).resolve().parents[2]


def test_the_models_use_the_domain_s_enums():
    assert m.ActStatus is states.ActStatus and m.AppealStatus is states.AppealStatus
    assert m.ApplicationStatus is states.ApplicationStatus
    assert m.DraftAct.status.type.enum_class is states.ActStatus
    assert m.Assignment.role.type.enum_cls is states.AssignmentRole
    assert m.OutboxMessage.status.type.enum_cls is states.OutboxStatus


def test_the_stored_strings_are_those_of_before():
    """No data migration: the values the databases hold are the members' values."""
    assert [s.value for s in states.ActStatus] == [
        "waiting", "under_review", "head_decides", "in_person", "rejected", "concluded", "signed"]
    assert [s.value for s in states.Route] == ["concluded", "rejected_poor_quality", "in_person", "head_decides"]
    assert [s.value for s in states.OutboxStatus] == ["pending", "sending", "sent"]
    assert [s.value for s in states.AssignmentRole] == ["head", "specialist"]


def test_every_table_names_only_its_own_states():
    for table, enum in ((review.TRANSITIONS, states.ActStatus), (appeals.TRANSITIONS, states.AppealStatus),
                        (registry.TRANSITIONS, states.ApplicationStatus),
                        (states.OUTBOX_TRANSITIONS, states.OutboxStatus)):
        assert all(source is None or isinstance(source, enum) for source in table)
        assert all(isinstance(target, enum) for targets in table.values() for target in targets)


def test_selection_s_step_is_in_the_act_s_table():
    """§25.4-25.5: from the waiting list to review (``assignment.selection``, ``assignment.bulk``)."""
    assert states.ActStatus.UNDER_REVIEW in review.TRANSITIONS[states.ActStatus.WAITING]


def test_a_status_set_outside_its_table_fails(demo_db):
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.SIGNED)).first()
        with pytest.raises(IllegalTransition, match="signed -> waiting"):
            act.status = m.ActStatus.WAITING
        appeal = session.scalars(select(m.Appeal).where(m.Appeal.status == m.AppealStatus.CONCLUDED)).first()
        with pytest.raises(IllegalTransition, match="concluded -> filed"):
            appeal.status = m.AppealStatus.FILED
        with pytest.raises(IllegalTransition, match="new -> signed"):
            m.RegistryApplication(status=m.ApplicationStatus.SIGNED)
        session.rollback()


def test_a_claiming_update_outside_its_table_fails_before_it_runs(demo_db):
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.SIGNED)).first()
        with pytest.raises(IllegalTransition):
            transitions.advance(session, m.DraftAct.status, (m.DraftAct.id == act.id,), m.ActStatus.SIGNED,
                                m.ActStatus.UNDER_REVIEW)
        session.expire(act)
        assert act.status == m.ActStatus.SIGNED


def test_a_copy_of_another_database_s_state_is_no_step(demo_db):
    """An expert's laptop takes the department's act as it stands (``review.laptop``)."""
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.SIGNED)).first()
        with transitions.copying():
            act.status = m.ActStatus.UNDER_REVIEW
        session.rollback()


def status_writes_in_updates(source: str) -> list[int]:
    """Lines where an UPDATE's ``.values(...)`` or a bulk row's ``.update(...)`` sets ``status``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("values", "update"):
            keys = [k.arg for k in node.keywords] + [
                key.value for arg in node.args if isinstance(arg, ast.Dict)
                for key in arg.keys if isinstance(key, ast.Constant)]
            if "status" in keys:
                found.append(node.lineno)
    return found


def test_the_scan_finds_a_status_written_by_an_update():
    assert status_writes_in_updates("session.execute(update(A).where(A.id == 1).values(status='signed'))") == [1]
    assert status_writes_in_updates("row.update(status=s, due_at=d)\nq.values({'status': s})") == [1, 2]


def test_no_update_in_app_writes_a_status_but_transitions_advance():
    """A status in an UPDATE goes through ``transitions.advance``, which checks the table."""
    found = {str(path.relative_to(ROOT)): lines for path in sorted((ROOT / "app").rglob("*.py"))
             if path.name != "transitions.py" and (lines := status_writes_in_updates(path.read_text("utf-8")))}
    assert found == {}
