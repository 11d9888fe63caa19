"""The frozen build's shared parts (packaging/): one version number, a smoke test that can fail,
and, where dist/ holds a build (CI builds one after this suite, .ci/run), that build's smoke test."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app import cli
from app.version import program_version

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))  # smoke_test.py and project_version.py are scripts there
import smoke_test  # noqa: E402
from project_version import project_version  # noqa: E402

BUILD = ROOT / "dist" / "saraptama"


def test_the_program_shows_the_version_of_pyproject(capsys):
    assert program_version() == project_version()
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"saraptama {project_version()}"


@pytest.mark.parametrize("size, colour", [((1366, 768), Qt.GlobalColor.white), ((1366, 768), Qt.GlobalColor.black),
                                          ((1024, 768), None)])
def test_a_blank_black_or_wrong_sized_screenshot_fails(tmp_path, size, colour):
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(colour or Qt.GlobalColor.white)
    if colour is None:  # drawn, but for another screen
        for x in range(size[0]):
            image.setPixelColor(x, x % size[1], QColor.fromHsv(x % 360, 200, 200))
    image.save(str(tmp_path / "shot.png"))
    with pytest.raises(smoke_test.SmokeFailure):
        smoke_test.check_screenshot(tmp_path / "shot.png")


def test_the_smoke_test_fails_without_a_build(tmp_path, capsys):
    assert smoke_test.main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("smoke test FAILED: no frozen build")


@pytest.mark.skipif(not smoke_test.executable(BUILD, "saraptama").is_file(),
                    reason="no frozen build in dist/ (bash packaging/build-linux.sh)")
def test_the_frozen_build_passes_the_smoke_test():
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(BUILD)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("smoke test passed")
