"""Exclusion moves the expert's work (Registry Rules p. 14), the registry's lists (App 1,
applicants, staff), their export to XLSX and CSV, and the demonstration applicants.

p. 14 "При исключении независимого эксперта МСЭ из реестра ... проекты Актов МСЭ, по которым
не вынесено экспертное решение, распределяются между независимыми экспертами МСЭ из реестра и
подлежат рассмотрению в течение 3 (трех) рабочих дней после дня направления."
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import i18n
from app import models as m
from app.cli import main
from app.domain import registry as rules
from app.domain.clock import KZ_TIME
from app.services import assignment, export
from app.services.listings import REGISTRY_LISTINGS
from app.storage import DB_FILE, Database

DEMO_DAY = datetime(2025, 6, 17, 17, 0, tzinfo=KZ_TIME)
AT = datetime(2025, 6, 18, 11, 0, tzinfo=KZ_TIME)  # Wednesday
# p. 14: three working days after the day of redistribution: Thu 19, Fri 20, Mon 23 June
NEW_DUE = datetime(2025, 6, 23, 18, 0, tzinfo=KZ_TIME)


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def world(tmp_path, june_demo_template):
    (tmp_path / "w").mkdir()
    shutil.copy(june_demo_template / DB_FILE, tmp_path / "w" / DB_FILE)
    database = Database.open(data_dir=tmp_path / "w", user="tester")
    database.folder = tmp_path / "w"  # for the commands
    yield database
    database.close()


def live_panels(db) -> dict[str, list[m.Assignment]]:
    with db.session() as session:
        acts = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW).options(
            selectinload(m.DraftAct.assignments).selectinload(m.Assignment.expert).selectinload(
                m.StaffMember.absences), selectinload(m.DraftAct.assignments).selectinload(m.Assignment.decision)))
        return {act.number: [a for a in act.assignments if not a.withdrawn] for act in acts}


def test_exclusion_moves_every_undecided_act_to_three_available_experts(world, capsys):
    with world.session() as session:
        assignment.assign_waiting(session, datetime(2025, 6, 18, 10, 0, tzinfo=KZ_TIME), seed=1)
    before = live_panels(world)
    busiest = max((a.expert_id for live in before.values() for a in live
                   if a.decision is None and a.expert.role == m.StaffRole.INDEPENDENT),
                  key=lambda e: sum(a.expert_id == e for live in before.values() for a in live))
    undecided = {number for number, live in before.items()
                 if any(a.expert_id == busiest and a.decision is None for a in live)}
    assert main(["--data-dir", str(world.folder), "registry", "exclude", str(busiest), "--reason", "6",
                 "--at", "2025-06-18T11:00"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "excluded" and {r["number"] for r in result["reassigned"]} == undecided and undecided
    after = live_panels(world)
    for number, live in after.items():
        assert sorted(a.role for a in live) == ["head", "specialist", "specialist"], number
        for a in live:
            assert a.expert.status != m.RegistryStatus.EXCLUDED or a.decision is not None
            first, last = a.assigned_at.astimezone(KZ_TIME).date(), a.due_at.astimezone(KZ_TIME).date()
            assert not any(x.starts_on <= last and x.ends_on >= first for x in a.expert.absences)
    for number in undecided:
        replacement = max(after[number], key=lambda a: a.id)
        assert busiest not in {a.expert_id for a in after[number]}
        assert replacement.assigned_at == AT and replacement.due_at == NEW_DUE
        with world.session() as session:
            history = assignment.events(session, assignment.act_by_number(session, number), "en")
        assert [e["kind"] for e in history[-2:]] == ["withdrawn", "reassigned"]
        assert history[-2]["reason"] == "Excluded from the registry since 18 June 2025"


def test_decided_acts_stay_with_the_excluded_expert(world):
    with world.session() as session:
        assignment.assign_waiting(session, datetime(2025, 6, 18, 10, 0, tzinfo=KZ_TIME), seed=1)
        decided = session.scalar(select(m.Assignment).join(m.ExpertDecision).join(m.StaffMember).where(
            m.StaffMember.role == m.StaffRole.INDEPENDENT, m.StaffMember.status == m.RegistryStatus.INCLUDED).limit(1))
        expert_id, decided_id = decided.expert_id, decided.id
    from app.services import registry
    with world.session() as session:
        registry.exclude(session, expert_id, 3, AT)
    with world.session() as session:
        assert not session.get(m.Assignment, decided_id).withdrawn


# -- the lists and their export --------------------------------------------------------------------
def test_the_registry_list_has_the_columns_of_app_1(world):
    titles = [c.title for c in REGISTRY_LISTINGS["registry"].columns]
    assert titles[:9] == ["No.", "IIN", "Full name", "Region of residence", "Specialty profile", "Nosologies (ICD-10)",
                          "Included on", "Excluded on", "Reason of exclusion"]
    with world.session() as session:
        listing = REGISTRY_LISTINGS["registry"]
        ids = listing.ids(session)
        independents = set(session.scalars(select(m.StaffMember.id).where(
            m.StaffMember.role == m.StaffRole.INDEPENDENT)))
        assert set(ids) == independents
        staff = set(REGISTRY_LISTINGS["staff"].ids(session))
        assert staff and not staff & independents
        rows = listing.rows(session, ids)
        numbers = sorted(row[0] for row in rows.values())
        assert numbers == list(range(1, len(ids) + 1))  # every expert has a number of App 1
        excluded = [row for row in rows.values() if row[7] is not None]
        assert excluded and all(row[8] in rules.EXCLUSION_REASONS.values() for row in excluded)


def test_the_filters_narrow_by_stored_value(world):
    listing = REGISTRY_LISTINGS["applicants"]
    with world.session() as session:
        everyone = listing.ids(session)
        refused = listing.ids(session, filters={"status": "refused"})
        statuses = {row[6] for row in listing.rows(session, refused).values()}
        assert 0 < len(refused) < len(everyone) and statuses == {"Refused"}
        overdue = listing.ids(session, overdue=True, now=DEMO_DAY)
        assert overdue  # the demonstration's late document check
        region = listing.rows(session, everyone[:1])[everyone[0]][4]
        assert everyone[0] in listing.ids(session, filters={"region": region})


def test_demonstration_applicants_stand_in_every_state(world):
    with world.session() as session:
        states = {a.status.value for a in session.scalars(select(m.RegistryApplication))}
        apps = list(session.scalars(select(m.RegistryApplication)))
        for app in apps:  # due dates follow the calendar from each one's last step
            last = app.steps[-1]
            assert app.due_at is None or app.due_at > last.at
            assert (app.due_at is None) == (app.status.value in ("included", "refused"))
        refusals = {tuple(s.data.get("reasons", ())) for a in apps for s in a.steps if s.status_after == "refused"}
    assert states == set(rules.STATES)
    assert {("not_tested",), ("not_signed",)} <= refusals


@pytest.mark.parametrize("name", ["registry", "applicants", "staff"])
def test_export_to_xlsx_holds_every_row_and_the_kazakh_letters(world, tmp_path, capsys, name):
    out = tmp_path / f"{name}.xlsx"
    assert main(["--lang", "kk", "--data-dir", str(world.folder), "export", name, "--out", str(out)]) == 0
    reported = json.loads(capsys.readouterr().out)
    listing = REGISTRY_LISTINGS[name]
    with world.session() as session:
        ids = listing.ids(session)
        names = {row[[c.key for c in listing.columns].index("name")] for row in listing.rows(session, ids).values()}
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert reported["rows"] == len(ids) == len(rows) - 1
    assert rows[0] == tuple(i18n.gettext(c.title, "kk") for c in listing.columns)
    column = [c.key for c in listing.columns].index("name")
    assert {row[column] for row in rows[1:]} == names
    assert any(set("әғқңөұүһі") & set(n.lower()) for n in names)


def test_export_to_csv_and_dates_as_dates(world, tmp_path):
    with world.session() as session:
        csv_file = export.export(session, "applicants", tmp_path / "a.csv", lang="ru")
        xlsx_file = export.export(session, "applicants", tmp_path / "a.xlsx", lang="ru")
    with (tmp_path / "a.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert csv_file["rows"] == xlsx_file["rows"] == len(rows) - 1
    assert rows[0][0] == "№ заявления" and rows[1][1].count(".") == 2  # 17.06.2025 10:00
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert isinstance(sheet.cell(2, 2).value, datetime) and sheet.cell(2, 2).number_format == "DD.MM.YYYY HH:MM"


def test_export_refuses_an_unknown_format(world, tmp_path, capsys):
    assert main(["--data-dir", str(world.folder), "export", "registry", "--out", str(tmp_path / "r.pdf")]) == 2
    assert "xlsx" in capsys.readouterr().err
