"""Group or category from the degrees of restriction (§19, §26, §58–61, App 6)."""

import pytest

from app.domain.rules.groups import (
    CATEGORIES, counted_categories, groups_for_band, ignored_categories, severity, suggest_group,
)


def _one(category, degree):
    return {category: degree}


@pytest.mark.parametrize("category", ["self_care", "mobility", "work", "learning", "orientation",
                                      "communication", "behavior"])
def test_p58_degree_3_gives_group_I(category):
    assert suggest_group(_one(category, 3), "adult") == "I"
    assert suggest_group(_one(category, 3), "7_18") == "child_I"


@pytest.mark.parametrize("category", ["self_care", "mobility", "work", "learning", "orientation",
                                      "communication", "behavior"])
def test_p59_degree_2_gives_group_II(category):
    assert suggest_group(_one(category, 2), "adult") == "II"
    assert suggest_group(_one(category, 2), "7_18") == "child_II"


@pytest.mark.parametrize("category", ["self_care", "mobility", "work", "learning", "orientation",
                                      "communication", "behavior"])
def test_p60_degree_1_gives_group_III(category):
    assert suggest_group(_one(category, 1), "adult") == "III"
    assert suggest_group(_one(category, 1), "7_18") == "child_III"


def test_p58_p60_the_highest_degree_decides():
    restrictions = {"self_care": 1, "mobility": 2, "work": 3, "learning": 0}
    assert suggest_group(restrictions, "adult") == "I"
    assert suggest_group({"self_care": 1, "mobility": 2}, "adult") == "II"


@pytest.mark.parametrize(("category", "degree"), [
    ("self_care", 1), ("mobility", 2), ("learning", 3), ("orientation", 1),
    ("communication", 2), ("play", 3), ("behavior", 1), ("motor", 2),
])
def test_p61_any_degree_under_7_gives_child(category, degree):
    assert suggest_group(_one(category, degree), "under_7") == "child"


def test_p61_work_capacity_does_not_count_under_7():
    assert "work" not in counted_categories("under_7")
    assert suggest_group({"work": 3}, "under_7") == "none"
    assert ignored_categories({"work": 2}, "under_7") == ["work"]


@pytest.mark.parametrize("category", ["play", "motor"])
def test_p58_p60_children_categories_do_not_count_for_adults(category):
    assert suggest_group(_one(category, 3), "adult") == "none"
    assert ignored_categories(_one(category, 3), "adult") == [category]


@pytest.mark.parametrize(("category", "degree", "group"), [
    ("play", 3, "child_I"), ("motor", 2, "child_II"), ("motor", 1, "child_III"),
])
def test_p58_p60_children_categories_count_from_7_to_18(category, degree, group):
    assert suggest_group(_one(category, degree), "7_18") == group


@pytest.mark.parametrize("band", ["under_7", "7_18", "adult"])
def test_p19_no_restriction_gives_none(band):
    assert suggest_group({name: 0 for name in CATEGORIES}, band) == "none"
    assert suggest_group({}, band) == "none"


def test_p26_groups_by_age():
    assert groups_for_band("under_7") == ("child", "none")
    assert groups_for_band("7_18") == ("child_I", "child_II", "child_III", "none")
    assert groups_for_band("adult") == ("I", "II", "III", "none")


def test_severity_orders_groups_heaviest_first():
    assert severity("I") > severity("II") > severity("III") > severity("none")
    assert severity("child_I") == severity("I")
