"""Numbers in words for percentages (App 19-21) and the journal binding note (App 17).

Expected strings are written out by hand, never computed with num2words.
"""

import pytest
from num2words import num2words

from app.domain.words import (
    cardinal_in_words,
    percent_in_words,
    russian_plural,
    sheets_in_words,
)

PERCENT_RU = [
    (0, "ноль процентов"),
    (1, "один процент"),
    (2, "два процента"),
    (4, "четыре процента"),
    (5, "пять процентов"),
    (11, "одиннадцать процентов"),
    (12, "двенадцать процентов"),
    (14, "четырнадцать процентов"),
    (19, "девятнадцать процентов"),
    (20, "двадцать процентов"),
    (21, "двадцать один процент"),
    (22, "двадцать два процента"),
    (25, "двадцать пять процентов"),
    (40, "сорок процентов"),
    (45, "сорок пять процентов"),
    (59, "пятьдесят девять процентов"),
    (60, "шестьдесят процентов"),
    (79, "семьдесят девять процентов"),
    (80, "восемьдесят процентов"),
    (90, "девяносто процентов"),
    (99, "девяносто девять процентов"),
    (100, "сто процентов"),
]

PERCENT_KK = [
    (0, "нөл пайыз"),
    (1, "бір пайыз"),
    (2, "екі пайыз"),
    (4, "төрт пайыз"),
    (5, "бес пайыз"),
    (11, "он бір пайыз"),
    (12, "он екі пайыз"),
    (14, "он төрт пайыз"),
    (19, "он тоғыз пайыз"),
    (20, "жиырма пайыз"),
    (21, "жиырма бір пайыз"),
    (22, "жиырма екі пайыз"),
    (25, "жиырма бес пайыз"),
    (40, "қырық пайыз"),
    (45, "қырық бес пайыз"),
    (59, "елу тоғыз пайыз"),
    (60, "алпыс пайыз"),
    (79, "жетпіс тоғыз пайыз"),
    (80, "сексен пайыз"),
    (90, "тоқсан пайыз"),
    (99, "тоқсан тоғыз пайыз"),
    (100, "жүз пайыз"),
]

SHEETS_RU = [
    (1, "один лист"),
    (2, "два листа"),
    (5, "пять листов"),
    (11, "одиннадцать листов"),
    (21, "двадцать один лист"),
    (22, "двадцать два листа"),
    (101, "сто один лист"),
    (111, "сто одиннадцать листов"),
    (212, "двести двенадцать листов"),
    (1000, "одна тысяча листов"),
]

SHEETS_KK = [  # App 17/18 binding page: "Номірленген және баулықтап тігілген ___ бет/листа(-ов)"
    (1, "бір бет"),
    (2, "екі бет"),
    (5, "бес бет"),
    (11, "он бір бет"),
    (21, "жиырма бір бет"),
    (36, "отыз алты бет"),
    (47, "қырық жеті бет"),
    (68, "алпыс сегіз бет"),
    (73, "жетпіс үш бет"),
    (101, "жүз бір бет"),
    (111, "жүз он бір бет"),
    (212, "екі жүз он екі бет"),
    (1000, "бір мың бет"),
]


@pytest.mark.parametrize(("n", "expected"), PERCENT_RU)
def test_percent_in_words_ru(n, expected):
    assert percent_in_words(n, "ru") == expected


@pytest.mark.parametrize(("n", "expected"), PERCENT_KK)
def test_percent_in_words_kk(n, expected):
    assert percent_in_words(n, "kk") == expected


@pytest.mark.parametrize(("n", "expected"), SHEETS_RU)
def test_sheets_in_words_ru(n, expected):
    assert sheets_in_words(n, "ru") == expected


@pytest.mark.parametrize(("n", "expected"), SHEETS_KK)
def test_sheets_in_words_kk(n, expected):
    assert sheets_in_words(n, "kk") == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "листов"), (1, "лист"), (2, "листа"), (4, "листа"), (5, "листов"),
    (11, "листов"), (12, "листов"), (14, "листов"), (15, "листов"), (20, "листов"),
    (21, "лист"), (22, "листа"), (25, "листов"), (101, "лист"), (111, "листов"),
    (112, "листов"), (121, "лист"), (1001, "лист"), (1011, "листов"), (-1, "лист"),
])
def test_russian_plural(n, expected):
    assert russian_plural(n, "лист", "листа", "листов") == expected


@pytest.mark.parametrize("n", [-1, 101, 1000, 2.5, 45.0, True, False, "45", None])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_percent_rejects_invalid(n, lang):
    with pytest.raises(ValueError, match="percentage"):
        percent_in_words(n, lang)


@pytest.mark.parametrize("n", [0, -1, 2.5, True, "5", None])
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_sheets_rejects_invalid(n, lang):
    with pytest.raises(ValueError, match="sheets"):
        sheets_in_words(n, lang)


@pytest.mark.parametrize("lang", ["en", "kz", "RU", "", None])
def test_unknown_language_is_rejected(lang):
    with pytest.raises(ValueError, match="language"):
        percent_in_words(45, lang)
    with pytest.raises(ValueError, match="language"):
        sheets_in_words(5, lang)


def test_russian_plural_rejects_non_integers():
    with pytest.raises(ValueError):
        russian_plural(2.5, "лист", "листа", "листов")
    with pytest.raises(ValueError):
        russian_plural(True, "лист", "листа", "листов")


KAZAKH_NUMBER_WORDS = {
    "нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз",
    "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан",
    "жүз", "мың",
}
KAZAKH_ALPHABET = set("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")


def test_kazakh_words_from_0_to_1000_use_the_known_vocabulary_and_letters():
    # Guards against a num2words upgrade bringing a misspelt word or a look-alike Latin
    # letter (e.g. Latin "i" for Kazakh "і"): correct it in app/domain/words.py if this fails.
    for n in range(1001):
        words = cardinal_in_words(n, "kk").split()
        assert set(words) <= KAZAKH_NUMBER_WORDS, (n, words)
        assert set("".join(words)) <= KAZAKH_ALPHABET, (n, words)


def test_kazakh_words_follow_num2words():
    assert cardinal_in_words(999, "kk") == num2words(999, lang="kz") == "тоғыз жүз тоқсан тоғыз"


def test_cardinal_rejects_negative_numbers():
    with pytest.raises(ValueError):
        cardinal_in_words(-5, "ru")
