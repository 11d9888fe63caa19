"""Live language switching: Qt's own dialogs follow, and the default locale does too."""

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from app import i18n
from ui import language

QT_CANCEL = {"kk": "Бас тарту", "ru": "Отмена", "en": "Cancel"}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_qt_standard_buttons_and_locale_follow_the_language(qapp, lang):
    language.set_language(lang)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == QT_CANCEL[lang]
    assert QLocale().name() == language.QT_LOCALES[lang]


def test_switching_back_and_forth_keeps_one_translator(qapp):
    for lang in ("kk", "ru", "kk", "en", "ru"):
        language.set_language(lang)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == QT_CANCEL["ru"]
    language.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_signal_fires_when_app_i18n_is_switched_directly(qtbot):
    with qtbot.waitSignal(language.notifier().changed) as blocker:
        i18n.set_language("kk")
    assert blocker.args == ["kk"]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == QT_CANCEL["kk"]


def test_numbers_are_grouped_in_the_language():
    assert language.format_number(100000, "en") == "100,000"
    assert language.format_number(100000, "ru") == "100\xa0000"
