"""The window's language: one Qt signal that every widget listens to, Qt's own translations
of its standard dialogs, and formatting of numbers and dates in the current language.

``app.i18n`` owns the current language.  :func:`notifier` bridges its listener to a Qt
signal (Frescobaldi style): widgets connect ``notifier().changed`` to their
``retranslate()``, and whoever calls ``app.i18n.set_language`` switches the whole window.
"""

from __future__ import annotations

import gc
from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from babel import Locale
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QWidget

from app import i18n
from app.domain.deadlines import RULES
from app.domain.regions import REGIONS, region_by_code
from app.i18n import N_
from app.i18n import gettext as _


# Names of the languages in themselves: never translated, so anyone can find their own.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
QT_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


class _Notifier(QObject):
    changed = Signal(str)


_notifier: _Notifier | None = None
_qt_translator: QTranslator | None = None
_qt_translator_lang = "en"


def notifier() -> _Notifier:
    """The process-wide "language changed" signal (created on first use)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
        i18n.on_language_changed(_language_changed)
    return _notifier


def _language_changed(lang: str) -> None:
    _apply_to_qt(lang)
    notifier().changed.emit(lang)


def set_language(lang: str) -> None:
    """Switches the program to ``lang``; Qt's own texts follow even when it did not change."""
    notifier()
    i18n.set_language(lang)
    _apply_to_qt(lang)


_wanted: str | None = None  # the last language chosen, while its catalog is being read


def choose(lang: str) -> None:
    """The user chose ``lang`` (``ui.settings.choose_language``): the window switches once the
    language's catalog and Babel's data for it are read.  The first switch to a language reads
    them off the GUI thread (``read_ahead``, some 5,000 lines of a catalog), so the click never
    holds the window; a later choice wins over an earlier one still being read."""
    global _wanted
    _wanted = lang
    if i18n.loaded(lang):
        set_language(lang)


def switch_if_chosen(lang: str) -> None:
    """``lang`` has been read ahead: the window switches to it unless another was chosen since."""
    if _wanted == lang:
        set_language(lang)


def read_ahead(lang: str) -> None:
    """What a first text of ``lang`` would read: the program's catalog and Babel's locale data
    (numbers and dates).  Safe on any thread.  Python's cycle collector waits meanwhile: the
    tens of thousands of short-lived objects of a catalog being read would start a full
    collection of all the window's objects, which holds every thread, the window's too, for
    0.1–0.3 s (docs/benchmarks.md, "How long a click holds the window")."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        i18n.load(lang)
        locale = Locale.parse(lang)
        locale.decimal_formats, locale.date_formats  # noqa: B018 (loads the locale's data)
    finally:
        if collecting:
            gc.enable()


class _Follower(QObject):
    """Retranslates its widget at a change of language when the widget is visible, else when it is
    next shown (see :func:`follow`)."""

    def __init__(self, widget: QWidget, retranslate):
        super().__init__(widget)
        self.widget, self.retranslate = widget, retranslate
        self.stale = False
        widget.installEventFilter(self)
        notifier().changed.connect(self.changed)

    def changed(self) -> None:
        if self.widget.isVisible():
            self.stale = False
            self.retranslate()
        else:
            self.stale = True

    def eventFilter(self, watched, event) -> bool:
        if self.stale and event.type() == QEvent.Type.Show:
            self.stale = False
            self.retranslate()
        return False


def follow(widget: QWidget, retranslate) -> None:
    """``retranslate()`` at each change of language: at once while ``widget`` is shown, when it is
    next shown while it is hidden (a tab behind another, a closed dialog kept for later).  So a
    switch retranslates only what the user sees; every tab still speaks the new language when
    it comes forward."""
    _Follower(widget, retranslate)


def qlocale(lang: str | None = None) -> QLocale:
    return QLocale(QT_LOCALES[lang or i18n.current_language()])


def _apply_to_qt(lang: str) -> None:
    """Default locale and the ``qtbase_<lang>`` catalog of Qt's standard dialogs and buttons."""
    global _qt_translator, _qt_translator_lang
    QLocale.setDefault(qlocale(lang))
    if lang == _qt_translator_lang:
        return
    app = QCoreApplication.instance()
    if _qt_translator is not None:
        if app is not None:
            app.removeTranslator(_qt_translator)
        _qt_translator = None
    _qt_translator_lang = "en"
    if app is not None:
        _install_supplement(app, lang)
    if lang == "en" or app is None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _qt_translator, _qt_translator_lang = translator, lang
    _install_supplement(app, lang)


