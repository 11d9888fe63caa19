#!/usr/bin/env bash
# Renders every tab, the production calendar and the welcome screen in Kazakh, Russian and
# English for an office screen into docs/screenshots/.  Arguments: screen size (default
# 1024x768) and folder (default docs/screenshots), e.g. `docs/make-screenshots.sh 1920x1080 /tmp/shots`.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
size=${1:-1024x768}; out=${2:-docs/screenshots}
data=$(mktemp -d); empty=$(mktemp -d); trap 'rm -rf "$data" "$empty"' EXIT
.venv/bin/saraptama --data-dir "$data" demo --acts 5000 --experts 200 >/dev/null
for lang in kk ru en; do
  for tab in registry incoming waiting appeals; do
    .venv/bin/saraptama-gui --data-dir "$data" --lang "$lang" --tab "$tab" --size "$size" --screenshot "$out/$tab-$lang.png"
  done
  .venv/bin/saraptama-gui --data-dir "$data" --lang "$lang" --size "$size" --dialog calendar --screenshot "$out/calendar-$lang.png"
  .venv/bin/saraptama-gui --data-dir "$empty" --lang "$lang" --size "$size" --screenshot "$out/welcome-$lang.png"
done
# The signature queue, the outbox and the user guide (F1 on the waiting list).
for lang in kk ru en; do
  for dialog in signatures outbox help; do
    .venv/bin/saraptama-gui --data-dir "$data" --lang "$lang" --tab waiting --size "$size" --dialog "$dialog" \
      --screenshot "$out/$dialog-$lang.png"
  done
done
