"""An expert's own workstation (§25.2, §25.5): the department's file of acts is
received on a laptop that holds no person, decisions made there go back by file and are
recorded once, and nothing personal ever reaches the laptop's data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from app import models as m
from app.cli import main
from app.errors import UserError
from app.services import act_list, acts, cards, workstation
from app.services.review import decisions, exchange, laptop
from app.storage import Database
from tests.expert_laptop import (AT, POOR_QUALITY, busiest_expert, export_acts, files_holding, lawful_decision,
                                 others_decide, personal_needles, undecided)
from tests.review_case import conclusion


pytestmark = pytest.mark.usefixtures("english")   # the messages below are matched in English, whatever ran before


@pytest.fixture
def expert_id(demo_db):
    return busiest_expert(demo_db)


@pytest.fixture
def laptop_dir(tmp_path, data_dir):
    return data_dir  # an empty, migrated database of its own


def run(capsys, *args) -> dict:
    assert main([*args]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def table_rows(db) -> dict:
    """Every row of the tables the round trip writes (the audit log aside)."""
    with db.session() as session:
        return {table: sorted(map(repr, session.execute(select(model.__table__)).all())) for table, model in (
            ("act", m.DraftAct), ("place", m.Assignment), ("decision", m.ExpertDecision),
            ("expert", m.StaffMember), ("setting", m.Setting), ("person", m.Person))}


def test_the_round_trip_brings_decisions_home_and_leaves_nothing_personal(demo_db, expert_id, laptop_dir,
                                                                          tmp_path, capsys):
    exchanged = tmp_path / "exchange"  # the files carried between the department and the laptop
    exchanged.mkdir()
    document = export_acts(demo_db, expert_id, exchanged / "acts.json")
    chosen = undecided(document)[:3]
    for entry in chosen:
        others_decide(demo_db, entry["act"]["number"], expert_id)
    laptop_args = ("--data-dir", str(laptop_dir))
    received = run(capsys, *laptop_args, "acts", "receive", str(exchanged / "acts.json"), "--at", "2026-12-01T09:00")
    assert sorted(received["received"]) == sorted(e["act"]["number"] for e in document["acts"])
    for entry in chosen:
        (tmp_path / "decision.json").write_text(json.dumps(lawful_decision(entry)), encoding="utf-8")
        run(capsys, *laptop_args, "decisions", "submit", entry["act"]["number"], "--expert", str(expert_id),
            str(tmp_path / "decision.json"), "--confirm-warnings", "--at", "2026-12-01T09:00")
    exported = run(capsys, *laptop_args, "decisions", "export", "--out", str(exchanged / "decisions.json"))
    assert exported["decisions"] == 3
    imported = run(capsys, "--data-dir", str(demo_db.file.parent), "acts", "import-decisions",
                   str(exchanged / "decisions.json"))
    assert sorted(imported["acts"]) == sorted(e["act"]["number"] for e in chosen)
    with demo_db.session() as session:
        for entry in chosen:  # the third decision routed each act at once (§44-48)
            act = decisions.act_by_number(session, entry["act"]["number"])
            assert act.status != m.ActStatus.UNDER_REVIEW and act.conclusion is not None
    again = run(capsys, "--data-dir", str(demo_db.file.parent), "acts", "import-decisions",
                str(exchanged / "decisions.json"))
    assert again == {"recorded": 0, "already_recorded": 3, "acts": [], "refused": []}  # by uid: recorded once

    window = subprocess.run([sys.executable, "-m", "ui", "--data-dir", str(laptop_dir), "--screenshot",
                             str(exchanged / "my-acts.png")], capture_output=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert window.returncode == 0, window.stderr.decode()  # the window ran on the laptop and wrote its log
    laptop_db = Database.open(data_dir=laptop_dir)
    try:
        laptop_db.copy_into_backups("daily")  # backups are in the folder too
        with laptop_db.session() as session:
            assert session.scalar(select(func.count()).select_from(m.Person)) == 0
            expert_name = session.get(m.StaffMember, expert_id).full_name
        needles = personal_needles(demo_db, [e["act"]["number"] for e in document["acts"]], expert_name)
        assert len(needles) >= 5 * len(document["acts"])
        names = {p.name for p in laptop_dir.rglob("*") if p.is_file()}
        assert {"saraptama.db", "saraptama.db-wal", "saraptama-cli.log", "saraptama.log"} <= names  # WAL, logs
        assert any("daily" in name for name in names)
        assert files_holding(laptop_dir, needles) == []  # database, WAL, logs, backups
    finally:
        laptop_db.close()
    assert files_holding(exchanged, needles) == []  # and the files that travelled
    assert files_holding(demo_db.file.parent, needles)  # the scan does find them where they are


def on_laptop(demo_db, session, expert_id: int, *, stays_under_review: bool = False) -> tuple[dict, m.DraftAct]:
    """The expert's file received in ``session``: its first undecided act (with ``stays_under_review``
    the first whose panel this expert's decision does not complete), and the laptop's copy."""
    entries = undecided(document := export_acts(demo_db, expert_id))
    if stays_under_review:
        entries = [e for e in entries if others_decided(demo_db, e["act"]["number"], expert_id) < 2]
    entry = entries[0]
    laptop.receive_acts(session, document, AT)
    return entry, decisions.act_by_number(session, entry["act"]["number"])


def test_the_laptop_signs_as_the_department_would(demo_db, db, expert_id):
    with db.session() as session:
        entry, act = on_laptop(demo_db, session, expert_id)
        made = decisions.submit(session, act, expert_id, lawful_decision(entry), AT, confirm_warnings=True)
        signature = made.signature
        outgoing = laptop.export_decisions(session)
    with demo_db.session() as session:
        exchange.import_decisions(session, outgoing)
        held = session.scalar(select(m.ExpertDecision).where(m.ExpertDecision.uid == made.uid))
        assert held.signature == signature  # same act, place and decision: the same signature


def test_receiving_the_same_file_twice_changes_nothing(demo_db, db, expert_id):
    document = export_acts(demo_db, expert_id)
    with db.session() as session:
        first = laptop.receive_acts(session, document, AT)
    before = table_rows(db)
    with db.session() as session:
        second = laptop.receive_acts(session, document, AT)
    assert len(first["received"]) == len(document["acts"])
    assert second == {"expert_id": expert_id, "received": [], "updated": [], "unchanged": len(document["acts"]),
                      "removed": [], "kept_unsent": [], "acknowledged": 0}
    assert table_rows(db) == before


def _reassign_away(demo_db, number: str, expert_id: int) -> None:
    """Registry Rules p. 14: the expert's place on the act goes to another expert."""
    with demo_db.session() as session:
        act = decisions.act_by_number(session, number)
        place = decisions.assignment_of(act, expert_id)
        place.withdrawn, place.withdrawn_at = True, AT
        session.add(m.Assignment(act=act, expert_id=_other_expert(session, act), role=place.role,
                                 due_at=place.due_at, replaces_id=place.id))


