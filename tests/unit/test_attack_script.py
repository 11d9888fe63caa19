"""The attack script itself works: ``python -m tests.attack.run_attack --quick`` makes a few real
attempts of every category against the program and holds them all (its full run's figures are in
docs/benchmarks.md)."""

from __future__ import annotations

from tests.attack import run_attack

CATEGORIES = ("sign-in and roles", "hub API", "audit trail", "signatures", "depersonalisation", "crashes",
              "bad input", "out-path", "damaged database", "logs")


def test_a_quick_attack_tries_every_category_and_everything_holds(english):
    attack = run_attack.run(quick=True)
    for category in CATEGORIES:
        counts = attack.results.get(category)
        assert counts and counts["held"] >= 1, (category, counts)
    assert attack.failures == [] and attack.report() == 0, attack.failures
