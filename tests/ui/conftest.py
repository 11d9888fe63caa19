"""UI tests: real windows on Qt's offscreen platform, real databases (``tests/conftest.py``).

Preferences go to a temporary folder, the language starts as English, and every test waits for
the background worker before its database is closed.
"""

import gc
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
# before Qt is loaded: the offscreen platform with an office screen of 1024×768
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={HERE / 'screen-1024x768.json'}"

import pytest  # noqa: E402

from ui import language  # noqa: E402
from ui import settings as ui_settings  # noqa: E402
from ui.main_window import PREFERRED_SIZE, MainWindow  # noqa: E402
from ui.widgets import fit_to_screen  # noqa: E402

from .helpers import TIMEOUT_MS, settle, wait_idle  # noqa: E402

# The offscreen platform cannot pass a window's size limits on to a window system, and says so
# for every top-level window with a layout; nothing a test or the program could change.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def ui_isolation(tmp_path, qapp):
    ui_settings.use_folder(tmp_path / "settings")
    language.set_language("en")
    yield
    settle(qapp)
    language.set_language("en")
    ui_settings.use_folder(None)
    gc.unfreeze()  # a window froze what existed when it was ready; the next test collects it as usual


@pytest.fixture
def open_window(qtbot, qapp, tmp_path):
    """``open_window(db, tab=None)``: a shown main window whose first content is complete."""
    def open_(db, **options) -> MainWindow:
        window = MainWindow(db, data_dir=tmp_path / "user-data", **options)
        qtbot.addWidget(window)
        fit_to_screen(window, PREFERRED_SIZE)
        with qtbot.waitSignal(window.ready, timeout=TIMEOUT_MS):
            window.show()
        wait_idle(qtbot)
        return window

    yield open_
    settle(qapp)

