"""Files named by the user as input (packages, decisions, calendars, acts): regular files of a
bounded size only.  A device (``/dev/zero``), a named pipe or a folder is refused before it is
read — a pipe would keep the program waiting, a device would fill its memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UserError
from .i18n import N_


class NotARegularFile(UserError):
    """The input is a device, a pipe, a socket or a folder."""


def read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path`` (one more than the limit tells the
    caller it is too large).  OSError for a file that cannot be opened."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotARegularFile(N_("{file} is not a regular file (a device, a pipe or a folder); give a file."),
                                  file=str(path))
        return file.read(limit + 1)