def _other_expert(session, act) -> int:
    sitting = {a.expert_id for a in act.assignments}
    return session.scalar(select(m.StaffMember.id).where(m.StaffMember.role.in_(m.EXPERT_ROLES),
                                                         m.StaffMember.id.not_in(sitting)).order_by(m.StaffMember.id))


def test_a_reassigned_act_disappears_at_the_next_receive(demo_db, db, expert_id):
    document = export_acts(demo_db, expert_id)
    gone, kept = undecided(document)[:2]
    with db.session() as session:
        laptop.receive_acts(session, document, AT)
        act = decisions.act_by_number(session, kept["act"]["number"])
        decisions.submit(session, act, expert_id, POOR_QUALITY, AT)  # decided here, not yet sent
    for entry in (gone, kept):
        _reassign_away(demo_db, entry["act"]["number"], expert_id)
    later = export_acts(demo_db, expert_id)
    with db.session() as session:
        result = laptop.receive_acts(session, later, AT)
        numbers = set(session.scalars(select(m.DraftAct.number)))
    assert result["removed"] == [gone["act"]["number"]]
    assert result["kept_unsent"] == [kept["act"]["number"]]  # kept until its decision is sent, and said so
    assert gone["act"]["number"] not in numbers and kept["act"]["number"] in numbers
    with db.session() as session:
        sent = laptop.export_decisions(session)
        laptop.mark_sent(session, [d["uid"] for d in sent["decisions"]], AT)
    with demo_db.session() as session:  # too late: listed as refused with the reason, nothing recorded
        answer = exchange.import_decisions(session, sent)
    assert (answer["recorded"], [r["act"] for r in answer["refused"]]) == (0, [kept["act"]["number"]])
    assert "is not on the panel" in answer["refused"][0]["reason"]
    with db.session() as session:
        assert laptop.receive_acts(session, later, AT)["removed"] == [kept["act"]["number"]]
        assert laptop.pending_decisions(session) == []


def others_decided(db, number: str, expert_id: int) -> int:
    """How many of the act's other experts have decided at the department."""
    with db.session() as session:
        act = decisions.act_by_number(session, number)
        return sum(1 for place in decisions.current_assignments(act)
                   if place.expert_id != expert_id and place.decision is not None)


