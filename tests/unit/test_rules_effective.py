"""Effective dates: each rule knows when it took effect and which wording applies, and the
check uses the rules in force on the examination date."""

from datetime import date, timedelta

import pytest

from app.domain.rules import check
from app.domain.rules.effective import (
    ORDER_62, ORDER_62_IN_FORCE, ORDER_104, ORDER_260, ORDER_260_IN_FORCE, PROACTIVE_IN_FORCE,
    RULES, in_force, version_on,
)
from app.errors import UserError

ADULT = date(1980, 1, 1)


def test_order_260_in_force_from_1_july_2023():
    assert ORDER_260_IN_FORCE == date(2023, 7, 1)
    assert in_force("§58–61", date(2023, 7, 1))
    assert not in_force("§58–61", date(2023, 6, 30))


@pytest.mark.parametrize("ref", ["§42", "§43", "§44", "§45", "§72"])
def test_p5_proactive_paragraphs_from_2025(ref):
    assert PROACTIVE_IN_FORCE == date(2025, 1, 1)
    assert not in_force(ref, date(2024, 12, 31))
    assert in_force(ref, date(2025, 1, 1))


def test_p73_3_added_by_order_62():
    assert not in_force("§73-3", ORDER_62_IN_FORCE - timedelta(days=1))
    assert version_on("§73-3", ORDER_62_IN_FORCE).source == ORDER_62


def test_order_62_not_before_ten_days_after_signature():
    assert ORDER_62_IN_FORCE >= date(2024, 3, 15)


def test_amended_paragraphs_have_versions():
    assert version_on("§31", date(2023, 8, 1)).source == ORDER_260
    assert not version_on("§31", date(2023, 8, 1)).wording_known
    assert version_on("§31", date(2024, 6, 1)).source == ORDER_62
    assert version_on("§70", date(2025, 1, 1)).source == ORDER_104
    assert version_on("App 10", date(2023, 8, 1)).source == ORDER_260
    assert version_on("App 10", date(2024, 6, 1)).source == ORDER_62


def test_every_rule_starts_with_order_260_or_later():
    for rule in RULES.values():
        assert rule.in_force_from >= ORDER_260_IN_FORCE
        assert list(rule.versions) == sorted(rule.versions, key=lambda v: v.since)


def _decision(**changes):
    decision = {"outcome": "conclusion", "group": "II", "cause": "general_disease",
                "term": "1y", "restrictions": {"mobility": 2}}
    decision.update(changes)
    return decision


def test_check_reports_the_wording_applied():
    assert check(_decision(), birth_date=ADULT, exam_date=date(2024, 1, 10),
                 kind="primary").versions["§31"] == ORDER_260
    assert check(_decision(), birth_date=ADULT, exam_date=date(2025, 1, 10),
                 kind="primary").versions["§31"] == ORDER_62
    assert "§42" not in check(_decision(), birth_date=ADULT, exam_date=date(2024, 12, 31),
                              kind="primary").versions


def test_p42_not_applied_to_an_exam_in_2024():
    """§42 (from 2025-01-01) forbids a work-injury cause in a proactive conclusion; in
    2024 there was no proactive examination at all (§8.7), so §42 is not applied and the
    proactive mode itself is the error."""
    decision = _decision(cause="work_injury")
    in_2025 = check(decision, birth_date=ADULT, exam_date=date(2025, 1, 1), kind="primary",
                    mode="proactive")
    in_2024 = check(decision, birth_date=ADULT, exam_date=date(2024, 12, 31), kind="primary",
                    mode="proactive")
    assert [f.rule for f in in_2025.errors] == ["§42"]
    assert [f.rule for f in in_2024.errors] == ["§8"]


def test_marks_exist_only_from_2025():
    mark = {"outcome": "unjustified", "reasons": ["no_grounds_primary"]}
    assert check(mark, birth_date=ADULT, exam_date=date(2025, 1, 1), kind="primary").ok
    old = check(mark, birth_date=ADULT, exam_date=date(2024, 12, 31), kind="primary")
    assert [f.rule for f in old.errors] == ["§43"]


def test_check_before_order_260_is_refused():
    with pytest.raises(UserError):
        check(_decision(), birth_date=ADULT, exam_date=date(2023, 6, 30), kind="primary")
    assert check(_decision(), birth_date=ADULT, exam_date=date(2023, 7, 1), kind="primary").ok
