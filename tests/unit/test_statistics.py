"""The statistics of expertise (app.services.statistics) against an independent computation:
Fleiss' κ by statsmodels, Cohen's κ by scikit-learn, the dissent test's binomial tail by SciPy,
and the patterns 3/3, 2/1, 1/1/1 counted in Python, on generated panels; and the figures of
``saraptama stats`` are those of the service the Statistics tab shows."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from app.domain.app15 import APP15_ITEMS
from app.domain.clock import KZ_TIME, clock_at
from app.domain.review import compared
from app.errors import UserError
from app.services import statistics
from app.services.statistics import kappa
from app.domain.app15 import chapter_of
from tests import statistics_data
from tests.cli_runner import Cli

aggregate_raters = pytest.importorskip("statsmodels.stats.inter_rater").aggregate_raters
fleiss_kappa = pytest.importorskip("statsmodels.stats.inter_rater").fleiss_kappa
cohen_kappa_score = pytest.importorskip("sklearn.metrics").cohen_kappa_score
binom = pytest.importorskip("scipy.stats").binom

PERIOD = statistics.Filters(date(2025, 3, 1), date(2025, 4, 30))
NOW = datetime(2025, 5, 5, 12, 0, tzinfo=KZ_TIME)


def key(decision: dict, field: str) -> str:
    """The category of a decision, by the consolidation's own comparison (app.domain.review.compared)."""
    if field == "decision":
        return repr(compared(decision))
    return decision[field] if decision["outcome"] == "conclusion" else decision["outcome"]


@pytest.fixture
def panels(db):
    return statistics_data.generate(db)


@pytest.fixture
def agreement(db, panels):
    with db.session() as session, clock_at(NOW):
        return statistics.agreement(session, PERIOD, min_pair_acts=10)


