"""IIN checksum, parsing and generation (docs/interfaces.md §1, "IIN checksum")."""

import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.iin import (
    IinInfo,
    InvalidIin,
    iin_check_digit,
    iin_checksum_ok,
    make_iin,
    parse_iin,
    validate_iin,
)


def with_check_digit(first_eleven: str) -> str:
    check = iin_check_digit(first_eleven)
    assert check is not None, first_eleven
    return f"{first_eleven}{check}"


def test_known_iin_checked_by_hand():
    # 9·1 + 0·2 + 0·3 + 5·4 + 1·5 + 5·6 + 3·7 + 0·8 + 0·9 + 1·10 + 2·11 = 117; 117 mod 11 = 7
    assert iin_checksum_ok("900515300127")
    assert parse_iin("900515300127") == IinInfo(date(1990, 5, 15), "male")


def test_second_pass_checked_by_hand():
    # first pass: 9 + 20 + 5 + 30 + 21 + 9·10 = 175, 175 mod 11 = 10 -> second pass
    # second pass: 9·3 + 5·6 + 1·7 + 5·8 + 3·9 + 9·1 = 140, 140 mod 11 = 8
    assert iin_check_digit("90051530090") == 8
    assert iin_checksum_ok("900515300908")
    assert not iin_checksum_ok("900515300900")  # 10 mod 10 would wrongly give 0


def test_no_check_digit_when_both_passes_give_ten():
    # first pass 186 mod 11 = 10, second pass 142 mod 11 = 10: no valid IIN has this prefix
    assert iin_check_digit("90051530091") is None
    assert not any(iin_checksum_ok(f"90051530091{d}") for d in "0123456789")


def test_make_iin_skips_a_serial_without_check_digit():
    assert make_iin(date(1990, 5, 15), "male", 91) == "900515300921"


def test_make_iin_known_value():
    assert make_iin(date(1990, 5, 15), "male", 12) == "900515300127"


@pytest.mark.parametrize(
    ("birth", "sex", "digit7"),
    [
        (date(1899, 12, 31), "male", "1"),
        (date(1850, 1, 1), "female", "2"),
        (date(1900, 1, 1), "male", "3"),
        (date(1999, 6, 30), "female", "4"),
        (date(2000, 2, 29), "male", "5"),
        (date(2024, 11, 5), "female", "6"),
    ],
)
def test_century_and_sex_digit(birth, sex, digit7):
    iin = make_iin(birth, sex, 0)
    assert iin[6] == digit7
    assert iin[:6] == birth.strftime("%y%m%d")
    assert validate_iin(iin) == IinInfo(birth, sex)


@given(
    birth=st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(["male", "female"]),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_make_iin_always_valid_and_round_trips(birth, sex, serial):
    iin = make_iin(birth, sex, serial)
    assert len(iin) == 12 and iin.isdigit()
    assert iin_checksum_ok(iin)
    assert parse_iin(iin) == IinInfo(birth, sex)
    if int(iin[7:11]) != serial:  # only a serial without check digit may be replaced
        assert iin_check_digit(f"{iin[:7]}{serial:04d}") is None


@pytest.mark.parametrize(
    ("iin", "reason"),
    [
        ("", "length"),
        ("90051530012", "length"),
        ("9005153001270", "length"),
        (900515300127, "length"),
        ("90051530012a", "digits"),
        ("9005153001 7", "digits"),
        ("９００５１５３００１２７", "digits"),  # full-width digits
        ("900515300128", "checksum"),
        ("900515300900", "checksum"),
        (with_check_digit("90051570012"), "century"),
        (with_check_digit("90051500012"), "century"),
        (with_check_digit("90133130012"), "date"),  # month 13
        (with_check_digit("90023030012"), "date"),  # 30 February
        (with_check_digit("00022930012"), "date"),  # 29.02.1900 does not exist
    ],
)
def test_invalid_iin_reason(iin, reason):
    with pytest.raises(InvalidIin) as excinfo:
        parse_iin(iin)
    assert excinfo.value.reason == reason
    assert isinstance(excinfo.value, ValueError)


def test_leap_day_of_2000_is_a_date():
    assert parse_iin(with_check_digit("00022950012")).birth_date == date(2000, 2, 29)


def test_checksum_ok_is_false_for_malformed_input():
    assert not iin_checksum_ok("90051530012")
    assert not iin_checksum_ok("90051530012x")
    assert not iin_checksum_ok("900515300126")


def test_make_iin_rejects_impossible_input():
    with pytest.raises(ValueError):
        make_iin(date(1990, 1, 1), "male", 10_000)
    with pytest.raises(ValueError):
        make_iin(date(1990, 1, 1), "male", -1)
    with pytest.raises(ValueError):
        make_iin(date(1799, 12, 31), "female", 1)
    with pytest.raises(ValueError):
        make_iin(date(1990, 1, 1), "other", 1)  # type: ignore[arg-type]


def test_make_iin_is_fast():
    birth = date(1985, 7, 1)
    start = time.perf_counter()
    for serial in range(50_000):
        make_iin(birth, "female", serial % 10_000)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("typed, words", [
    ("90051530012", "12 digits"),
    ("9005153001A7", "only digits"),
    ("900515300128", "check digit"),
    ("901315300003", "real date"),  # month 13, yet a valid check digit
])
def test_wrong_iin_gets_a_message_naming_the_problem(typed, words):
    from app.errors import UserError

    with pytest.raises(UserError) as caught:
        validate_iin(typed)
    assert words in caught.value.text("en") and typed in caught.value.text("ru")


def test_typed_iin_may_contain_spaces():
    assert validate_iin(" 900515 300127 ").sex == "male"
