#!/usr/bin/env bash
# Refreshes the lock to the newest versions pyproject.toml allows, installs them and runs the
# whole suite against them, printing what changed and what broke (docs/dependencies.md).
#   bash packaging/refresh-lock.sh [PYTEST ARGS]
# uv.lock: every dependency of every extra, exact versions and hashes, for Linux and Windows.
# requirements/{run,test,build}.txt: the same for pip --require-hashes (packaging/setup-debian.sh,
# packaging/build-linux.sh, the Windows build).  The refreshed files stay in the work tree: commit
# them when the suite passes, or go back with `git checkout uv.lock requirements/`.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check uv
uv=(.venv/bin/uv --quiet)

before=$(mktemp)
cp requirements/test.txt "$before" 2>/dev/null || : > "$before"
"${uv[@]}" lock --upgrade --index-url https://pypi.org/simple     # PyPI only, whatever pip's configuration says
mkdir -p requirements
for mode in run test build; do
  extra=(); [ "$mode" = run ] || extra=(--extra "$mode")
  "${uv[@]}" export --frozen --no-emit-project --no-header --format requirements-txt "${extra[@]}" \
    -o "requirements/$mode.txt"
done

echo "== versions changed (test environment)"
.venv/bin/python - "$before" requirements/test.txt <<'PY'
import re, sys
def pins(path):
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", open(path).read(), re.M))
old, new = pins(sys.argv[1]), pins(sys.argv[2])
for name in sorted(old.keys() | new.keys()):
    if old.get(name) != new.get(name):
        print(f"  {name:28} {old.get(name, '-')} -> {new.get(name, '-')}")
PY

.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements/test.txt
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
echo "== the suite against the newest versions"
mkdir -p build
if QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -n auto -q -rfE -p no:cacheprovider "$@" \
     > build/refresh-lock.log 2>&1; then
  tail -n 1 build/refresh-lock.log
  echo "All tests pass: commit uv.lock and requirements/."
else
  echo "== what broke (whole log: build/refresh-lock.log)"
  grep -E '^(FAILED|ERROR) |^E +[A-Za-z]*(Error|Warning)' build/refresh-lock.log | sort | uniq -c | sort -rn | head -40
  tail -n 1 build/refresh-lock.log
  exit 1
fi
