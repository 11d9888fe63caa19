"""Smoke test of a frozen build: runs what users install, from a copy far from the checkout.

    python packaging/smoke_test.py dist/saraptama                            # the folder
    python packaging/smoke_test.py dist/saraptama-X.Y.Z-linux-x86_64.tar.gz  # or the archive

The folder is copied (the archive unpacked) into a temporary folder and started from there with
a clean environment (no PYTHONPATH, no venv), so a file still read from the source tree fails
the run. It runs the command line (demo data, lists, the MSE Rules check, a printed
certificate), renders every tab of the window in Kazakh and Russian (PNG size and pixels
checked), and upgrades: a copy of the build with one extra migration opens the data of this one,
backs it up first and keeps it.
Prints one final line, "smoke test passed …" or "smoke test FAILED: …", and exits 1 on failure.
Runs on Linux and Windows (the same script in .ci/run and .github/workflows/windows.yml).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from alembic.script import ScriptDirectory
from project_version import project_version
from PySide6.QtGui import QImage

from app.services.listings import LISTINGS

ROOT = Path(__file__).resolve().parent.parent
VERSION = project_version()
TABS = tuple(LISTINGS)
LANGUAGES = ("kk", "ru")
SCREEN = (1366, 768)  # saraptama-gui's default --screenshot size
TIMEOUT = 300
RULES_REQUEST = {"birth_date": "1980-05-10", "exam_date": "2025-03-03", "kind": "primary",
                 "decision": {"outcome": "conclusion", "group": "I", "cause": "general_disease", "term": "1y",
                              "restrictions": {"self_care": 1, "mobility": 2, "work": 2}}}
FAKE_REVISION = "9999_smoke_upgrade"
FAKE_MIGRATION = '''"""A migration that only the smoke test's "next version" has."""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("smoke_upgrade", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("smoke_upgrade")
'''


class SmokeFailure(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)


def executable(folder: Path, name: str) -> Path:
    return folder / (name + ".exe" if os.name == "nt" else name)


def clean_environment(home: Path) -> dict[str, str]:
    """The user's environment without anything that points at Python or the checkout."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "SARAPTAMA"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return env


class Frozen:
    """One installed copy of the build, run with a clean environment from a folder of its own."""

    def __init__(self, folder: Path, work: Path):
        self.folder, self.work = folder, work
        self.env = clean_environment(work)

    def run(self, program: str, *args: str, expect: int = 0, trace: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Runs one program (env: variables to add); with trace, under strace, writing every file it
        touched there."""
        command = [str(executable(self.folder, program)), *args]
        if trace:
            command = ["strace", "-f", "-e", "trace=%file", "-o", str(trace), *command]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=self.work, env={**self.env, **(env or {})}, capture_output=True, text=True,
                              encoding="utf-8", timeout=TIMEOUT)
        shown = " ".join([program, *args]).replace(str(self.work), "TMP")
        print(f"  {time.perf_counter() - started:6.2f} s  exit {done.returncode}  {shown}")
        if done.returncode != expect:
            raise SmokeFailure(f"{shown}: exit {done.returncode}, expected {expect}\n{done.stdout}\n{done.stderr}")
        return done

    def cli(self, data: Path, *args: str):
        return json.loads(self.run("saraptama", "--data-dir", str(data), *args).stdout)


def install(build: Path, target: Path) -> Path:
    """"Installs" the build in a folder of its own: the folder copied, or the archive unpacked (its
    one top folder, saraptama/), as the installer or a user would leave it."""
    if build.is_dir():
        shutil.copytree(build, target, symlinks=True)
        return target
    check(tarfile.is_tarfile(build), f"neither a frozen folder nor its .tar.gz: {build}")
    with tarfile.open(build) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later: nothing outside target
            archive.extraction_filter = tarfile.data_filter
        archive.extractall(target)
    return target / "saraptama"


def check_command_line(app: Frozen, data: Path) -> None:
    check(app.run("saraptama", "--version").stdout.strip() == f"saraptama {VERSION}", "saraptama --version")
    demo = app.cli(data, "demo", "--acts", "200")
    check(demo["acts"] == 200, f"demo made {demo['acts']} acts")
    acts = app.cli(data, "acts", "list", "--limit", "1000")
    check(len(acts) == 200, f"acts list shows {len(acts)} acts")
    request = app.work / "decision.json"
    request.write_text(json.dumps(RULES_REQUEST), encoding="utf-8")
    findings = app.cli(data, "--lang", "ru", "rules", "check", str(request))
    check(findings["ok"] is False and findings["suggested_group"] == "II", f"rules check: {findings}")
    signed = [act for act in acts if act["status"] == "signed" and act["documents"]]
    check(bool(signed), "no signed act with a document in the demo data")
    kind, number = signed[0]["documents"][0], signed[0]["number"]
    pdf = app.work / f"{kind}.pdf"
    printed = app.cli(data, "--lang", "kk", "print", kind, "--act", number, "--out", str(pdf))
    check(printed["pages"] >= 1 and pdf.read_bytes().startswith(b"%PDF"), f"print {kind}: {printed}")


def check_screenshot(path: Path) -> bytes:
    """Size and a few pixels: drawn (not one colour), light (not black).  Returns the pixels."""
    image = QImage(str(path))
    check(not image.isNull(), f"{path.name}: not a PNG")
    check((image.width(), image.height()) == SCREEN, f"{path.name}: {image.width()}x{image.height()}, not {SCREEN}")
    grid = [image.pixelColor(x, y) for x in range(0, SCREEN[0], 37) for y in range(0, SCREEN[1], 29)]
    colours = {colour.rgb() for colour in grid}
    lightness = sum(colour.lightness() for colour in grid) / len(grid)
    check(len(colours) >= 5, f"{path.name}: only {len(colours)} colours, nothing drawn")
    check(lightness > 120, f"{path.name}: mean lightness {lightness:.0f}, too dark")
    return bytes(image.constBits())


def check_window(app: Frozen, data: Path) -> None:
    for tab in TABS:
        pixels = {}
        for lang in LANGUAGES:
            png = app.work / f"{tab}-{lang}.png"
            app.run("saraptama-gui", "--data-dir", str(data), "--screenshot", str(png), "--tab", tab, "--lang", lang)
            pixels[lang] = check_screenshot(png)
        check(pixels["kk"] != pixels["ru"], f"{tab}: the kk and ru windows are the same picture")


def check_x11_window(app: Frozen, data: Path) -> None:
    """Where Xvfb is (Linux), the window on the xcb platform of users' desktops, not only offscreen."""
    if not shutil.which("Xvfb"):
        print("  (no Xvfb here: the xcb platform plugin is not started)")
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        display = os.read(read, 16).decode().strip()
        check(display.isdigit(), "Xvfb did not start")
        png = app.work / "x11.png"
        app.run("saraptama-gui", "--data-dir", str(data), "--screenshot", str(png), "--lang", "kk",
                env={"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{display}"})
        check_screenshot(png)
    finally:
        os.close(read)
        server.terminate()
        server.wait()


def strace_works() -> bool:
    """strace is installed and may trace (a container can forbid ptrace)."""
    if not shutil.which("strace"):
        return False
    return subprocess.run(["strace", "-o", os.devnull, sys.executable, "-c", ""], capture_output=True).returncode == 0


def check_no_source_reads(app: Frozen, data: Path) -> None:
    """Where strace is (Linux), the window and a printed form touch no file of the checkout."""
    if not strace_works():
        print("  (no working strace here: the copy far from the checkout is the only check of stray reads)")
        return
    trace = app.work / "files.trace"
    for program, *args in (("saraptama-gui", "--screenshot", str(app.work / "traced.png"), "--lang", "kk"),
                           ("saraptama", "print", "registry", "--out", str(app.work / "registry.pdf"))):
        app.run(program, "--data-dir", str(data), *args, trace=trace)
        lines = trace.read_text(encoding="utf-8").splitlines()
        check(any(str(app.folder) in line for line in lines), f"strace recorded nothing of {program}")
        stray = [line for line in lines if str(ROOT) in line]
        check(not stray, f"{program} touched the checkout:\n" + "\n".join(stray[:10]))


def head_revision(build: Path) -> str:
    return ScriptDirectory(str(migrations_folder(build))).get_current_head()


def migrations_folder(build: Path) -> Path:
    return build / "_internal" / "app" / "migrations"


def check_upgrade(build: Path, current: Frozen, data: Path) -> None:
    """Version N+1 = this build with one more migration; it backs N's data up, then migrates it."""
    upgraded = install(build, current.work / "next-version")
    down = head_revision(upgraded)
    (migrations_folder(upgraded) / "versions" / f"{FAKE_REVISION}.py").write_text(
        FAKE_MIGRATION.format(revision=FAKE_REVISION, down=down), encoding="utf-8")
    check(head_revision(upgraded) == FAKE_REVISION, "the fake migration is not the new head")
    before = current.cli(data, "acts", "list", "--limit", "1000")
    following = Frozen(upgraded, current.work)
    after = following.cli(data, "acts", "list", "--limit", "1000")
    check(after == before, "the upgrade changed the acts")
    backups = sorted((data / "backups").glob(f"*-before-{FAKE_REVISION}.db"))
    check(len(backups) == 1, f"no backup before the migration in {data / 'backups'}")
    check(following.cli(data, "db", "check")["ok"], "db check after the upgrade")
    refused = current.run("saraptama", "--data-dir", str(data), "acts", "list", expect=2)
    check("newer version" in refused.stderr, f"version N on N+1's data: {refused.stderr}")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="the frozen folder or its .tar.gz, e.g. dist/saraptama")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its name is printed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="saraptama-smoke-"))
    try:
        app = Frozen(install(args.build, work / "installed"), work)
        check(executable(app.folder, "saraptama").is_file(), f"no frozen build in {args.build}")
        size = folder_size(app.folder) / 2**20
        data = work / "data"
        print(f"smoke test of {args.build} (installed in {app.folder})")
        check_command_line(app, data)
        check_window(app, data)
        check_x11_window(app, data)
        check_no_source_reads(app, data)
        check_upgrade(app.folder, app, data)
    except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError, KeyError, tarfile.TarError) as error:
        first, *details = str(error).strip().splitlines() or [type(error).__name__]
        print("\n".join(details), f"smoke test FAILED: {first}", sep="\n" if details else "")
        return 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"smoke test passed: saraptama {VERSION}, {size:.0f} MiB, in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
