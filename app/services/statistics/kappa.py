"""Chance-corrected agreement and the dissent test, from sums the database has already made.

* Fleiss' κ (Fleiss 1971) for N acts each rated by n experts: with n_ij the experts who gave
  act i category j, P̄ = (Σ n_ij² − N·n) / (N·n·(n−1)), P_e = Σ_j p_j² where p_j = Σ_i n_ij / (N·n),
  and κ = (P̄ − P_e) / (1 − P_e).  The database gives N, Σ n_ij² and Σ_j (Σ_i n_ij)².
* Cohen's κ (Cohen 1960) for two experts on the same n acts: p_o = agreeing / n,
  p_e = Σ_c a_c·b_c / n² with a_c, b_c how often each gave category c, κ = (p_o − p_e) / (1 − p_e).
* The dissent test: an expert's decisions that differ from the final result, x of n, against the
  rate of all other experts pooled, p₀; one-sided exact binomial P(X ≥ x | n, p₀), flagged below
  α / K (Bonferroni over the K experts tested), with z = (x − n·p₀) / √(n·p₀·(1 − p₀)) shown.
κ is None where it is undefined (every decision in one category: P_e = 1)."""

from __future__ import annotations

import math

ALPHA = 0.05
MIN_DECISIONS = 20  # an expert with fewer compared decisions is not tested
MIN_PAIR_ACTS = 10  # Cohen's κ of two experts who shared fewer acts is not shown


def fleiss(acts: int, raters: int, sum_squares: int, sum_category_squares: int) -> float | None:
    """Fleiss' κ from N, n, Σ n_ij² and Σ_j (Σ_i n_ij)²."""
    if acts == 0 or raters < 2:
        return None
    ratings = acts * raters
    observed = (sum_squares - ratings) / (ratings * (raters - 1))
    chance = sum_category_squares / ratings ** 2
    return None if chance >= 1 else round((observed - chance) / (1 - chance), 4)


def cohen(acts: int, agreeing: int, sum_marginal_products: int) -> float | None:
    """Cohen's κ from n, the acts both decided alike, and Σ_c a_c·b_c."""
    if acts == 0:
        return None
    chance = sum_marginal_products / acts ** 2
    return None if chance >= 1 else round((agreeing / acts - chance) / (1 - chance), 4)


def binomial_tail(successes: int, trials: int, p: float) -> float:
    """P(X ≥ successes) for X ~ Binomial(trials, p): the terms from the first one on, each from the
    one before (ratio (n − k)/(k + 1) · p/q), until they no longer change the sum; summed from the
    other side (1 − P(X < successes)) when ``successes`` lies below the mean."""
    if successes <= 0:
        return 1.0
    if successes > trials or p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    if successes <= trials * p:
        return max(0.0, 1.0 - _tail(successes - 1, trials, p, step=-1))
    return min(1.0, _tail(successes, trials, p, step=1))


def _tail(first: int, trials: int, p: float, *, step: int) -> float:
    """Σ P(X = k) from k = ``first`` away from the mean (``step`` +1: up to n, −1: down to 0)."""
    log_term = (math.lgamma(trials + 1) - math.lgamma(first + 1) - math.lgamma(trials - first + 1)
                + first * math.log(p) + (trials - first) * math.log1p(-p))
    term, total, k, odds = math.exp(log_term), 0.0, first, p / (1 - p)
    while 0 <= k <= trials and term > total * 1e-17:
        total += term
        term *= (trials - k) / (k + 1) * odds if step > 0 else k / (trials - k + 1) / odds
        k += step
    return total


def dissent_test(rows: list[dict]) -> list[dict]:
    """Adds to each expert's row (``compared``, ``differs``) the rate, the others' pooled rate,
    z, the p-value and whether the expert differs from the final result far more often."""
    total = sum(r["compared"] for r in rows)
    differing = sum(r["differs"] for r in rows)
    tested = [r for r in rows if r["compared"] >= MIN_DECISIONS]
    threshold = ALPHA / max(len(tested), 1)
    for row in rows:
        n, x = row["compared"], row["differs"]
        others_n, others_x = total - n, differing - x
        pooled = others_x / others_n if others_n else None
        row["differ_rate"] = round(x / n, 4) if n else None
        row["others_rate"] = round(pooled, 4) if pooled is not None else None
        row["z"] = row["p_value"] = None
        row["flagged"] = False
        if n < MIN_DECISIONS or pooled is None:
            continue
        spread = math.sqrt(n * pooled * (1 - pooled))
        row["z"] = round((x - n * pooled) / spread, 2) if spread else None
        row["p_value"] = float(f"{binomial_tail(x, n, pooled):.3g}")
        row["flagged"] = row["p_value"] < threshold and x / n > pooled
    return rows
