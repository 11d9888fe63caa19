#!/usr/bin/env bash
# Builds the frozen programs for Linux: dist/saraptama/ (saraptama-gui and saraptama sharing
# _internal/) and dist/saraptama-VERSION-linux-x86_64.tar.gz.  Installs what it needs first
# (packaging/setup-debian.sh build).  Test the result (the folder, or the archive) with
#   .venv/bin/python packaging/smoke_test.py dist/saraptama-*-linux-*.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/setup-debian.sh build
export PYINSTALLER_CONFIG_DIR="$PWD/build/pyinstaller-cache"   # nothing cached outside the checkout
version=$(.venv/bin/python packaging/project_version.py)
archive="dist/saraptama-$version-linux-$(uname -m).tar.gz"

started=$SECONDS
.venv/bin/pyinstaller --noconfirm --clean --log-level ERROR --distpath dist --workpath build packaging/saraptama.spec
rm -f dist/saraptama-*.tar.gz   # one archive, of this version
tar -C dist -czf "$archive" saraptama
echo "built dist/saraptama ($(du -sh dist/saraptama | cut -f1)) and $archive ($(du -sh "$archive" | cut -f1)) in $((SECONDS - started)) s"
