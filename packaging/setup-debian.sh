#!/usr/bin/env bash
# Sets Saraptama up on a Debian or Ubuntu machine with Python 3.11 and runs it.
#   bash packaging/setup-debian.sh run  [ARGS]   install, then start the window (saraptama-gui ARGS)
#   bash packaging/setup-debian.sh test [ARGS]   install with the test tools, then run all tests (pytest ARGS)
#   bash packaging/setup-debian.sh build         install with PyInstaller (packaging/build-linux.sh runs it)
# It installs the system libraries Qt needs (as root or through sudo), makes .venv in the
# checkout, installs the locked versions of everything (requirements/MODE.txt, docs/dependencies.md)
# and the program there in editable mode.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in run|test|build) shift ;; *) echo "usage: $0 run|test|build [ARGS...]" >&2; exit 2 ;; esac

# Qt's xcb and offscreen platforms, fonts with Kazakh letters, venv.
packages=(python3-venv libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
          libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
          fonts-dejavu-core)
[ "$mode" = test ] && packages+=(poppler-utils postgresql)   # PDF checks; a throw-away server for tests
[ "$mode" = build ] && packages+=(binutils strace xvfb)   # PyInstaller's objdump; the smoke test's file trace and X server

if command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  missing=()
  for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
# Exact versions with their hashes (requirements/MODE.txt, exported from uv.lock by
# packaging/refresh-lock.sh), then the program itself on top of them.
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r "requirements/$mode.txt"
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .

if [ "$mode" = run ]; then
  exec .venv/bin/saraptama-gui "$@"
elif [ "$mode" = test ]; then
  bash packaging/check.sh    # the gates first (ruff with C901 at 15, mypy, import contracts): their faults fail the run too
  exec .venv/bin/python -m pytest -n auto "$@"    # a worker per core (pytest-xdist); "-n 0" runs in one process
fi
