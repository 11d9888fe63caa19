"""A real CUPS queue for the printing tests: the cups-pdf virtual printer, which turns every job
into a PDF file.  The queue ``CupsPDF`` is used when it exists; as root, cupsd is started and
the queue created (``.ci/run`` installs ``cups printer-driver-cups-pdf``).  Where CUPS is
missing the tests are skipped — except when SARAPTAMA_REQUIRE_CUPS=1 (CI sets it)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

QUEUE = "CupsPDF"
PPDS = ("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd", "/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd")
OUTPUT_FOLDERS = (Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS"))  # /etc/cups/cups-pdf.conf "Out"
WAIT_SECONDS = 60


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def _queue_exists() -> bool:
    return _run("lpstat", "-p", QUEUE).returncode == 0


def _start_cups() -> None:
    """cupsd (when it is not running) and the cups-pdf queue, as root."""
    if _run("lpstat", "-r").stdout.strip() != "scheduler is running":
        subprocess.run(["cupsd"], check=True, timeout=30)
        for _ in range(50):
            if _run("lpstat", "-r").stdout.strip() == "scheduler is running":
                break
            time.sleep(0.1)
    ppd = next(p for p in PPDS if Path(p).exists())
    subprocess.run(["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-P", ppd], check=True, timeout=30,
                   capture_output=True)


def _unavailable(reason: str):
    if os.environ.get("SARAPTAMA_REQUIRE_CUPS") == "1":
        pytest.fail(f"a CUPS queue is required here: {reason}")
    pytest.skip(reason)


def _pdf_files() -> list[Path]:
    return [Path(p) for folder in OUTPUT_FOLDERS for p in glob.glob(str(folder / "*.pdf"))]


@dataclass
class CupsPdfPrinter:
    name: str
    before: frozenset[Path]  # the files cups-pdf had written before the test (not by time: faketime moves it)

    def completed_jobs(self) -> list[str]:
        out = _run("lpstat", "-W", "completed", "-o", self.name).stdout
        return [line.split()[0] for line in out.splitlines() if line.strip()]

    def outputs(self) -> list[Path]:
        return sorted((p for p in _pdf_files() if p not in self.before), key=lambda p: p.stat().st_mtime)

    def wait_for_output(self, jobs_before: int) -> Path:
        """The PDF cups-pdf wrote for the next job, once the job is completed."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if len(self.completed_jobs()) > jobs_before and self.outputs():
                path = self.outputs()[-1]
                size = -1
                while size != path.stat().st_size:  # written whole
                    size = path.stat().st_size
                    time.sleep(0.3)
                return path
            time.sleep(0.3)
        raise AssertionError(f"no job of {self.name} completed in {WAIT_SECONDS} s: {_run('lpstat', '-o').stdout}")


@pytest.fixture
def cups_pdf_printer() -> CupsPdfPrinter:
    if shutil.which("lpstat") is None or shutil.which("cupsd") is None:
        _unavailable("CUPS is not installed")
    if not _queue_exists():
        if os.geteuid() != 0:
            _unavailable(f"no CUPS queue {QUEUE}, and only root may create it")
        if not any(Path(p).exists() for p in PPDS):
            _unavailable("printer-driver-cups-pdf is not installed")
        _start_cups()
    printer = CupsPdfPrinter(QUEUE, frozenset(_pdf_files()))
    yield printer
    for path in printer.outputs():  # the test's printouts
        path.unlink(missing_ok=True)


def pdf_page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
