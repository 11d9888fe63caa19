#!/usr/bin/env bash
# Renders every tab in Kazakh and Russian, and the welcome screen, into docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
data=$(mktemp -d); empty=$(mktemp -d); trap 'rm -rf "$data" "$empty"' EXIT
.venv/bin/saraptama --data-dir "$data" demo --acts 5000 --experts 200 >/dev/null
for lang in kk ru; do
  for tab in registry incoming waiting appeals; do
    .venv/bin/saraptama-gui --data-dir "$data" --lang "$lang" --tab "$tab" --screenshot "docs/screenshots/$tab-$lang.png"
  done
  .venv/bin/saraptama-gui --data-dir "$empty" --lang "$lang" --screenshot "docs/screenshots/welcome-$lang.png"
done