@pytest.mark.parametrize("field", ["decision", "group", "cause", "term"])
def test_fleiss_kappa_is_that_of_statsmodels(agreement, panels, field):
    ratings = [[key(d, field) for d in panel.decisions.values()] for panel in panels]
    codes = sorted({r for row in ratings for r in row})
    table, _categories = aggregate_raters([[codes.index(r) for r in row] for row in ratings])
    row = next(r for r in agreement["by_field"] if r["field"] == field)
    assert row["acts"] == len(panels)
    if len(codes) == 1:
        assert row["kappa"] is None  # every decision alike: κ undefined
    else:
        assert row["kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-4)


@pytest.mark.parametrize("field", ["decision", "term"])
def test_patterns_are_counted_panel_by_panel(agreement, panels, field):
    distinct = [len({key(d, field) for d in panel.decisions.values()}) for panel in panels]
    row = next(r for r in agreement["by_field"] if r["field"] == field)
    assert (row["unanimous"], row["majority"], row["split"]) == (distinct.count(1), distinct.count(2),
                                                                 distinct.count(3))


def test_fleiss_kappa_per_chapter(agreement, panels):
    for code in statistics_data.CODES:
        chosen = [p for p in panels if p.chapter_code == code]
        ratings = [[repr(compared(d)) for d in p.decisions.values()] for p in chosen]
        codes = sorted({r for row in ratings for r in row})
        table, _ = aggregate_raters([[codes.index(r) for r in row] for row in ratings])
        row = next(r for r in agreement["by_chapter"] if r["chapter"] == chapter_of(code) and r["field"] == "decision")
        assert row["acts"] == len(chosen)
        assert row["kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-4)


def test_cohen_kappa_of_each_pair_is_that_of_scikit_learn(agreement, panels, db):
    pairs = {}
    for panel in panels:
        experts = sorted(panel.decisions)
        for i, a in enumerate(experts):
            for b in experts[i + 1:]:
                first, second = pairs.setdefault((a, b), ([], []))
                first.append(repr(compared(panel.decisions[a])))
                second.append(repr(compared(panel.decisions[b])))
    enough = {pair: lists for pair, lists in pairs.items() if len(lists[0]) >= 10}
    assert len(agreement["pairs"]) == len(enough) > 0
    assert agreement["pairs_together"] == len(pairs)
    expected = sorted((len(a), round(cohen_kappa_score(a, b), 4)) for a, b in enough.values())
    found = sorted((row["acts"], row["kappa"]) for row in agreement["pairs"])
    assert [acts for acts, _k in found] == [acts for acts, _k in expected]
    assert [k for _a, k in found] == pytest.approx([k for _a, k in expected], abs=1e-4)


def test_the_dissenting_expert_is_flagged_with_the_binomial_tail(agreement, panels):
    rows = {row["expert"]: row for row in agreement["by_expert"]}
    dissenter = rows["Эксперт4 Н."]  # the fifth expert, right in 35% of acts
    assert dissenter["flagged"] and [r["expert"] for r in agreement["by_expert"] if r["flagged"]] == ["Эксперт4 Н."]
    others_n = sum(r["compared"] for r in rows.values()) - dissenter["compared"]
    others_x = sum(r["differs"] for r in rows.values()) - dissenter["differs"]
    pooled = others_x / others_n
    assert dissenter["others_rate"] == pytest.approx(pooled, abs=1e-4)
    assert dissenter["p_value"] == pytest.approx(binom.sf(dissenter["differs"] - 1, dissenter["compared"], pooled),
                                                 rel=1e-2)


def test_an_expert_differs_when_the_decision_is_not_the_conclusion(agreement, panels):
    by_id = {}
    for panel in panels:
        for expert, decision in panel.decisions.items():
            if panel.final is not None:
                seen = by_id.setdefault(expert, [0, 0])
                seen[0] += 1
                seen[1] += compared({"outcome": "conclusion", **decision}) != compared(
                    {"outcome": "conclusion", **panel.final})
    found = sorted((r["compared"], r["differs"]) for r in agreement["by_expert"])
    assert found == sorted(tuple(v) for v in by_id.values())


def test_binomial_tail_of_a_textbook_case():
    # P(X >= 8) for X ~ Binomial(10, 0.5) = (45 + 10 + 1) / 1024
    assert kappa.binomial_tail(8, 10, 0.5) == pytest.approx(56 / 1024)


def test_fleiss_1971_table():
    """Fleiss (1971), the classic 10 subjects × 14 raters × 5 categories example: κ = 0.210."""
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    squares = sum(n * n for row in table for n in row)
    totals = [sum(column) for column in zip(*table)]
    assert kappa.fleiss(10, 14, squares, sum(t * t for t in totals)) == pytest.approx(0.210, abs=1e-3)


@pytest.mark.parametrize(("code", "chapter"), [
    ("C50.1", "1"), ("C00", "1"), ("A15.0", "2"), ("A17", "2"), ("I63.5", "3"), ("I74.0", "3"), ("N18.5", "4"),
    ("F20", "5"), ("E10", "6"), ("E76", "6"), ("S48", "7"), ("S14.1", "7"), ("Q90", "8"), ("N18.1", "9"),
    ("K74", "9"), ("D61.3", "10"), ("Q11.1", "11"), ("A30", "12"), ("B92", "12"), ("G20", "13"),
    ("J45", None), ("I62.8", None)])
def test_chapter_of_a_diagnosis_is_its_app15_item(code, chapter):
    assert chapter_of(code) == chapter


def test_every_app15_code_has_the_chapter_of_its_item_or_an_earlier_one():
    for item in APP15_ITEMS:
        for code in item.codes():
            assert int(chapter_of(code)) <= int(item.number.split(".")[0])


def test_the_commands_print_the_service_figures(db, data_dir, panels, capsys, tmp_path):
    cli = Cli(capsys, data_dir, tmp_path)
    with clock_at(NOW):
        for view in statistics.VIEWS:
            printed = cli.ok("stats", view, "--from", "2025-03-01", "--to", "2025-04-30")
            with db.session() as session:
                served = json.loads(json.dumps(statistics.report(session, view, PERIOD)))
            assert printed == served


def test_the_commands_write_the_tables_to_xlsx(data_dir, panels, capsys, tmp_path):
    from openpyxl import load_workbook
    cli = Cli(capsys, data_dir, tmp_path)
    out = tmp_path / "agreement.xlsx"
    result = cli.ok("stats", "agreement", "--from", "2025-03-01", "--to", "2025-04-30", "--format", "xlsx",
                    "--out", out)
    book = load_workbook(out)
    assert result["sheets"] == len(book.sheetnames) == 4
    by_field = book.worksheets[0]
    assert [c.value for c in by_field[1]][:2] == ["What is compared", "Acts"]
    assert by_field.cell(2, 2).value == len(panels)


@pytest.mark.parametrize(("argv", "problem"), [
    (("--from", "2025-04-30", "--to", "2025-03-01"), "ends"),
    (("--from", "2025-03-01", "--to", "2025-04-30", "--department", "99-99"), "99-99"),
    (("--from", "2025-03-01", "--to", "2025-04-30", "--format", "xlsx"), "--out"),
    (("--from", "2020-01-01", "--to", "2025-04-30"), "three years"),
])
def test_bad_filters_are_refused_in_one_line(data_dir, capsys, tmp_path, argv, problem):
    message = Cli(capsys, data_dir, tmp_path).refused("stats", "reversals", *argv)
    assert problem in message


def test_bad_filters_change_nothing_and_name_the_problem(db):
    with db.session() as session, pytest.raises(UserError, match="chapter 14"):
        statistics.report(session, "agreement", statistics.Filters(date(2025, 1, 1), date(2025, 2, 1), chapter="14"))


def test_no_examined_persons_data_in_the_figures(demo_db):
    """Names, IINs and birth dates of examined persons appear in no figure (experts are staff)."""
    from sqlalchemy import select

    from app import models as m
    with demo_db.session() as session:
        text = json.dumps([statistics.report(session, view, statistics.Filters(date(2020, 1, 1), date(2022, 12, 31)))
                           for view in statistics.VIEWS] +
                          [statistics.report(session, view, statistics.Filters(date(2024, 1, 1), date(2026, 12, 31)))
                           for view in statistics.VIEWS], ensure_ascii=False)
        persons = session.execute(select(m.Person.iin, m.Person.last_name, m.Person.first_name,
                                         m.Person.birth_date)).all()
    assert persons and '"acts": 0' not in text[:200]
    for iin, last_name, first_name, birth in persons:
        assert iin not in text and f"{last_name} {first_name}" not in text and birth.isoformat() not in text


def test_the_demonstrations_first_view_shows_reversals_on_appeal_and_control(demo_db):
    """The tab's first view on a demonstration workstation — its own department, the last three
    months by the program's clock — shows conclusions changed on appeal (§54-56) and on control
    (§73)."""
    from datetime import timedelta

    from app.services import workstation
    from tests.conftest import TEST_START
    with demo_db.session() as session, clock_at(TEST_START):
        home = workstation.settings(session).department_code
        today = TEST_START.date()
        found = statistics.reversals(session, statistics.Filters(today - timedelta(days=90), today, department=home))
    assert found["total"]["changed"] > 0 and found["by_department"][0]["department"] == home
    changed = {row["kind"]: row["changed"] for row in found["by_kind"]}
    assert changed.get("appeal", 0) > 0 and changed.get("control", 0) > 0
