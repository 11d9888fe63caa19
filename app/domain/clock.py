"""The program's one clock, in Kazakhstan time.

The whole country keeps UTC+5 since 2024-03-01, so a fixed offset is exact for every date the
program deals with and needs no time-zone database on Windows.

Every "now" and "today" of `app/` and `ui/` comes from `now_kz()` / `today_kz()`.  The demo,
tests and scripts move the clock with `clock_at(moment)` (or `set_clock(source)`), so nothing
depends on the day the machine thinks it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone

KZ_TIME = timezone(timedelta(hours=5), "UTC+05")


def _wall_clock() -> datetime:
    return datetime.now(KZ_TIME)


_source: Callable[[], datetime] = _wall_clock


def now_kz() -> datetime:
    """The current moment in Kazakhstan time, from the clock in force."""
    return _source().astimezone(KZ_TIME)


def today_kz() -> date:
    """Today's date in Kazakhstan."""
    return now_kz().date()


def set_clock(source: Callable[[], datetime] | None) -> Callable[[], datetime]:
    """Make `source` the clock (None: the wall clock again); returns the clock it replaced."""
    global _source
    previous = _source
    _source = source or _wall_clock
    return previous


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """The clock stands at `moment` (an aware datetime) inside the block."""
    if moment.tzinfo is None:
        raise ValueError("clock_at needs an aware datetime")
    previous = set_clock(lambda: moment)
    try:
        yield
    finally:
        set_clock(previous)
