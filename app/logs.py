"""Log files that hold neither secrets nor personal data (issue: logs, limits, recovery).

Every handler the program installs formats through ``RedactingFormatter``: passwords in
database URLs, IIN/BIN-like 12-digit runs (also spaced) and phone numbers are replaced before a
line reaches the disk.  SQL parameters never get there in the first place (the engine is
created with ``hide_parameters``, ``app.storage``).  A log that cannot be written (a full
disk) is dropped silently rather than printing tracebacks of the logging machinery.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import platformdirs

APP_NAME = "Saraptama"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_REDACTIONS = (
    (re.compile(r"(?<=://)([^:/@\s]+):[^@\s]*@"), r"\1:***@"),          # user:password@host
    (re.compile(r"(?i)(password|passwd|pwd|token)=([^\s&;]+)"), r"\1=***"),  # key=value secrets
    (re.compile(r"(?<!\d)\d{6}[ -]?\d{6}(?!\d)"), "[IIN]"),             # IIN / BIN, also as 6+6
    (re.compile(r"(?<![\w+])(?:\+7|8)[\s(-]*7\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"), "[phone]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_dir(data_dir: Path | None) -> Path:
    """``DIR/logs`` with ``--data-dir DIR`` (data and logs together), else the user log folder."""
    if data_dir is not None:
        return Path(data_dir) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def file_handler(path: Path) -> logging.Handler:
    """A rotating, redacting log file; a handler that drops everything where it cannot be made."""
    from logging.handlers import RotatingFileHandler   # only when a log is written (a quick start)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:  # a read-only profile: the program still works, without a log
        return logging.NullHandler()
    handler.setFormatter(RedactingFormatter(FORMAT))
    return handler


def install(path: Path, level: int = logging.INFO) -> logging.Handler:
    """Sends the root logger to ``path`` (and nowhere else)."""
    logging.raiseExceptions = False  # a full disk must not print the logging module's tracebacks
    handler = file_handler(path)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "saraptama", False):
            root.removeHandler(old)
            old.close()
    handler.saraptama = True
    root.addHandler(handler)
    root.setLevel(level)
    return handler
