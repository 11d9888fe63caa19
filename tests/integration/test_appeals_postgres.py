"""Appeals on PostgreSQL: the §56 course through the service, the Appeals tab's query
(App 24 columns, names of the deputy head and the Committee specialist, JSON summaries), the App 16
control column and the App 24 journal, on the same server the hub uses."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import models as m
from app.services import appeals, demo, listings, printing
from app.services.review import lists


@pytest.fixture
def own_database(fresh_database):
    return fresh_database("appeals")


def test_a_proactive_appeal_runs_its_course_on_postgresql(own_database, tmp_path):
    db = own_database
    demo.generate(db, acts=150, experts=12, seed=5)
    with db.session() as session:
        act = session.scalar(select(m.DraftAct).join(m.Conclusion).where(
            m.DraftAct.status == m.ActStatus.SIGNED, m.DraftAct.age_years >= 18,
            ~m.DraftAct.id.in_(select(m.Appeal.act_id))).order_by(m.DraftAct.id))
        number, at = act.number, act.conclusion.signed_at + timedelta(hours=1)
        decision = {k: v for k, v in act.conclusion.decision.items() if k != "outcome"}
        act_id = act.id
    with db.session() as session:
        appeal = appeals.file_appeal(session, number, at)["id"]
        appeals.register(session, appeal, at + timedelta(hours=1))
        forwarded = appeals.forward(session, appeal, at + timedelta(hours=2))
        concluded = appeals.conclude(session, appeal, decision, at + timedelta(hours=3), confirm_warnings=True)
    assert forwarded["control_department"] and concluded["status"] == "concluded"
    with db.session() as session:
        row = listings.APPEALS.rows(session, [int(appeal)])[int(appeal)]
        keys = [c.key for c in listings.APPEALS.columns]
        assert row[keys.index("act")] == number and row[keys.index("deputy")]
        assert row[keys.index("control_decision")] == row[keys.index("experts")]
        assert int(appeal) in listings.APPEALS.ids(session, filters={"status": "concluded", "kind": "proactive"})
        control = lists.decisions_listing()
        assert control.rows(session, [act_id])[act_id][[c.key for c in control.columns].index("control")]
    assert printing.print_list(db, "appeals-journal", tmp_path / "app24.pdf")["pages"] >= 1
