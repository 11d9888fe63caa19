"""The workstation's settings of ``app.domain.settings`` (language, window geometry, column widths,
administrator…), kept by ``QSettings``: in ``<data-dir>/settings.ini`` when the program runs with
``--data-dir``, otherwise where the platform keeps them (the registry on Windows)."""

from __future__ import annotations

from pathlib import Path

from typing import Any

from PySide6.QtCore import QSettings

from app import i18n
from app.domain.settings import ADMINISTRATOR, LANGUAGE, WORKSTATION, Setting

from . import language
from .tasks import run_io_task

_file: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keeps the preferences in ``folder/settings.ini`` (``None``: the platform's place)."""
    global _file
    _file = Path(folder) / "settings.ini" if folder is not None else None


def settings() -> QSettings:
    if _file is not None:
        return QSettings(str(_file), QSettings.Format.IniFormat)
    return QSettings("Saraptama", "Saraptama")


def value(setting: Setting, **parts: str) -> Any:
    """A workstation setting as its type (its default when unset or unreadable)."""
    assert setting.scope == WORKSTATION, setting.name
    return setting.parse(settings().value(setting.key(**parts)))


def set_value(setting: Setting, new: Any, **parts: str) -> None:
    assert setting.scope == WORKSTATION, setting.name
    settings().setValue(setting.key(**parts), new)


def forget(setting: Setting, **parts: str) -> None:
    settings().remove(setting.key(**parts))


def is_administrator() -> bool:
    """Whether this workstation is set up for an administrator (``administrator=true`` in
    the ``[workstation]`` section of the preferences); until sign-in exists this is what may
    change the production calendar.  The window never sets it."""
    return value(ADMINISTRATOR)


def choose_language(lang: str) -> None:
    """The user chose ``lang`` (the Language menu, the sign-in form): kept for the next start,
    and the window switches to it, once its catalog is read off the GUI thread the first time
    (``language.choose``)."""
    set_value(LANGUAGE, lang)
    language.choose(lang)
    if not i18n.loaded(lang):
        run_io_task(language.read_ahead, lang, on_done=lambda _none: language.switch_if_chosen(lang))