def test_a_decision_the_department_holds_counts_as_sent(demo_db, db, expert_id):
    # an act that stays under review, so that it is in the department's next file for the expert
    with db.session() as session:
        entry, act = on_laptop(demo_db, session, expert_id, stays_under_review=True)
        decisions.submit(session, act, expert_id, POOR_QUALITY, AT)
        outgoing = laptop.export_decisions(session)  # written to a file, but not marked sent
        assert [d["act"] for d in laptop.pending_decisions(session)] == [entry["act"]["number"]]
    with demo_db.session() as session:
        exchange.import_decisions(session, outgoing)
    with db.session() as session:
        result = laptop.receive_acts(session, export_acts(demo_db, expert_id), AT)
        assert result["acknowledged"] == 1
        assert laptop.pending_decisions(session) == []


def test_the_laptop_refuses_what_the_rules_refuse_and_stays_blind(demo_db, db, expert_id):
    with db.session() as session:
        _entry, act = on_laptop(demo_db, session, expert_id)
        with pytest.raises(decisions.RulesRefused):  # degree 2 of mobility and work gives group II, not I (§58)
            decisions.submit(session, act, expert_id, {**conclusion("II"), "group": "I"}, AT)
        places = decisions.visible_decisions(act, decisions.Viewer(expert_id))
        assert [p["own"] for p in places] == [True]  # no other expert's place, let alone decision (§25.5)
        assert session.scalar(select(func.count()).select_from(m.ExpertDecision).join(m.Assignment).where(
            m.Assignment.expert_id != expert_id)) == 0


def test_an_act_without_a_person_is_read_everywhere_and_not_printed(demo_db, db, expert_id):
    document = export_acts(demo_db, expert_id)
    number = document["acts"][0]["act"]["number"]
    with db.session() as session:
        laptop.receive_acts(session, document, AT)
        act = decisions.act_by_number(session, number)
        assert acts.show_act(session, number)["person"] is None
        assert acts.show_act(session, number, as_expert=True)["number"] == number
        assert cards.act_card(session, act.id)["department_view"]["person"] is None
        assert {a["number"] for a in act_list.list_acts(session)} == {e["act"]["number"] for e in document["acts"]}
    with pytest.raises(UserError, match="depersonalised copy"):
        from app.services import printing
        printing.describe_act_document(db, "act", number)


@pytest.mark.parametrize("damage", [
    lambda d: d.update(format="other"),
    lambda d: d["acts"][0]["act"].update(person={"iin": "900515300127"}),
    lambda d: d["acts"][0]["act"]["clinical"].update(note="ИИН 900515300127"),
    lambda d: d["acts"][-1].pop("due"),
    lambda d: d["acts"][-1]["act"].update(age_years="old"),
    lambda d: d.update(expert_id=True),
])
def test_a_bad_file_changes_nothing(demo_db, db, expert_id, damage):
    document = export_acts(demo_db, expert_id)
    damage(document)
    with pytest.raises(UserError), db.session() as session:
        laptop.receive_acts(session, document, AT)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.DraftAct)) == 0
        assert workstation.settings(session).expert_id is None


def test_acts_go_only_to_their_own_expert_and_never_into_a_department(demo_db, db, expert_id):
    document = export_acts(demo_db, expert_id)
    with db.session() as session:
        workstation.setup_expert(session, expert_id=expert_id + 1, name="Басқа Сарапшы", region_code="75")
    with pytest.raises(UserError, match="this workstation serves expert No"), db.session() as session:
        laptop.receive_acts(session, document, AT)
    with pytest.raises(UserError, match="serves a department"), demo_db.session() as session:
        laptop.receive_acts(session, document, AT)
    with pytest.raises(UserError, match="serves a department"), demo_db.session() as session:
        laptop.export_decisions(session)
    with pytest.raises(UserError, match="holds persons"), demo_db.session() as session:
        workstation.setup_expert(session, expert_id=expert_id, name="Сарапшы", region_code="75")


def test_setting_up_an_expert_workstation(db):
    with db.session() as session:
        assert workstation.needs_setup(session)
        expert = workstation.setup_expert(session, expert_id=42, name="Әбенова Гүлнар Серікқызы", region_code="75",
                                          kind="staff")
        assert (expert.id, expert.last_name, expert.role) == (42, "Әбенова", m.StaffRole.SPECIALIST)
    with db.session() as session:
        assert workstation.startup(session) == {"needs_setup": False, "expert_id": 42}
        with pytest.raises(UserError):
            workstation.setup_department(session, region_code="75", number=1, address="", head_name="Б",
                                         user_name="У")
        assert laptop.summary(session, AT) == {"expert_id": 42, "user": "Әбенова Гүлнар Серікқызы", "open": 0,
                                               "due_today": 0, "overdue": 0, "unsent": 0}
