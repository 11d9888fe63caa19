"""The attack script itself works: ``python -m tests.attack.run_attack --quick`` makes a few real
attempts of every category against the program and holds them all (its full run's figures are in
docs/benchmarks.md)."""

from __future__ import annotations

import re

from tests.attack import run_attack

CATEGORIES = ("sign-in and roles", "hub API", "audit trail", "signatures", "depersonalisation", "crashes",
              "bad input", "out-path", "damaged database", "logs")


def test_a_quick_attack_tries_every_category_and_everything_holds(capsys, english):
    code = run_attack.main(["--quick"])
    printed = capsys.readouterr().out
    rows = {m.group(1).strip(): (int(m.group(2)), int(m.group(3)), int(m.group(4)))
            for m in re.finditer(r"^(\D+?)\s+(\d+)\s+(\d+)\s+(\d+)$", printed, re.MULTILINE)}
    for category in CATEGORIES:
        attempts, held, failed = rows[category]
        assert attempts >= 1 and held + failed == attempts, (category, rows[category])
    assert rows["all"][2] == 0 and code == 0, printed
