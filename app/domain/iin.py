"""Individual identification number (ИИН / ЖСН) of Kazakhstan.

An IIN has 12 digits:

* digits 1-6   YYMMDD, the date of birth;
* digit 7      century and sex: 1/2 = male/female born 1800-1899, 3/4 = 1900-1999,
               5/6 = 2000-2099;
* digits 8-11  registration serial number;
* digit 12     check digit (docs/interfaces.md §1, "IIN checksum"):
               s = Σ di·i (i = 1..11) mod 11; if s = 10, s = Σ di·wi mod 11 with
               w = 3,4,5,6,7,8,9,10,11,1,2; if still 10 the IIN is invalid;
               otherwise d12 must equal s.

Validation never looks at today's date: an IIN with a birth date in the future is
still well-formed here; whether such a person may exist is the registers' business
(ГБД ФЛ, REC002).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Literal

from ..errors import UserError
from ..i18n import N_

Sex = Literal["male", "female"]
SEXES: tuple[Sex, ...] = ("male", "female")

IIN_LENGTH = 12
SERIAL_COUNT = 10_000  # digits 8-11

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# digit 7 -> (first year of the century, sex)
_CENTURY_DIGITS: dict[int, tuple[int, Sex]] = {
    1: (1800, "male"),
    2: (1800, "female"),
    3: (1900, "male"),
    4: (1900, "female"),
    5: (2000, "male"),
    6: (2000, "female"),
}
_DIGIT_FOR: dict[tuple[int, Sex], int] = {value: key for key, value in _CENTURY_DIGITS.items()}


class InvalidIin(ValueError):
    """An IIN that is not well-formed.

    ``reason`` is one of ``length``, ``digits``, ``checksum``, ``century``, ``date``;
    the checks run in this order and the first failing one is reported.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class IinInfo:
    birth_date: date
    sex: Sex


def _is_ascii_digits(text: object) -> bool:
    return isinstance(text, str) and text.isascii() and text.isdigit()


def iin_check_digit(first_eleven: str) -> int | None:
    """The check digit for the first 11 digits, or None when no check digit exists."""
    digits = tuple(map(int, first_eleven))
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        s = sum(map(mul, digits, weights)) % 11
        if s != 10:
            return s
    return None


def iin_checksum_ok(iin: str) -> bool:
    """True when ``iin`` is 12 ASCII digits and its 12th digit is the check digit."""
    if not (_is_ascii_digits(iin) and len(iin) == IIN_LENGTH):
        return False
    return iin_check_digit(iin[:11]) == int(iin[11])


def parse_iin(iin: str) -> IinInfo:
    """Birth date and sex encoded in ``iin``; raises :class:`InvalidIin` when malformed."""
    if not isinstance(iin, str) or len(iin) != IIN_LENGTH:
        raise InvalidIin("length", f"IIN must have {IIN_LENGTH} digits: {iin!r}")
    if not _is_ascii_digits(iin):
        raise InvalidIin("digits", f"IIN must consist of digits only: {iin!r}")
    if not iin_checksum_ok(iin):
        raise InvalidIin("checksum", f"IIN check digit is wrong: {iin}")
    century_digit = int(iin[6])
    if century_digit not in _CENTURY_DIGITS:
        raise InvalidIin("century", f"IIN digit 7 must be 1-6, not {century_digit}: {iin}")
    century, sex = _CENTURY_DIGITS[century_digit]
    try:
        birth_date = date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise InvalidIin("date", f"IIN digits 1-6 are not a date: {iin}") from None
    return IinInfo(birth_date=birth_date, sex=sex)


_USER_MESSAGES = {
    "length": N_("The IIN must have 12 digits; \"{value}\" has {count}."),
    "digits": N_("The IIN may contain only digits: \"{value}\"."),
    "checksum": N_("The IIN {value} has a wrong check digit; please look for a typing error."),
    "century": N_("The IIN {value} does not encode a date of birth (its 7th digit must be 1-6)."),
    "date": N_("The IIN {value} does not encode a real date of birth."),
}


def validate_iin(text: str) -> IinInfo:
    """An IIN typed or received from outside (spaces ignored); a wrong one raises a
    :class:`UserError` that names the problem in the user's language."""
    value = "".join(str(text).split())
    try:
        return parse_iin(value)
    except InvalidIin as error:
        raise UserError(_USER_MESSAGES[error.reason], value=value, count=len(value)) from None


def make_iin(birth_date: date, sex: Sex, serial: int) -> str:
    """A valid IIN for a person born on ``birth_date`` with the given ``sex``.

    ``serial`` (0-9999) becomes digits 8-11.  When no check digit exists for that
    serial (both checksum passes give 10), the next serial is used (9999 wraps to
    0000), so two neighbouring serials can yield the same IIN: callers that need
    unique IINs must keep track of the ones they have handed out.
    """
    if not 0 <= serial < SERIAL_COUNT:
        raise ValueError(f"serial must be 0-{SERIAL_COUNT - 1}, not {serial}")
    century = birth_date.year - birth_date.year % 100
    century_digit = _DIGIT_FOR.get((century, sex))
    if century_digit is None:
        raise ValueError(f"no IIN century digit for year {birth_date.year} and sex {sex!r}")
    prefix = f"{birth_date.year % 100:02d}{birth_date.month:02d}{birth_date.day:02d}{century_digit}"
    for offset in range(SERIAL_COUNT):
        first_eleven = f"{prefix}{(serial + offset) % SERIAL_COUNT:04d}"
        check = iin_check_digit(first_eleven)
        if check is not None:
            return f"{first_eleven}{check}"
    raise AssertionError("unreachable: some serial always has a check digit")
