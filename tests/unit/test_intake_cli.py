"""``saraptama intake check|import`` (docs/interfaces.md §4): JSON out, exit 2 on bad input, a folder
of packages where one bad file stops nothing, each package whole or not at all, two imports at
once numbering without gaps (§25.1), and no personal data in any log."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app import models as m
from app.cli import main
from app.services.intake import drafting, samples

from app.domain.clock import KZ_TIME

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)
AT = RECEIVED.strftime("%Y-%m-%dT%H:%M")


def run(capsys, *argv) -> tuple[int, object, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else out), err


@pytest.fixture
def batch(tmp_path):
    make = samples.Samples(RECEIVED.date(), seed=11)
    packages = [make.valid(), make.failing("F004"), make.valid(), make.failing("REC001"), make.valid()]
    folder, lookups = samples.write_batch(tmp_path / "in", packages, make.lookups)
    return folder, lookups, packages


def counts(db) -> dict:
    with db.session() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (m.ReferralPackage, m.PackageCheck, m.Person, m.DraftAct, m.Notice, m.ActNumberCounter)}


def test_check_is_a_dry_run(capsys, db, data_dir, batch):
    folder, lookups, _ = batch
    before = counts(db)
    code, result, _ = run(capsys, "--data-dir", data_dir, "intake", "check", "--lookups", lookups,
                          "--received-at", AT, folder / "000002.json")
    assert code == 0 and result == {"accepted": False, "codes": ["F004"]}
    code, result, _ = run(capsys, "--data-dir", data_dir, "intake", "check", "--lookups", lookups,
                          "--received-at", AT, folder / "000001.json")
    assert result == {"accepted": True, "codes": []}
    code, result, _ = run(capsys, "--data-dir", data_dir, "--lang", "kk", "intake", "check", "--explain",
                          "--lookups", lookups, "--received-at", AT, folder / "000004.json")
    assert result["codes"] == ["REC001"] and "ЖТ МДБ" in result["messages"][0]["message"]
    assert counts(db) == before


@pytest.mark.parametrize("argv", [
    ["intake", "check", "--lookups", "{lookups}", "{folder}/nowhere.json"],
    ["intake", "check", "--lookups", "{lookups}", "{folder}"],
    ["intake", "check", "--lookups", "{folder}/nowhere", "{folder}/000001.json"],
    ["intake", "import", "--lookups", "{lookups}", "{folder}/nowhere.json"],
    ["intake", "check", "--lookups", "{lookups}", "--received-at", "3 March", "{folder}/000001.json"],
])
def test_unreadable_input_is_one_line_and_exit_2(capsys, data_dir, batch, argv):
    folder, lookups, _ = batch
    code, out, err = run(capsys, "--data-dir", data_dir, *(a.format(folder=folder, lookups=lookups) for a in argv))
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err


def test_import_a_folder_with_bad_files_among_good_ones(capsys, db, data_dir, batch):
    folder, lookups, _ = batch
    (folder / "000003.json").write_bytes(b"\x00\xff not json")
    (folder / "notes.txt").write_text("not a package", encoding="utf-8")
    code, result, _ = run(capsys, "--data-dir", data_dir, "intake", "import", "--lookups", lookups,
                          "--received-at", AT, folder)
    assert code == 0 and [Path(r["file"]).name for r in result] == [f"00000{n}.json" for n in range(1, 6)]
    assert [(r["accepted"], r["codes"], r["act_number"]) for r in result] == [
        (True, [], "20250303000001"), (False, ["F004"], None), (False, ["F002"], None),
        (False, ["REC001"], None), (True, [], "20250303000002")]
    assert counts(db) == {"referral_package": 5, "package_check": 3, "person": 2, "draft_act": 2, "notice": 3,
                          "act_number_counter": 1}


def test_a_package_failing_mid_write_leaves_nothing_and_no_personal_data_in_logs(
        capsys, caplog, monkeypatch, tmp_path, db, data_dir, batch):
    folder, lookups, packages = batch
    victim = packages[2]["patient"]
    real_next_number = drafting.next_number
    calls = []

    def failing_next_number(connection, received_at):  # the person's row is written by now
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("INSERT INTO person ...", {"iin": victim["iin"]},
                                   Exception(f"disk I/O error writing {victim['iin']} {victim['last_name']}"))
        return real_next_number(connection, received_at)

    monkeypatch.setattr(drafting, "next_number", failing_next_number)
    log_dir = data_dir / "logs"  # --data-dir keeps the logs with the data
    caplog.set_level(logging.DEBUG)
    code, result, err = run(capsys, "--data-dir", data_dir, "intake", "import", "--lookups", lookups,
                            "--received-at", AT, folder)
    assert code == 0 and result[2]["accepted"] is False and result[2]["act_number"] is None
    assert "OperationalError" in result[2]["error"]
    assert [r["act_number"] for r in result if r["accepted"]] == ["20250303000001", "20250303000002"]  # no gap
    with db.session() as session:
        assert session.scalar(select(func.count()).where(m.Person.iin == victim["iin"])) == 0
        assert counts(db)["referral_package"] == 4  # the failed package left no row at all
    logged = caplog.text + err + json.dumps(result, ensure_ascii=False) + "".join(
        p.read_text(encoding="utf-8") for p in log_dir.rglob("*") if p.is_file())
    assert "could not be stored" in caplog.text
    for value in (victim["iin"], victim["last_name"], victim["first_name"], victim["birth_date"], victim["phone"]):
        assert value not in logged


def test_two_imports_at_once_number_without_gaps_on_sqlite(data_dir, import_at_once):
    import_at_once(["--data-dir", str(data_dir)], per_process=40)


def test_accepted_acts_go_on_to_expert_selection(capsys, demo_db, demo_data_dir, batch):
    """§25.4: after an import every accepted act has its three experts, or waits with the reason
    why not (and the next selection run tries again)."""
    folder, lookups, _ = batch
    code, result, _ = run(capsys, "--data-dir", demo_data_dir, "intake", "import", "--lookups", lookups,
                          "--received-at", AT, folder)
    numbers = [r["act_number"] for r in result if r["accepted"]]
    assert code == 0 and len(numbers) == 3
    with demo_db.session() as session:
        for act in session.scalars(select(m.DraftAct).where(m.DraftAct.number.in_(numbers))):
            open_places = [a for a in act.assignments if not a.withdrawn]
            assert (act.status == m.ActStatus.UNDER_REVIEW and len(open_places) == 3) or (
                act.status == m.ActStatus.WAITING and not open_places and act.waiting_reason), act.number
