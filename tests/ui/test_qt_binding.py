"""The Qt binding must not over-release Python's singletons.

PySide6 6.12.0 on Python 3.11 drops a reference to None (void methods) or True/False (bool
methods) on every call; a running window makes thousands of such calls and then dies with
"Fatal Python error: none_dealloc".  This runs such calls in a child process, so a broken
binding fails this test instead of killing the test run.
"""

import os
import subprocess
import sys

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
timer = QTimer()
counts = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(3000):
    timer.setInterval(5)      # void
    timer.isActive()          # bool
    app.processEvents()       # void
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*[a - b for a, b in zip(after, counts)])
"""


def test_void_and_bool_calls_keep_the_singletons_alive():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr[-500:]
    drops = [int(n) for n in result.stdout.split()]
    assert all(drop > -100 for drop in drops), f"reference counts of None, True, False fell by {drops}"
