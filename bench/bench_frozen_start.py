"""Size of the frozen build and its cold start against the venv's, measured in the same run.

    .venv/bin/python bench/bench_frozen_start.py [--build dist/saraptama] [--runs 5]

A cold start is a new process from the command line to its exit: the window rendering its first
tab into a PNG (``--screenshot``) on a demonstration database of 200 acts, and the command's
``--version``.  Frozen and venv runs alternate, so both meet the same machine load; the medians
are printed with their ratio (frozen / venv).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
SUFFIX = ".exe" if os.name == "nt" else ""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=Path("dist/saraptama"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="saraptama-bench-") as tmp:
        data = Path(tmp) / "data"
        subprocess.run([str(VENV_BIN / f"saraptama{SUFFIX}"), "--data-dir", str(data), "demo", "--acts", "200"],
                       env=env, check=True, capture_output=True)
        programs = {
            "window (--screenshot)": ("saraptama-gui", "--data-dir", str(data), "--screenshot", f"{tmp}/s.png"),
            "command (--version)": ("saraptama", "--version"),
        }
        print(f"frozen folder {args.build}: {folder_size(args.build) / 2**20:.0f} MiB")
        for label, (program, *program_args) in programs.items():
            frozen, venv = [], []
            for _ in range(args.runs):
                frozen.append(timed([str(args.build / f"{program}{SUFFIX}"), *program_args], env))
                venv.append(timed([str(VENV_BIN / f"{program}{SUFFIX}"), *program_args], env))
            frozen_s, venv_s = statistics.median(frozen), statistics.median(venv)
            print(f"{label}: frozen {frozen_s:.2f} s, venv {venv_s:.2f} s, ratio {frozen_s / venv_s:.2f} "
                  f"(medians of {args.runs}; first runs {frozen[0]:.2f} s and {venv[0]:.2f} s)")


if __name__ == "__main__":
    main()