# Texts Qt's own catalog leaves in English (qtbase_ru has "Look in:" but not the file dialog's
# "&Look in:" with its shortcut letter).
QT_SUPPLEMENT = {
    "ru": {("QFileDialog", "&Look in:"): "&Папка:", ("QFileDialog", "Files of &type:"): "&Тип файлов:"},
}
_supplement: QTranslator | None = None


class _Supplement(QTranslator):
    def __init__(self, parent, texts: dict[tuple[str, str], str]):
        super().__init__(parent)
        self.texts = texts

    def isEmpty(self) -> bool:
        return not self.texts

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return self.texts.get((context, source_text))  # None: not ours, the next catalog answers


def _install_supplement(app, lang: str) -> None:
    global _supplement
    if _supplement is not None:
        app.removeTranslator(_supplement)
        _supplement = None
    if lang in QT_SUPPLEMENT:
        _supplement = _Supplement(app, QT_SUPPLEMENT[lang])
        app.installTranslator(_supplement)


# -- formatting -------------------------------------------------------------------------------
REGION_CODES = frozenset(region.code for region in REGIONS)
LIST_DATE = {"kk": "dd.MM.yyyy", "ru": "dd.MM.yyyy"}  # as on Kazakhstan's forms; short enough for 1024 px

def format_number(value: int, lang: str | None = None) -> str:
    return format_decimal(value, locale=lang or i18n.current_language())


@lru_cache(maxsize=8192)
def _format(value, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return _("Yes", lang) if value else _("No", lang)
    if kind == "label":
        return _(str(value), lang)
    if kind == "region":
        return region_by_code(value).name(lang) if value in REGION_CODES else str(value)
    if kind == "int" and isinstance(value, int):
        return format_decimal(value, locale=lang)
    if kind == "datetime" and isinstance(value, datetime):
        return f"{format_date(value.date(), LIST_DATE.get(lang, 'medium'), locale=lang)} {value:%H:%M}"
    if kind in ("date", "datetime") and isinstance(value, date):
        return format_date(value, LIST_DATE.get(lang, "medium"), locale=lang)
    return str(value)


REGISTRY_RULES = "Registry Rules p. "


def paragraph_words(paragraph: str, lang: str | None = None) -> str:
    """A rule's paragraph in the reader's language: "§20.3" as it is, "Registry Rules p. 7" in words."""
    if paragraph.startswith(REGISTRY_RULES):
        return _("Registry Rules p. {number}", lang or i18n.current_language()).format(
            number=paragraph[len(REGISTRY_RULES):])
    return paragraph


def format_deadline(moment: datetime, rule_name: str, lang: str | None = None) -> str:
    """"Due Thursday, 27 March 2025, 18:00 (§20.3): expert decision on a draft act"."""
    lang = lang or i18n.current_language()
    rule = RULES[rule_name]
    return _("Due {moment} ({paragraph}): {what}", lang).format(
        moment=format_datetime(moment, "EEEE, d MMMM y, HH:mm", locale=lang),
        paragraph=paragraph_words(rule.paragraph, lang),
        what=_(rule.title, lang))


# App 15 of the MSE Rules is in the seeds in Russian only (docs/interpretations.md, "Specialty
# profiles in Russian"): its item names, an expert's specialty profile, are never translated here.
PROFILE_NOTE = N_("Specialty profiles are the names of the items of App 15 to the MSE Rules. The appendix has no "
                  "official Kazakh text, so they are shown in Russian.")


def profile_note(lang: str | None = None) -> str:
    """Why the profiles read in Russian, in the reader's language; nothing for a Russian reader."""
    lang = lang or i18n.current_language()
    return "" if lang == "ru" else _(PROFILE_NOTE, lang)


def format_value(value, kind: str, lang: str | None = None) -> str:
    """A stored value as the window shows it in a column of ``kind`` (see ``ListColumn``)."""
    return _format(value, kind, lang or i18n.current_language())
