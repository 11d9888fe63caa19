"""Agreement of the three experts of a panel (§25.4, §44-47): how often all three decide alike
(3/3), two of them (2/1) or none (1/1/1), on the whole compared decision and on the group, the
cause and the term alone; by App 15 chapter and by expert; Fleiss' κ per set of panels, Cohen's κ
per pair of experts; and experts whose decisions differ from the final result far more often
than the others'.  Only panels with all three decisions in force are counted.

Computed by the database from each act's figures (app/models/figures.py: the panel's decisions
side by side and how many of its three pairs of experts agree — 3 agreeing pairs 3/3, 1 pair 2/1,
none 1/1/1): one scan of the period's acts per query.  Fleiss' Σ n_ij² = 3 + 2 × agreeing pairs;
the category totals are added up from the panels grouped by what their three experts decided."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Integer, and_, case, column, func, select, values
from sqlalchemy.orm import Session

from ... import models as m
from ...models.figures import PAIRS, PLACES
from . import kappa
from .scope import Filters, by_place, checked, scoped_figures
from .sql import FIELDS, plain, share

PANEL = len(PLACES)  # §25.4: a head and two chief specialists
PATTERNS = ("unanimous", "majority", "split")  # 3/3, 2/1, 1/1/1: one, two or three different decisions
AGREEING_PAIRS = {"unanimous": 3, "majority": 1, "split": 0}
ALL = "all"


def _panels(filters: Filters):
    """The figures of the complete panels the filters select."""
    figures = scoped_figures(filters)
    return figures.where(figures.selected_columns.complete.is_(True)).subquery("panels")


def _grouped(session: Session, panels):
    """The panels grouped by chapter and what their experts decided on each field, with counts."""
    keys = [panels.c.chapter, *(panels.c[f"{f}_{p}"] for f in FIELDS for p in PLACES)]
    return session.execute(select(*keys, func.count().label("n")).group_by(*keys)).all()


def _strata_sums(session: Session, panels) -> tuple[dict, dict]:
    """(chapter, field) -> acts and their 3/3, 2/1 and 1/1/1 counts; (chapter, field, category) ->
    decisions of complete panels in that category."""
    patterns: dict = defaultdict(lambda: {"acts": 0, **dict.fromkeys(PATTERNS, 0)})
    totals: Counter = Counter()
    for row in _grouped(session, panels):
        for field in FIELDS:
            decided = [row._mapping[f"{field}_{p}"] for p in PLACES]
            counts = patterns[row.chapter, field]
            counts["acts"] += row.n
            counts[PATTERNS[len(set(decided)) - 1]] += row.n
            for value in decided:
                totals[row.chapter, field, value] += row.n
    return patterns, totals


def _row(field: str, counts: dict, category_totals: list[int]) -> dict:
    """One stratum's figures: patterns, their shares and Fleiss' κ (app.services.statistics.kappa)."""
    acts = counts["acts"]
    agreeing = sum(AGREEING_PAIRS[p] * counts[p] for p in PATTERNS)
    return {"field": field, **counts, **{f"{p}_share": share(counts[p], acts) for p in PATTERNS},
            "kappa": kappa.fleiss(acts, PANEL, PANEL * acts + 2 * agreeing, sum(n * n for n in category_totals))}


def _strata(session: Session, panels) -> tuple[list[dict], list[dict]]:
    """The rows by field over the whole selection, and by chapter and field."""
    patterns, totals = _strata_sums(session, panels)
    whole: dict[str, dict] = defaultdict(lambda: {"acts": 0, **dict.fromkeys(PATTERNS, 0)})
    whole_totals: Counter = Counter()
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


def _by_expert(session: Session, panels) -> list[dict]:
    """Per expert: panels by pattern, alone against two, and compared with the final result
    (the conclusion's decision; acts routed without one are not compared)."""
    joined, place = by_place(panels, "expert", "decision")
    mine, final, pairs = place["decision"], panels.c.final, panels.c.pairs_decision
    same = sum(case((mine == panels.c[f"decision_{p}"], 1), else_=0) for p in PLACES) - 1  # agreeing colleagues
    query = (select(place["expert"].label("expert_id"), func.count().label("acts"),
                    *(func.sum(case((pairs == AGREEING_PAIRS[p], 1), else_=0)).label(p) for p in PATTERNS),
                    func.sum(case((and_(pairs == AGREEING_PAIRS["majority"], same == 0), 1), else_=0))
                    .label("lone_dissents"),
                    func.count(final).label("compared"),
                    func.sum(case((and_(final.is_not(None), final != mine), 1), else_=0)).label("differs"))
             .select_from(joined).group_by(place["expert"]))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row.update({f"{p}_share": share(row[p], row["acts"]) for p in PATTERNS})
    kappa.dissent_test(rows)
    return sorted(rows, key=lambda r: (not r["flagged"], -(r["differ_rate"] or 0), r["expert"]))


def _pair_rows(panels):
    """The panels' pairs of experts as rows: a, b (a < b: places are ordered by expert) and
    what each decided."""
    pairs = values(column("first", Integer), column("second", Integer), name="pairs").data(list(PAIRS)).cte("pairs")

    def pick(side, name):
        return case(*((side == p, panels.c[f"{name}_{p}"]) for p in PLACES))
    return panels.join(pairs, pairs.c.first > 0), {
        "a": pick(pairs.c.first, "expert"), "b": pick(pairs.c.second, "expert"),
        "va": pick(pairs.c.first, "decision"), "vb": pick(pairs.c.second, "decision")}


def _pairs(session: Session, panels, minimum: int) -> tuple[list[dict], int]:
    """Cohen's κ of each pair of experts who sat together on at least ``minimum`` complete
    panels (from their acts grouped by what each decided), and how many pairs sat together."""
    joined, c = _pair_rows(panels)
    grouped = (select(*(c[k].label(k) for k in ("a", "b", "va", "vb")), func.count().label("n"))
               .select_from(joined).group_by(c["a"], c["b"], c["va"], c["vb"]).subquery())
    sized = select(grouped, func.sum(grouped.c.n).over(partition_by=(grouped.c.a, grouped.c.b)).label("acts")
                   ).subquery()
    tables: dict = defaultdict(list)
    for row in session.execute(select(sized).where(sized.c.acts >= minimum)):
        tables[row.a, row.b].append((row.va, row.vb, row.n))
    together = session.scalar(select(func.count()).select_from(
        select(c["a"], c["b"]).select_from(joined).group_by(c["a"], c["b"]).subquery())) or 0
    names = _expert_names(session, {e for pair in tables for e in pair})
    found = [{"expert_a": names.get(a, ""), "expert_b": names.get(b, ""), **_cohen(cells)}
             for (a, b), cells in tables.items()]
    return sorted(found, key=lambda r: (-r["acts"], r["expert_a"], r["expert_b"])), together


def _cohen(cells: list[tuple]) -> dict:
    """Acts, agreement and Cohen's κ of one pair from its (first's, second's decision, acts) cells."""
    acts = sum(n for _va, _vb, n in cells)
    agreeing = sum(n for va, vb, n in cells if va == vb)
    first, second = Counter(), Counter()
    for va, vb, n in cells:
        first[va] += n
        second[vb] += n
    products = sum(n * second[value] for value, n in first.items())
    return {"acts": acts, "agreement": share(agreeing, acts), "kappa": kappa.cohen(acts, agreeing, products)}


def agreement(session: Session, filters: Filters, *, min_pair_acts: int = kappa.MIN_PAIR_ACTS) -> dict:
    """The agreement view: by field, by App 15 chapter, by expert, pairs of experts."""
    filters = checked(session, filters)
    panels = _panels(filters)
    by_field, by_chapter = _strata(session, panels)
    pairs, together = _pairs(session, panels, min_pair_acts)
    by_expert = _by_expert(session, panels)
    return {"view": "agreement", "filters": filters.as_dict(),
            "by_field": by_field, "by_chapter": by_chapter, "by_expert": by_expert,
            "pairs": pairs, "pairs_together": together, "min_pair_acts": min_pair_acts,
            "dissent_test": {"alpha": kappa.ALPHA, "min_decisions": kappa.MIN_DECISIONS,
                             "method": "one-sided exact binomial against the other experts' pooled rate, "
                                       "Bonferroni-corrected"}}
