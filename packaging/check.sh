#!/usr/bin/env bash
# The gates before the tests (docs/architecture.md): style and complexity, types, the import contracts.
# Run from .ci/run through `setup-debian.sh test`, or by hand: bash packaging/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check --quiet app ui tests bench packaging   # style, and no function above complexity 15 (C901)
.venv/bin/mypy                                              # types of app/domain and app/services ([tool.mypy])
.venv/bin/lint-imports --no-cache                           # layers and features (.importlinter)
# (no import cycle, function-level imports included: tests/unit/test_import_graph.py; migration
#  files in chain order: tests/unit/test_migration_files.py — both run with the tests)
