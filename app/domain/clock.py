"""Kazakhstan time.  The whole country keeps UTC+5 since 2024-03-01, so a fixed offset is
exact for every date the program deals with and needs no time-zone database on Windows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

KZ_TIME = timezone(timedelta(hours=5), "UTC+05")


def now_kz() -> datetime:
    return datetime.now(KZ_TIME)
