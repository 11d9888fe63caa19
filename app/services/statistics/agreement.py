"""Agreement of the three experts of a panel (§25.4, §44-47): how often all three decide alike
(3/3), two of them (2/1) or none (1/1/1), on the whole compared decision and on the group, the
cause and the term alone; by App 15 chapter and by expert; Fleiss' κ per set of panels, Cohen's κ
per pair of experts; and experts whose decisions differ from the final result far more often
than the others'.  Only panels with all three decisions in force are counted.

Computed by the database from the pairs of experts of each panel: a panel of three has three
pairs, and the pairs that agree tell its pattern — 3 agreeing pairs 3/3, 1 pair 2/1, none 1/1/1 —
and Fleiss' Σ n_ij² = 3 + 2 × agreeing pairs.  Sums over several chapters (the whole period) are
added up from the chapters' sums."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from ... import models as m
from . import kappa
from .scope import Filters, Materialised, checked, decisions_in_force, scoped_acts
from .sql import FIELDS, plain, share

PANEL = 3  # §25.4: a head and two chief specialists
PATTERNS = ("unanimous", "majority", "split")  # 3/3, 2/1, 1/1/1
AGREEING_PAIRS = {"unanimous": 3, "majority": 1, "split": 0}
ALL = "all"


class _Tables:
    """What the queries share, in temporary tables: the decisions in force of complete panels,
    the pairs of experts of each panel, and per panel how many of its pairs agree on each field."""

    def __init__(self, session: Session, filters: Filters, store: Materialised):
        acts = scoped_acts(session, filters).cte("acts")
        found = decisions_in_force(acts).cte("found")
        complete = select(found.c.act_id).group_by(found.c.act_id).having(func.count() == PANEL)
        self.decisions = d = store.table("stat_decisions", select(found).where(found.c.act_id.in_(complete)))
        other = d.alias("other")
        self.pairs = store.table("stat_pairs", (
            select(d.c.act_id, d.c.chapter, d.c.expert_id.label("a"), other.c.expert_id.label("b"),
                   *(case((d.c[f] == other.c[f], 1), else_=0).label(f) for f in FIELDS),
                   d.c.decision.label("va"), other.c.decision.label("vb"))
            .join(other, and_(other.c.act_id == d.c.act_id, other.c.expert_id > d.c.expert_id))))
        pairs = self.pairs
        self.panels = store.table("stat_panels", (
            select(pairs.c.act_id, pairs.c.chapter, *(func.sum(pairs.c[f]).label(f) for f in FIELDS))
            .group_by(pairs.c.act_id, pairs.c.chapter)))


def _patterns(session: Session, t: _Tables) -> dict[tuple[str, str], dict]:
    """(chapter, field) -> acts and their 3/3, 2/1 and 1/1/1 counts."""
    panels = t.panels
    counts = [func.sum(case((panels.c[f] == AGREEING_PAIRS[p], 1), else_=0)).label(f"{f}_{p}")
              for f in FIELDS for p in PATTERNS]
    query = select(panels.c.chapter, func.count().label("acts"), *counts).group_by(panels.c.chapter)
    found = {}
    for row in session.execute(query):
        for field in FIELDS:
            values = plain(row)
            found[row.chapter, field] = {"acts": row.acts, **{p: values[f"{field}_{p}"] for p in PATTERNS}}
    return found


def _category_totals(session: Session, t: _Tables) -> dict[tuple[str, str, str], int]:
    """(chapter, field, category) -> decisions of complete panels in that category."""
    d = t.decisions
    parts = [select(d.c.chapter, literal(f).label("field"), d.c[f].label("value"), func.count().label("n"))
             .group_by(d.c.chapter, d.c[f]) for f in FIELDS]
    return {(row.chapter, row.field, row.value): row.n for row in session.execute(union_all(*parts))}


def _row(field: str, counts: dict, category_totals: list[int]) -> dict:
    """One stratum's figures: patterns, their shares and Fleiss' κ (app.services.statistics.kappa)."""
    acts = counts["acts"]
    agreeing = sum(AGREEING_PAIRS[p] * counts[p] for p in PATTERNS)
    return {"field": field, **counts, **{f"{p}_share": share(counts[p], acts) for p in PATTERNS},
            "kappa": kappa.fleiss(acts, PANEL, PANEL * acts + 2 * agreeing, sum(n * n for n in category_totals))}


def _strata(session: Session, t: _Tables) -> tuple[list[dict], list[dict]]:
    """The rows by field over the whole selection, and by chapter and field."""
    patterns, totals = _patterns(session, t), _category_totals(session, t)
    whole: dict[str, dict] = defaultdict(lambda: {"acts": 0, **dict.fromkeys(PATTERNS, 0)})
    whole_totals: dict[tuple[str, str], int] = defaultdict(int)
    for (_chapter, field), counts in patterns.items():
        for key, value in counts.items():
            whole[field][key] += value
    for (_chapter, field, value), n in totals.items():
        whole_totals[field, value] += n
    by_field = [_row(f, whole[f], [n for (field, _v), n in whole_totals.items() if field == f])
                for f in FIELDS if f in whole]
    by_chapter = [{"chapter": chapter, **_row(field, counts, [n for (c, fl, _v), n in totals.items()
                                                               if c == chapter and fl == field])}
                  for (chapter, field), counts in sorted(patterns.items(), key=_order)]
    return by_field, by_chapter


def _order(item) -> tuple:
    (chapter, field), _counts = item
    return (int(chapter) if chapter.isdigit() else 99, FIELDS.index(field))


def _expert_names(session: Session, ids) -> dict[int, str]:
    """Surname and initials of the experts (staff, not examined persons)."""
    rows = session.execute(select(m.StaffMember.id, m.StaffMember.last_name, m.StaffMember.first_name,
                                  m.StaffMember.middle_name).where(m.StaffMember.id.in_(list(ids))))
    return {row.id: " ".join([row.last_name] + [f"{p[0]}." for p in (row.first_name, row.middle_name) if p])
            for row in rows}


def _by_expert(session: Session, t: _Tables) -> list[dict]:
    """Per expert: panels by pattern, alone against two, and compared with the final result
    (the conclusion's decision; acts routed without one are not compared)."""
    d, panels = t.decisions, t.panels
    same = (func.count().over(partition_by=(d.c.act_id, d.c.decision)) - 1).label("same")  # agreeing colleagues
    mine = (select(d.c.act_id, d.c.expert_id, d.c.decision, same)
            .join(panels, panels.c.act_id == d.c.act_id).subquery())
    final = m.Conclusion.stat_key
    lone = and_(panels.c.decision == AGREEING_PAIRS["majority"], mine.c.same == 0)
    query = (select(mine.c.expert_id, func.count().label("acts"),
                    *(func.sum(case((panels.c.decision == AGREEING_PAIRS[p], 1), else_=0)).label(p)
                      for p in PATTERNS),
                    func.sum(case((lone, 1), else_=0)).label("lone_dissents"),
                    func.count(final).label("compared"),
                    func.sum(case((and_(final.is_not(None), final != mine.c.decision), 1), else_=0)).label("differs"))
             .join(panels, panels.c.act_id == mine.c.act_id)
             .outerjoin(m.Conclusion, m.Conclusion.act_id == mine.c.act_id)
             .group_by(mine.c.expert_id))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row.update({f"{p}_share": share(row[p], row["acts"]) for p in PATTERNS})
    kappa.dissent_test(rows)
    return sorted(rows, key=lambda r: (not r["flagged"], -(r["differ_rate"] or 0), r["expert"]))


def _pairs(session: Session, t: _Tables, minimum: int) -> tuple[list[dict], int]:
    """Cohen's κ of each pair of experts who sat together on at least ``minimum`` complete
    panels, and how many pairs sat together at all."""
    pairs = t.pairs
    counts = (select(pairs.c.a, pairs.c.b, func.count().label("acts"), func.sum(pairs.c.decision).label("agreeing"),
                     func.count().over().label("together"))
              .group_by(pairs.c.a, pairs.c.b).subquery())
    enough = select(counts).where(counts.c.acts >= minimum).cte("enough")
    margins = {}
    for side in ("va", "vb"):
        margins[side] = (select(pairs.c.a, pairs.c.b, pairs.c[side].label("v"), func.count().label("c"))
                         .join(enough, and_(enough.c.a == pairs.c.a, enough.c.b == pairs.c.b))
                         .group_by(pairs.c.a, pairs.c.b, pairs.c[side]).subquery())
    first, second = margins["va"], margins["vb"]
    chance = (select(first.c.a, first.c.b, func.sum(first.c.c * second.c.c).label("products"))
              .join(second, and_(second.c.a == first.c.a, second.c.b == first.c.b, second.c.v == first.c.v))
              .group_by(first.c.a, first.c.b).subquery())
    query = (select(enough.c.a, enough.c.b, enough.c.acts, enough.c.agreeing,
                    func.coalesce(chance.c.products, 0).label("products"))
             .outerjoin(chance, and_(chance.c.a == enough.c.a, chance.c.b == enough.c.b)))
    rows = [SimpleNamespace(**plain(row)) for row in session.execute(query)]
    together = session.scalar(select(func.max(counts.c.together))) or 0
    names = _expert_names(session, {row.a for row in rows} | {row.b for row in rows})
    found = [{"expert_a": names.get(row.a, ""), "expert_b": names.get(row.b, ""), "acts": row.acts,
              "agreement": share(row.agreeing, row.acts),
              "kappa": kappa.cohen(row.acts, row.agreeing, int(row.products))} for row in rows]
    return sorted(found, key=lambda r: (-r["acts"], r["expert_a"], r["expert_b"])), together


def agreement(session: Session, filters: Filters, *, min_pair_acts: int = kappa.MIN_PAIR_ACTS) -> dict:
    """The agreement view: by field, by App 15 chapter, by expert, pairs of experts."""
    filters = checked(session, filters)
    with Materialised(session) as store:
        tables = _Tables(session, filters, store)
        by_field, by_chapter = _strata(session, tables)
        pairs, together = _pairs(session, tables, min_pair_acts)
        by_expert = _by_expert(session, tables)
    return {"view": "agreement", "filters": filters.as_dict(),
            "by_field": by_field, "by_chapter": by_chapter, "by_expert": by_expert,
            "pairs": pairs, "pairs_together": together, "min_pair_acts": min_pair_acts,
            "dissent_test": {"alpha": kappa.ALPHA, "min_decisions": kappa.MIN_DECISIONS,
                             "method": "one-sided exact binomial against the other experts' pooled rate, "
                                       "Bonferroni-corrected"}}
