"""A department that starts from nothing: after the welcome screen its heads and chief
specialists (with their App 15 profiles) are added one by one or from a list made from the
template; the acts received here belong to this department (docs/interpretations.md); nothing
of the staff's IINs reaches a list, a log or an error."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from sqlalchemy import select

from app import models as m
from app.adapters.lookups import load_registers
from app.cli import main
from app.domain.app15 import app15_item
from app.domain.iin import make_iin
from app.services import staff, workstation
from app.services.intake import Intake, samples
from tests.unit.test_intake import RECEIVED

HEAD_IIN = make_iin(date(1975, 4, 12), "female", 101)
SPECIALIST_IIN = make_iin(date(1980, 9, 3), "male", 202)


def run(capsys, data_dir, *argv):
    code = main(["--data-dir", str(data_dir), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else None), err.strip()


@pytest.fixture
def department(db):
    with db.session() as session:
        workstation.setup_department(session, region_code="71", number=3, address="", head_name="Жанар Ахметова",
                                     user_name="Жанар")
    return "71-03"


def rows_file(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(staff.COLUMNS)
        writer.writerows(rows)
    return path


def test_a_new_department_imports_its_staff_from_the_template(department, db, data_dir, tmp_path, capsys):
    code, written, _ = run(capsys, data_dir, "staff", "template", tmp_path / "staff.xlsx")
    assert code == 0 and written["columns"] == list(staff.COLUMNS)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "staff.xlsx")
    book.active.append(["head", "Ахметова", "Жанар", "Болатовна", HEAD_IIN, "", "", ""])
    book.active.append(["specialist", "Сейітов", "Ерлан", "", SPECIALIST_IIN, "", "", "1.7 9"])
    book.save(tmp_path / "filled.xlsx")
    code, imported, err = run(capsys, data_dir, "staff", "import", tmp_path / "filled.xlsx")
    assert code == 0, err
    assert imported["added"] == 2
    with db.session() as session:
        people = {row.role: row for row in session.scalars(select(m.StaffMember))}
        specialist = people[m.StaffRole.SPECIALIST]
        assert people[m.StaffRole.HEAD].department.code == department
        expected = ["-".join(r) for number in ("1.7", "9") for r in app15_item(number).ranges]
        assert specialist.nosologies == expected  # App 15 items 1.7 and 9
    code, again, _ = run(capsys, data_dir, "staff", "import", tmp_path / "filled.xlsx")
    assert (again["added"], again["already_on_staff"]) == (0, 2)
    code, listed, _ = run(capsys, data_dir, "staff", "list")
    assert [row["role"] for row in listed] == ["head", "specialist"]
    assert HEAD_IIN not in json.dumps(listed) and SPECIALIST_IIN not in json.dumps(listed)


def test_a_list_with_a_bad_row_adds_nobody_and_names_the_row(department, db, data_dir, tmp_path, capsys):
    wrong = HEAD_IIN[:11] + str((int(HEAD_IIN[11]) + 1) % 10)
    path = rows_file(tmp_path / "staff.csv", [["head", "Ахметова", "Жанар", "", HEAD_IIN, "", "", ""],
                                             ["specialist", "Сейітов", "Ерлан", "", wrong, "", "", ""]])
    code, _, err = run(capsys, data_dir, "staff", "import", path)
    assert code == 2 and "Row 3" in err and "\n" not in err
    path = rows_file(tmp_path / "items.csv", [["specialist", "Сейітов", "Ерлан", "", SPECIALIST_IIN, "", "", "99.9"]])
    code, _, err = run(capsys, data_dir, "staff", "import", path)
    assert code == 2 and "99.9" in err
    with db.session() as session:
        assert session.scalars(select(m.StaffMember)).all() == []
    for log in data_dir.rglob("*.log"):
        assert SPECIALIST_IIN[:11] not in log.read_text(encoding="utf-8", errors="replace")


def test_one_added_by_command_and_not_twice(department, db, data_dir, capsys):
    argv = ("staff", "add", "--role", "specialist", "--last-name", "Сейітов", "--first-name", "Ерлан", "--iin",
            SPECIALIST_IIN)
    code, added, err = run(capsys, data_dir, *argv)
    assert code == 0 and added["role"] == "specialist", err
    code, _, err = run(capsys, data_dir, *argv)
    assert code == 2 and "already" in err


def test_acts_received_here_belong_to_this_department(department, db, tmp_path):
    """The person's registration is in a region whose department this database does not know:
    the act belongs to the department that received it, and "Own department" shows it."""
    make = samples.Samples(RECEIVED.date(), seed=5)
    packages = [make.valid() for _ in range(3)]
    folder, lookups = samples.write_batch(tmp_path / "in", packages, make.lookups)
    outcomes = Intake(db, load_registers(lookups), RECEIVED).import_files([folder])
    assert all(o.accepted for o in outcomes)
    with db.session() as session:
        departments = set(session.scalars(select(m.DraftAct.department_id)))
        own = workstation.settings(session).department(session).id
    assert departments == {own}


def test_the_next_steps_of_a_new_department_until_its_first_panel(department, db):
    with db.session() as session:
        assert staff.next_steps(session) == ["staff", "acts", "assign"]
        staff.add_member(session, {"role": "head", "last_name": "Ахметова", "first_name": "Жанар", "iin": HEAD_IIN})
        assert staff.next_steps(session) == ["staff", "acts", "assign"]  # a chief specialist too (§25.4)
        staff.add_member(session, {"role": "specialist", "last_name": "Сейітов", "first_name": "Ерлан",
                                   "iin": SPECIALIST_IIN})
        assert staff.next_steps(session) == ["acts", "assign"]


def test_a_demonstration_department_has_nothing_left_to_do(demo_db):
    with demo_db.session() as session:
        assert staff.next_steps(session) == []
