"""Damaging a copy of a test database the way a failing disk does."""

import os
import random
from pathlib import Path


def scribble(path: Path, *, at_fraction: float = 0.5, size: int = 65536, seed: int = 1) -> None:
    """Random bytes over the middle of the file (64 KiB by default)."""
    data = random.Random(seed).randbytes(size)
    with path.open("r+b") as handle:
        handle.seek(int(os.path.getsize(path) * at_fraction) // 4096 * 4096)
        handle.write(data)


def break_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"not a database any more" * 4)
