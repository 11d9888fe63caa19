"""``saraptama-gui`` as a program: screenshot mode, command line, a refused database."""

import os
import sqlite3
import subprocess
import sys
from importlib.metadata import version

import pytest
from PySide6.QtGui import QImage

from app.storage import DB_FILE
from ui.main import parse_args


def run_gui(*args, timeout=120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "ui", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=timeout)


def assert_screenshot(path, size=(1366, 768)) -> QImage:
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    return image


@pytest.mark.parametrize(("tab", "size"), [("incoming", (1024, 768)), ("registry", (1366, 768))])
def test_screenshot_of_a_tab(demo_data_dir, tmp_path, tab, size):
    shot = tmp_path / f"{tab}.png"
    result = run_gui("--data-dir", demo_data_dir, "--lang", "ru", "--screenshot", shot, "--tab", tab,
                     "--size", "{}x{}".format(*size))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    image = assert_screenshot(shot, size)
    first_rows = range(140, 200, 4)  # below the two-line header: text was drawn there
    assert max(len({image.pixel(x, y) for x in range(0, size[0], 3)}) for y in first_rows) > 3
    assert (demo_data_dir / "logs" / "saraptama.log").is_file()
    assert not (demo_data_dir / "settings.ini").exists()  # a screenshot changes no preferences


def test_screenshot_of_the_welcome_page_on_an_empty_database(data_dir, tmp_path):
    shot = tmp_path / "welcome.png"
    result = run_gui("--data-dir", data_dir, "--lang", "kk", "--screenshot", shot)
    assert result.returncode == 0, result.stderr
    assert_screenshot(shot)


def test_screenshot_of_the_calendar_fits_a_small_screen(demo_data_dir, tmp_path):
    shot = tmp_path / "calendar.png"
    result = run_gui("--data-dir", demo_data_dir, "--screenshot", shot, "--dialog", "calendar", "--size", "1024x768")
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert 600 < image.width() <= 1024 and 400 < image.height() <= 768


def test_a_database_of_a_newer_version_is_refused_without_a_traceback(demo_data_dir, tmp_path):
    with sqlite3.connect(demo_data_dir / DB_FILE) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    shot = tmp_path / "never.png"
    result = run_gui("--data-dir", demo_data_dir, "--screenshot", shot)
    assert result.returncode == 1
    assert "ffff_from_the_future" in result.stderr  # the message names the schema, in the user's language
    assert "Traceback" not in result.stderr
    assert not shot.exists()


def test_version_and_options():
    result = run_gui("--version", timeout=60)
    assert result.returncode == 0
    assert version("saraptama") in result.stdout
    args = parse_args(["--db-url", "sqlite:///x.db", "--lang", "kk", "--tab", "appeals"])
    assert (args.db_url, args.lang, args.tab, args.screenshot) == ("sqlite:///x.db", "kk", "appeals", None)
    assert parse_args([]).tab == "registry"
    assert parse_args(["--size", "1024x768"]).size.toTuple() == (1024, 768)
    for wrong in (["--tab", "nowhere"], ["--size", "huge"], ["--size", "10x10"]):
        with pytest.raises(SystemExit):
            parse_args(wrong)
