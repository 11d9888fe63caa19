"""`saraptama calendar ...` (docs/interfaces.md §4) and the calendar kept in the database."""

import json

import pytest
from sqlalchemy import select

from app import models as m
from app.cli import main
from app.domain.clock import KZ_TIME
from app.services import production_calendar


def run(capsys, data_dir, *argv):
    code = main(["--data-dir", str(data_dir), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else None, err


@pytest.mark.parametrize("argv, expected", [
    (["working-days", "--from", "2025-01-01", "--to", "2025-01-31"], {"count": 20}),  # incl. Sunday 5 January
    (["working-days", "--from", "2025-03-21", "--to", "2025-03-25"], {"count": 0}),  # Nauryz
    (["working-days", "--from", "2025-01-05", "--to", "2025-01-05"], {"count": 1}),
    (["deadline", "--start", "2025-03-19T10:00", "--working-days", "3", "--cutoff", "16:00"],
     {"deadline": "2025-03-26T18:00"}),
    # §20.3 "после 16.00 часов": 16:00 is not after 16:00, so Wednesday 19 March is day 1, Thursday 20 March
    # day 2, 21-25 March are Nauryz and its moved days off, Wednesday 26 March is day 3
    (["deadline", "--start", "2025-03-19T16:00", "--working-days", "3", "--cutoff", "16:00"],
     {"deadline": "2025-03-26T18:00"}),
    (["deadline", "--start", "2025-03-19T16:01", "--working-days", "3", "--cutoff", "16:00"],
     {"deadline": "2025-03-27T18:00"}),
    (["deadline", "--start", "2025-03-19T10:00", "--working-days", "3"], {"deadline": "2025-03-27T18:00"}),
    (["deadline", "--start", "2025-01-04T10:00", "--working-days", "1", "--cutoff", "16:00"],
     {"deadline": "2025-01-05T18:00"}),  # Saturday start: the working Sunday is day 1
])
def test_calendar_commands(capsys, data_dir, argv, expected):
    code, result, _ = run(capsys, data_dir, "calendar", *argv)
    assert (code, result) == (0, expected)


@pytest.mark.parametrize("argv", [
    ["working-days", "--from", "2025-02-30", "--to", "2025-03-01"],
    ["working-days", "--from", "2025-03-02", "--to", "2025-03-01"],
    ["deadline", "--start", "2025-03-19", "--working-days", "3"],
    ["deadline", "--start", "2025-03-19T10:00", "--working-days", "0"],
    ["deadline", "--start", "2025-03-19T10:00", "--working-days", "3", "--cutoff", "25:00"],
    ["import", "/no/such/file.json"],
])
def test_bad_arguments_give_one_line_and_exit_2(capsys, data_dir, argv):
    code, _, err = run(capsys, data_dir, "calendar", *argv)
    assert code == 2 and err.count("\n") == 1


def test_import_moves_deadlines_and_bad_files_change_nothing(capsys, data_dir, tmp_path):
    decree = tmp_path / "decree.json"
    decree.write_text(json.dumps([{"date": "2025-03-26", "working": False, "note": "test"}]), encoding="utf-8")
    assert run(capsys, data_dir, "calendar", "import", decree)[1]["imported"] == 1
    code, result, _ = run(capsys, data_dir, "calendar", "deadline", "--start", "2025-03-19T10:00",
                          "--working-days", "3", "--cutoff", "16:00")
    assert result == {"deadline": "2025-03-27T18:00"}
    for bad in ("not json", json.dumps({"date": "x"}), json.dumps([{"date": "2025-13-01", "working": False}]),
                json.dumps([{"date": "2025-03-27", "working": "no"}])):
        decree.write_text(bad, encoding="utf-8")
        code, _, err = run(capsys, data_dir, "calendar", "import", decree)
        assert code == 2 and ("calendar file" in err or "not valid JSON" in err)
    for bad, words in (([{"date": 20260102, "working": False}], "impossible date: 20260102"),
                       ([{"date": "2026-01-02", "working": False}] * 1000, "at most 366")):
        decree.write_text(json.dumps(bad), encoding="utf-8")
        code, _, err = run(capsys, data_dir, "calendar", "import", decree)
        assert code == 2 and words in err
    assert run(capsys, data_dir, "calendar", "working-days", "--from", "2025-03-26", "--to", "2025-03-27")[1] == {
        "count": 1}


def test_a_day_off_moves_the_due_date_of_open_acts(demo_db):
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                              .order_by(m.DraftAct.registered_at.desc())).first()
        before = act.due_at
        assert production_calendar.set_day(session, before.astimezone(KZ_TIME).date(),
                                           False, "mourning day") > 0
        session.refresh(act)
        assert act.due_at > before
        production_calendar.set_day(session, before.astimezone(KZ_TIME).date(), None)
        session.refresh(act)
        assert act.due_at == before


def _open_act(session):
    return session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                           .order_by(m.DraftAct.registered_at.desc())).first()


def test_import_reports_the_due_dates_it_moved(capsys, demo_db, demo_data_dir, tmp_path):
    with demo_db.session() as session:
        due_day = _open_act(session).due_at.astimezone(KZ_TIME).date()
    decree = tmp_path / "decree.json"
    decree.write_text(json.dumps([{"date": due_day.isoformat(), "working": False}]), encoding="utf-8")
    code, result, _ = run(capsys, demo_data_dir, "calendar", "import", decree)
    assert code == 0 and result["imported"] == 1 and result["moved"] > 0


def test_a_day_off_moves_the_experts_own_deadlines_too(demo_db):  # §20.3 for each expert
    with demo_db.session() as session:
        act = _open_act(session)
        open_assignments = [a for a in act.assignments if a.decision is None]
        assert open_assignments
        due_day = open_assignments[0].due_at.astimezone(KZ_TIME).date()
        production_calendar.set_day(session, due_day, False)
        for assignment in open_assignments:
            session.refresh(assignment)
            assert assignment.due_at.astimezone(KZ_TIME).date() > due_day


def test_a_reset_decree_day_stays_reset_after_a_restart(data_dir):
    from datetime import date

    from app.storage import Database

    working_sunday = date(2025, 1, 5)
    db = Database.open(data_dir=data_dir)
    with db.session() as session:
        assert production_calendar.load(session).is_working_day(working_sunday)
        production_calendar.set_day(session, working_sunday, None)
    db.close()
    db = Database.open(data_dir=data_dir)  # the defaults are ensured again at every start
    with db.session() as session:
        assert not production_calendar.load(session).is_working_day(working_sunday)
    db.close()
