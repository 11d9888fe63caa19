"""app/ must run without a screen: it never imports Qt; app/ and ui/ read the time from one clock."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
CLOCK = APP / "domain" / "clock.py"
# Direct reads of the wall clock; durations (time.monotonic, perf_counter) and ids (time_ns) are no "now".
WALL_CLOCK = re.compile(r"datetime\.(now|today|utcnow)\(|date\.today\(|\btime\.time\(\)"
                        r"|QDate\.currentDate\(|QDateTime\.currentDateTime|QTime\.currentTime\(")


def test_app_never_imports_qt():
    offenders = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.relative_to(APP.parent)}: {n}" for n in names if n.split(".")[0] in
                          {"PySide6", "PyQt5", "PyQt6", "shiboken6"}]
    assert offenders == []


def test_every_now_and_today_comes_from_the_one_clock():
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for folder in ("app", "ui") for path in (ROOT / folder).rglob("*.py") if path != CLOCK
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if WALL_CLOCK.search(line)]
    assert offenders == []
