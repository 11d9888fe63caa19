"""Selection, reassignment and the act's history on PostgreSQL (§25.4; Registry Rules p. 14)."""

from datetime import date, datetime

from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME
from app.services import assignment, demo

AT = datetime(2025, 6, 18, 10, 0, tzinfo=KZ_TIME)


def test_assign_then_sick_leave_moves_the_act(fresh_database):
    db = fresh_database("assign_test")
    demo.generate(db, acts=300, experts=40, seed=3, today=datetime(2025, 6, 17, 17, 0, tzinfo=KZ_TIME))
    with db.session() as session:
        result = assignment.assign_waiting(session, AT, seed=1)
    assigned = [a for a in result["acts"] if a["status"] == "under_review" and len(a["experts"]) == 3]
    assert assigned
    number, expert_id = assigned[0]["number"], assigned[0]["experts"][0]["id"]
    with db.session() as session:
        moved = assignment.add_absence(session, expert_id, "sick", date(2025, 6, 18), date(2025, 6, 27), AT)
    assert number in {r["number"] for r in moved["reassigned"]}
    with db.session() as session:
        act = session.scalar(select(m.DraftAct).where(m.DraftAct.number == number))
        live = [a for a in act.assignments if not a.withdrawn]
        assert len(live) == 3 and int(expert_id) not in {a.expert_id for a in live}
        kinds = [e["kind"] for e in assignment.events(session, act, "en")]
        assert kinds[-2:] == ["withdrawn", "reassigned"]
        assert assignment.why(session, number, expert_id, AT, "en")["reasons"] == [
            "On sick leave 18 June 2025 to 27 June 2025"]
