#!/usr/bin/env bash
# Issue 6 in the window, in Kazakh and Russian, into docs/screenshots/: a folder of sample
# referrals imported (import-*.png), the card of an act it brought (card-*.png) and its
# depersonalised view (card-expert-view-*.png), the card of one of the act's experts after a
# sick leave (card-expert-*.png), and the act's history showing the move (card-history-*.png).
# Arguments: screen size (default 1024x768) and folder (default docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
size=${1:-1024x768}; out=${2:-docs/screenshots}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cli() { .venv/bin/saraptama "$@"; }
gui() { .venv/bin/saraptama-gui --lang "$lang" --size "$size" "$@"; }
json() { .venv/bin/python -c "import json, sys; data = json.load(sys.stdin); print($1)"; }
cli --data-dir "$work/data" demo --acts 2000 --experts 150 >/dev/null
cli intake samples --out "$work/referrals" --count 20 >/dev/null
today=$(date +%F); later=$(date -d "+10 days" +%F)
for lang in kk ru; do
  data="$work/data-$lang"; cp -r "$work/data" "$data"
  gui --data-dir "$data" --tab incoming --dialog import --import "$work/referrals/packages" \
      --lookups "$work/referrals/lookups" --screenshot "$out/import-$lang.png"
  act=$(cli --data-dir "$data" acts list --status under_review --limit 1000000 | json "max(a['number'] for a in data)")
  expert=$(cli --data-dir "$data" acts panel "$act" | json "data['experts'][1]['id']")
  gui --data-dir "$data" --dialog card --act "$act" --screenshot "$out/card-$lang.png"
  gui --data-dir "$data" --dialog card --act "$act" --depersonalised --screenshot "$out/card-expert-view-$lang.png"
  cli --data-dir "$data" experts absence add "$expert" --kind sick --from "$today" --to "$later" >/dev/null
  gui --data-dir "$data" --dialog expert --expert "$expert" --screenshot "$out/card-expert-$lang.png"
  gui --data-dir "$data" --dialog card --act "$act" --history --screenshot "$out/card-history-$lang.png"
done
