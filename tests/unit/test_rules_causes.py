"""Causes of disability, УОТ and УПТ (§27, §28, §29, §42)."""

from datetime import date

import pytest

from app.domain.rules.causes import (
    CAUSES, allowed_causes, cause_allowed_for_age, cause_change_date, needs_causal_link,
    proactive_cause_allowed, upt_cause_allowed, usual_for_age,
)


@pytest.mark.parametrize(("cause", "band", "allowed"), [
    ("child_under_7", "under_7", True),
    ("child_under_7", "7_18", False),
    ("child_under_7", "adult", False),
    ("child_7_18", "under_7", False),
    ("child_7_18", "7_18", True),
    ("child_7_18", "adult", False),
    ("since_childhood", "under_7", False),
    ("since_childhood", "7_18", False),
    ("since_childhood", "adult", True),
    ("general_disease", "adult", True),
    ("work_injury", "7_18", True),
    ("ecological", "under_7", True),
])
def test_p27_causes_by_age(cause, band, allowed):
    assert cause_allowed_for_age(cause, band) is allowed


def test_p27_allowed_causes_lists():
    assert "child_under_7" in allowed_causes("under_7")
    assert "child_7_18" not in allowed_causes("under_7")
    assert "since_childhood" in allowed_causes("adult")
    assert set(allowed_causes("adult")) == set(CAUSES) - {"child_under_7", "child_7_18"}


def test_p27_general_disease_is_unusual_for_a_child():
    assert usual_for_age("general_disease", "adult")
    assert not usual_for_age("general_disease", "7_18")
    assert not usual_for_age("general_disease", "under_7")


@pytest.mark.parametrize(("cause", "needs"), [
    ("service_related", True), ("ecological", True), ("general_disease", False),
    ("work_injury", False),
])
def test_p27_subparagraphs_7_8_need_a_causal_link(cause, needs):
    assert needs_causal_link(cause) is needs


@pytest.mark.parametrize(("cause", "allowed"), [
    ("work_injury", True), ("occupational_disease", True), ("general_disease", False),
    ("service_related", False), (None, False),
])
def test_p28_upt_causes(cause, allowed):
    assert upt_cause_allowed(cause) is allowed


@pytest.mark.parametrize(("cause", "kind", "allowed"), [
    ("work_injury", "primary", False), ("ecological", "primary", False),
    ("service_related", "primary", False), ("general_disease", "primary", True),
    ("work_injury", "repeat", False), ("occupational_disease", "repeat", False),
    ("ecological", "repeat", True), ("service_related", "repeat", True),
])
def test_p42_proactive_conclusions_without_causal_links(cause, kind, allowed):
    assert proactive_cause_allowed(cause, kind) is allowed


def test_p29_cause_changes_from_the_submission_of_documents():
    assert cause_change_date(date(2025, 4, 7)) == date(2025, 4, 7)


def test_unknown_cause_is_refused():
    with pytest.raises(ValueError):
        cause_allowed_for_age("flu", "adult")
