"""The window's own preferences (language, window geometry, column widths, administrator), kept by ``QSettings``: in
``<data-dir>/settings.ini`` when the program runs with ``--data-dir``, otherwise where the
platform keeps them (the registry on Windows)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

_file: Path | None = None


def use_folder(folder: Path | None) -> None:
    """Keeps the preferences in ``folder/settings.ini`` (``None``: the platform's place)."""
    global _file
    _file = Path(folder) / "settings.ini" if folder is not None else None


def settings() -> QSettings:
    if _file is not None:
        return QSettings(str(_file), QSettings.Format.IniFormat)
    return QSettings("Saraptama", "Saraptama")


ADMINISTRATOR_KEY = "workstation/administrator"


def is_administrator() -> bool:
    """Whether this workstation is set up for an administrator (``administrator=true`` in
    the ``[workstation]`` section of the preferences); until sign-in exists this is what may
    change the production calendar.  The window never sets it."""
    return str(settings().value(ADMINISTRATOR_KEY, "false")).lower() in ("true", "1", "yes")
