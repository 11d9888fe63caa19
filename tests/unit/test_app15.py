"""Appendix 15 of the MSE Rules: transcription and coverage test (F013)."""

import re

import pytest

from app.domain.app15 import (
    APP15_ITEMS,
    app15_item,
    covered,
    is_icd10_shape,
    normalise_icd10,
)

# Every numbered line of the appendix, in its order.
EXPECTED_NUMBERS = [
    "1", *(f"1.{i}" for i in range(1, 16)),
    "2", "2.1", "2.2", "2.3", "2.4",
    "3", "3.1", "3.2",
    "4", "5",
    "6", "6.1", "6.2", "6.3",
    "7", "7.1",
    "8",
    "9", "9.1",
    "10", "11", "12", "13",
]

# Range bounds that are not written out in the seed's code column (see the module
# docstring): "18.9" lost its letter, "F00-99" and "Z94-95" abbreviate the upper bound.
RECONSTRUCTED_BOUNDS = {"N18.9", "F99", "Z95"}


def test_every_item_transcribed_in_order():
    assert len(APP15_ITEMS) == 39
    assert [item.number for item in APP15_ITEMS] == EXPECTED_NUMBERS


def test_only_the_heading_of_item_1_has_no_codes():
    assert [item.number for item in APP15_ITEMS if not item.ranges] == ["1"]


def test_ranges_are_latin_icd10_and_ordered():
    for item in APP15_ITEMS:
        for low, high in item.ranges:
            assert re.fullmatch(r"[A-Z]\d{2}(\.\d)?", low), (item.number, low)
            assert re.fullmatch(r"[A-Z]\d{2}(\.\d)?", high), (item.number, high)
            assert low <= high, item.number


def test_ranges_match_the_code_column_of_the_seed():
    for item in APP15_ITEMS:
        written = normalise_icd10(item.icd10_text)
        for bound in {b for pair in item.ranges for b in pair}:
            assert bound in written or bound in RECONSTRUCTED_BOUNDS, (item.number, bound)


def test_specific_items():
    assert app15_item("1.7").ranges == (("C50.0", "C50.9"),)
    assert app15_item("1.1").icd10_text == "С00 – С 14"
    assert app15_item("1.1").ranges == (("C00", "C14"),)
    assert app15_item("5").ranges == (("F00", "F99"),)
    assert app15_item("7").ranges[6] == ("T05", "T05")
    assert len(app15_item("7").details) == 22
    assert ("N18.9", "N18.9") in app15_item("9").ranges
    assert app15_item("13").ranges == (("G20", "G20"),)


def test_qualifiers():
    qualified = {
        item.number: (item.age, item.exam) for item in APP15_ITEMS if item.age or item.exam
    }
    assert qualified == {
        "3": ("adult", None),
        "4": ("adult", None),
        "6": ("child", None),
        "6.3": ("child", None),
        "7.1": (None, "repeat"),
        "9": (None, "primary"),
    }
    assert all(item.note for item in APP15_ITEMS if item.age or item.exam)
    assert app15_item("7.1").note == "при повторном освидетельствовании"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("С16.2", "C16.2"),  # Cyrillic ES
        ("с16.2", "C16.2"),
        ("c16.2", "C16.2"),
        ("Т86.1", "T86.1"),
        ("К74.0", "K74.0"),
        ("В18.9", "B18.9"),
        ("Е10", "E10"),
        ("А15.0", "A15.0"),
        ("І63.4", "I63.4"),  # Kazakh І
        (" Q 11.2 ", "Q11.2"),
        ("С00 – С 14", "C00-C14"),
        ("С15 -–С26", "C15-C26"),
    ],
)
def test_normalise_icd10(raw, expected):
    assert normalise_icd10(raw) == expected


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("C16.2", True),
        ("C16", True),
        ("C16.25", True),
        ("с16.2", True),
        ("C1", False),
        ("16.2", False),
        ("C16.", False),
        ("C16.255", False),
        ("CC16", False),
        ("", False),
    ],
)
def test_is_icd10_shape(code, ok):
    assert is_icd10_shape(code) is ok


def number_for(code, age=40, kind="primary"):
    item = covered(code, age_years=age, kind=kind)
    return item.number if item else None


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("C16.2", "1.2"),
        ("С16.2", "1.2"),  # written with a Cyrillic letter
        ("c16.2", "1.2"),
        ("C14.9", "1.1"),  # category range covers subcategories
        ("C00", "1.1"),
        ("C97", "1.15"),
        ("C50.4", "1.7"),
        ("C50.91", "1.7"),  # finer than the bounds
        ("C50", "1.7"),  # whole category inside C50.0-C50.9
        ("C90.1", "1.14"),  # also in item 10; the first item wins
        ("A15.0", "2"),
        ("A19.9", "2"),
        ("I63.4", "3"),
        ("I74.0", "3.1"),
        ("F20.0", "5"),
        ("E11.5", "6.1"),
        ("S78.1", "7"),
        ("Q72.3", "7"),
        ("Q90.0", "8"),
        ("Z94.4", "9"),
        ("K74.6", "9.1"),
        ("D46.2", "10"),
        ("Q11.2", "11"),
        ("A30.1", "12"),
        ("B92", "12"),
        ("G20", "13"),
    ],
)
def test_covered_for_an_adult_primary_referral(code, number):
    assert number_for(code) == number


@pytest.mark.parametrize(
    "code",
    ["J45.0", "I10", "I62.8", "I62", "I68.0", "Q72.4", "Q71.8", "A20.0", "C98", "D61.0",
     "N18.0", "S14.2", "not a code", "", "C16.2.1"],
)
def test_not_covered(code):
    assert covered(code, age_years=40, kind="primary") is None
    assert covered(code, age_years=40, kind="repeat") is None


def test_adults_only_stroke_item():
    assert number_for("I63.4", age=18) == "3"
    assert number_for("I63.4", age=17) is None


def test_children_only_mucopolysaccharidosis():
    assert number_for("E76.0", age=17) == "6.3"
    assert number_for("E76.0", age=18) is None


def test_type_1_diabetes_is_item_6_for_a_child_and_6_1_for_an_adult():
    assert number_for("Е10.9", age=9) == "6"
    assert number_for("E10.9", age=30) == "6.1"


def test_spinal_cord_transection_only_at_repeat_examination():
    assert number_for("S24.1", kind="repeat") == "7.1"
    assert number_for("S24.1", kind="primary") is None


def test_transplantation_only_at_primary_referral():
    assert number_for("T86.1", kind="primary") == "9"
    assert number_for("T86.1", kind="repeat") is None
    assert number_for("K74.3", kind="repeat") == "9.1"  # cirrhosis item has no qualifier


def test_end_stage_renal_failure():
    assert number_for("N18.5", age=40, kind="repeat") == "4"
    assert number_for("N18.5", age=10, kind="primary") == "9"
    assert number_for("N18.5", age=10, kind="repeat") is None


def test_example_codes_are_covered_by_their_item():
    for item in APP15_ITEMS:
        for code in item.codes():
            assert is_icd10_shape(code) and item.covers_code(code), (item.number, code)
    assert app15_item("3").codes()[:3] == ("I60.0", "I60.1", "I60.2")
    assert len(app15_item("5").codes()) == 100  # F00..F99


def test_kind_must_be_primary_or_repeat():
    with pytest.raises(ValueError):
        covered("C16.2", age_years=40, kind="first")  # type: ignore[arg-type]
