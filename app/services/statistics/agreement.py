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

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...models.figures import PAIRS, PLACES
from ...models.keys import field_of
from . import kappa
from .scope import Filters, checked, per_place, scoped_figures, unpivot
from .sql import FIELDS, plain, share

PANEL = len(PLACES)  # §25.4: a head and two chief specialists
PATTERNS = ("unanimous", "majority", "split")  # 3/3, 2/1, 1/1/1: one, two or three different decisions
AGREEING_PAIRS = {"unanimous": 3, "majority": 1, "split": 0}
ALL = "all"


def _panels(filters: Filters):
    """The figures of the complete panels the filters select."""
    figures = scoped_figures(filters, department=False)
    return figures.where(figures.selected_columns.complete.is_(True)).subquery("panels")


def _grouped(session: Session, panels):
    """The panels grouped by chapter and what their three experts decided, with counts."""
    keys = [panels.c.chapter, *(panels.c[f"decision_{p}"] for p in PLACES)]
    return session.execute(select(*keys, func.count().label("n")).group_by(*keys)).all()


def _strata_sums(session: Session, panels) -> tuple[dict, dict]:
    """(chapter, field) -> acts and their 3/3, 2/1 and 1/1/1 counts; (chapter, field, category) ->
    decisions of complete panels in that category (the group, cause and term read from the
    decisions' keys, app.models.keys.field_of)."""
    patterns: dict = defaultdict(lambda: {"acts": 0, **dict.fromkeys(PATTERNS, 0)})
    totals: Counter = Counter()
    for row in _grouped(session, panels):
        keys = [row._mapping[f"decision_{p}"] for p in PLACES]
        for field in FIELDS:
            decided = keys if field == "decision" else [field_of(key, field) for key in keys]
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
    """Surname and initials of the experts (staff, not examined persons); every staff member's
    read at once when there are many (a country's thousand experts: no list of ids to send)."""
    ids = set(ids)
    query = select(m.StaffMember.id, m.StaffMember.last_name, m.StaffMember.first_name, m.StaffMember.middle_name)
    rows = session.execute(query if len(ids) > 50 else query.where(m.StaffMember.id.in_(list(ids))))
    return {row.id: " ".join([row.last_name] + [f"{p[0]}." for p in (row.first_name, row.middle_name) if p])
            for row in rows if row.id in ids}


def _by_expert(session: Session, panels) -> list[dict]:
    """Per expert: panels by pattern, alone against two, and compared with the final result
    (the conclusion's decision; acts routed without one are not compared)."""
    places = per_place(panels, lambda p: {
        "expert_id": panels.c[f"expert_{p}"], "pairs": panels.c.pairs_decision, "lone": panels.c[f"lone_{p}"],
        "final": panels.c.final, "differs": panels.c[f"differs_{p}"]})
    query = (select(places.c.expert_id, func.count().label("acts"),
                    *(func.sum(case((places.c.pairs == AGREEING_PAIRS[p], 1), else_=0)).label(p) for p in PATTERNS),
                    func.sum(case((places.c.lone, 1), else_=0)).label("lone_dissents"),
                    func.count(places.c.final).label("compared"),
                    func.sum(case((places.c.differs, 1), else_=0)).label("differs"))
             .group_by(places.c.expert_id))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row.update({f"{p}_share": share(row[p], row["acts"]) for p in PATTERNS})
    kappa.dissent_test(rows)
    return sorted(rows, key=lambda r: (not r["flagged"], -(r["differ_rate"] or 0), r["expert"]))


def _pairs(session: Session, panels, minimum: int) -> tuple[list[dict], int]:
    """Cohen's κ of each pair of experts who sat together on at least ``minimum`` complete
    panels, and how many pairs sat together.  The database counts each pair's acts by what each
    of the two decided (cells), keeps the pairs with enough acts, and adds up per pair the acts,
    the agreeing ones and Σ_c a_c·b_c (a_c, b_c: how often each of the two decided c)."""
    pairs = unpivot(panels, [{"a": panels.c[f"expert_{a}"], "b": panels.c[f"expert_{b}"],
                                       "va": panels.c[f"decision_{a}"], "vb": panels.c[f"decision_{b}"]}
                                      for a, b in PAIRS])
    cells = select(pairs, func.count().label("n")).group_by(*pairs.c).subquery("cells")
    sized = select(cells, func.sum(cells.c.n).over(partition_by=(cells.c.a, cells.c.b)).label("acts"),
                   func.dense_rank().over(order_by=(cells.c.a, cells.c.b)).label("rank")).subquery("sized")
    counted = select(sized, func.max(sized.c.rank).over().label("together")).subquery("counted")
    enough = select(counted).where(counted.c.acts >= minimum).cte("enough")
    first, second = (select(enough.c.a, enough.c.b, enough.c[side].label("v"), func.sum(enough.c.n).label("n"))
                     .group_by(enough.c.a, enough.c.b, enough.c[side]).subquery(side) for side in ("va", "vb"))
    products = (select(first.c.a, first.c.b, func.sum(first.c.n * second.c.n).label("products"))
                .join(second, and_(second.c.a == first.c.a, second.c.b == first.c.b, second.c.v == first.c.v))
                .group_by(first.c.a, first.c.b).subquery("products"))
    per_pair = (select(enough.c.a, enough.c.b, func.max(enough.c.acts).label("acts"),
                       func.sum(case((enough.c.va == enough.c.vb, enough.c.n), else_=0)).label("agreeing"),
                       func.max(enough.c.together).label("together"))
                .group_by(enough.c.a, enough.c.b).subquery("per_pair"))
    rows = [plain(row) for row in session.execute(
        select(per_pair, func.coalesce(products.c.products, 0).label("products"))
        .outerjoin(products, and_(products.c.a == per_pair.c.a, products.c.b == per_pair.c.b)))]
    together = rows[0]["together"] if rows else session.scalar(select(func.count()).select_from(
        select(pairs.c.a, pairs.c.b).group_by(pairs.c.a, pairs.c.b).subquery())) or 0
    names = _expert_names(session, {row[side] for row in rows for side in ("a", "b")})
    found = [{"expert_a": names.get(row["a"], ""), "expert_b": names.get(row["b"], ""), "acts": row["acts"],
              "agreement": share(row["agreeing"], row["acts"]),
              "kappa": kappa.cohen(row["acts"], row["agreeing"], int(row["products"]))} for row in rows]
    return sorted(found, key=lambda r: (-r["acts"], r["expert_a"], r["expert_b"])), together


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
