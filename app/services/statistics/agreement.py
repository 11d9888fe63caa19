"""Agreement of the three experts of a panel (§25.4, §44-47): how often all three decide alike
(3/3), two of them (2/1) or none (1/1/1), on the whole compared decision and on the group, the
cause and the term alone; by App 15 chapter and by expert; Fleiss' κ per set of panels, Cohen's κ
per pair of experts; and experts whose decisions differ from the final result far more often
than the others'.  Only panels with all three decisions in force are counted.  Computed by the
database: every query below is an aggregate."""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from ... import models as m
from . import kappa
from .scope import Filters, checked, decisions_in_force, scoped_acts
from .sql import FIELDS, share

PANEL = 3  # §25.4: a head and two chief specialists
PATTERNS = ("unanimous", "majority", "split")  # 3/3, 2/1, 1/1/1


class _Tables:
    """The CTEs the queries share: the decisions in force as keys per field (long form), the
    acts' patterns, and the counts n_ij of each category per act."""

    def __init__(self, session: Session, filters: Filters):
        acts = scoped_acts(session, filters).cte("acts")
        decisions = decisions_in_force(acts).cte("decisions")
        complete = (select(decisions.c.act_id).group_by(decisions.c.act_id)
                    .having(func.count() == PANEL).cte("complete"))
        keyed = [select(decisions.c.act_id, decisions.c.expert_id, decisions.c.chapter,
                        literal(field).label("field"), decisions.c[field].label("value"))
                 .join(complete, complete.c.act_id == decisions.c.act_id) for field in FIELDS]
        self.long = union_all(*keyed).cte("long")
        long = self.long
        self.cells = (select(long.c.act_id, long.c.field, long.c.chapter, long.c.value, func.count().label("n"))
                      .group_by(long.c.act_id, long.c.field, long.c.chapter, long.c.value).cte("cells"))
        cells = self.cells
        self.per_act = (select(cells.c.act_id, cells.c.field, cells.c.chapter, func.count().label("values"))
                        .group_by(cells.c.act_id, cells.c.field, cells.c.chapter).cte("per_act"))


def _pattern_counts(values):
    """3/3, 2/1 and 1/1/1 counted from the number of different values in a panel."""
    return [func.sum(case((values == number, 1), else_=0)).label(name)
            for number, name in zip((1, 2, 3), PATTERNS)]


def _patterns(session: Session, t: _Tables, by: list[str]) -> dict[tuple, dict]:
    keys = [t.per_act.c[name] for name in by] + [t.per_act.c.field]
    query = select(*keys, func.count().label("acts"), *_pattern_counts(t.per_act.c["values"])).group_by(*keys)
    return {tuple(row[:len(keys)]): dict(row._mapping) for row in session.execute(query)}


def _fleiss(session: Session, t: _Tables, by: list[str]) -> dict[tuple, float | None]:
    """Fleiss' κ per stratum and field from the sums the database makes (app.services.statistics.kappa)."""
    cells = t.cells
    keys = [cells.c[name] for name in by] + [cells.c.field]
    squares = (select(*keys, func.count(func.distinct(cells.c.act_id)).label("acts"),
                      func.sum(cells.c.n * cells.c.n).label("sum_squares")).group_by(*keys).subquery())
    totals = select(*keys, cells.c.value, func.sum(cells.c.n).label("total")).group_by(*keys, cells.c.value).subquery()
    total_keys = [totals.c[name] for name in by] + [totals.c.field]
    category = (select(*total_keys, func.sum(totals.c.total * totals.c.total).label("category_squares"))
                .group_by(*total_keys).subquery())
    square_keys = [squares.c[name] for name in by] + [squares.c.field]
    query = select(*square_keys, squares.c.acts, squares.c.sum_squares, category.c.category_squares).join(
        category, and_(*(category.c[name] == squares.c[name] for name in (*by, "field"))))
    width = len(square_keys)
    return {tuple(row[:width]): kappa.fleiss(row.acts, PANEL, int(row.sum_squares), int(row.category_squares))
            for row in session.execute(query)}


def _strata(session: Session, t: _Tables, by: list[str]) -> list[dict]:
    kappas = _fleiss(session, t, by)
    rows = []
    for key, counts in sorted(_patterns(session, t, by).items(), key=lambda item: _order(item[0])):
        acts = counts["acts"]
        row = {**counts, **{f"{name}_share": share(counts[name], acts) for name in PATTERNS},
               "kappa": kappas.get(key)}
        rows.append(row)
    return rows


def _order(key: tuple) -> tuple:
    """Chapters in number order, fields in the order of FIELDS."""
    return tuple(int(k) if str(k).isdigit() else (FIELDS.index(k) if k in FIELDS else 99) for k in key)


def _expert_names(session: Session, ids) -> dict[int, str]:
    """Surname and initials of the experts (staff, not examined persons)."""
    rows = session.execute(select(m.StaffMember.id, m.StaffMember.last_name, m.StaffMember.first_name,
                                  m.StaffMember.middle_name).where(m.StaffMember.id.in_(list(ids))))
    return {row.id: " ".join([row.last_name] + [f"{p[0]}." for p in (row.first_name, row.middle_name) if p])
            for row in rows}


def _final_key():
    """The final result of an act (the conclusion's decision, a mark or a conclusion) as a key;
    acts whose conclusion holds no decision (routed in person, at the head-expert) have none."""
    return (select(m.Conclusion.act_id, m.Conclusion.stat_key.label("final"))
            .where(m.Conclusion.stat_key.is_not(None)).subquery())


def _by_expert(session: Session, t: _Tables) -> list[dict]:
    long, per_act, cells = t.long, t.per_act, t.cells
    final = _final_key()
    lone = and_(per_act.c["values"] == 2, cells.c.n == 1)
    differs = case((and_(final.c.final.is_not(None), long.c.value != final.c.final), 1), else_=0)
    query = (select(long.c.expert_id, func.count().label("acts"), *_pattern_counts(per_act.c["values"]),
                    func.sum(case((lone, 1), else_=0)).label("lone_dissents"),
                    func.count(final.c.final).label("compared"), func.sum(differs).label("differs"))
             .join(per_act, and_(per_act.c.act_id == long.c.act_id, per_act.c.field == long.c.field))
             .join(cells, and_(cells.c.act_id == long.c.act_id, cells.c.field == long.c.field,
                               cells.c.value == long.c.value))
             .outerjoin(final, final.c.act_id == long.c.act_id)
             .where(long.c.field == "decision").group_by(long.c.expert_id))
    rows = [dict(row._mapping) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row.update({f"{name}_share": share(row[name], row["acts"]) for name in PATTERNS})
    kappa.dissent_test(rows)
    return sorted(rows, key=lambda r: (not r["flagged"], -(r["differ_rate"] or 0), r["expert"]))


def _pairs(session: Session, t: _Tables, minimum: int) -> tuple[list[dict], int]:
    """Cohen's κ of each pair of experts who sat together on at least ``minimum`` panels, and
    how many pairs sat together at all."""
    long = t.long
    first, second = aliased(long), aliased(long)
    pairs = (select(first.c.expert_id.label("a"), second.c.expert_id.label("b"), first.c.value.label("va"),
                    second.c.value.label("vb"))
             .join(second, and_(second.c.act_id == first.c.act_id, second.c.field == first.c.field,
                                second.c.expert_id > first.c.expert_id))
             .where(first.c.field == "decision").cte("pairs"))
    counts = (select(pairs.c.a, pairs.c.b, func.count().label("acts"),
                     func.sum(case((pairs.c.va == pairs.c.vb, 1), else_=0)).label("agreeing"))
              .group_by(pairs.c.a, pairs.c.b).cte("pair_counts"))
    together = session.scalar(select(func.count()).select_from(counts)) or 0
    enough = select(counts).where(counts.c.acts >= minimum).cte("enough")
    margin_a = (select(pairs.c.a, pairs.c.b, pairs.c.va.label("v"), func.count().label("c"))
                .join(enough, and_(enough.c.a == pairs.c.a, enough.c.b == pairs.c.b))
                .group_by(pairs.c.a, pairs.c.b, pairs.c.va).subquery())
    margin_b = (select(pairs.c.a, pairs.c.b, pairs.c.vb.label("v"), func.count().label("c"))
                .join(enough, and_(enough.c.a == pairs.c.a, enough.c.b == pairs.c.b))
                .group_by(pairs.c.a, pairs.c.b, pairs.c.vb).subquery())
    chance = (select(margin_a.c.a, margin_a.c.b, func.sum(margin_a.c.c * margin_b.c.c).label("products"))
              .join(margin_b, and_(margin_b.c.a == margin_a.c.a, margin_b.c.b == margin_a.c.b,
                                   margin_b.c.v == margin_a.c.v))
              .group_by(margin_a.c.a, margin_a.c.b).subquery())
    query = (select(enough.c.a, enough.c.b, enough.c.acts, enough.c.agreeing,
                    func.coalesce(chance.c.products, 0).label("products"))
             .outerjoin(chance, and_(chance.c.a == enough.c.a, chance.c.b == enough.c.b)))
    rows = list(session.execute(query))
    names = _expert_names(session, {row.a for row in rows} | {row.b for row in rows})
    found = [{"expert_a": names.get(row.a, ""), "expert_b": names.get(row.b, ""), "acts": row.acts,
              "agreement": share(row.agreeing, row.acts), "kappa": kappa.cohen(row.acts, row.agreeing,
                                                                             int(row.products))}
             for row in rows]
    return sorted(found, key=lambda r: (-r["acts"], r["expert_a"], r["expert_b"])), together


def agreement(session: Session, filters: Filters, *, min_pair_acts: int = kappa.MIN_PAIR_ACTS) -> dict:
    """The agreement view: summary, by field, by App 15 chapter, by expert, pairs."""
    filters = checked(session, filters)
    tables = _Tables(session, filters)
    by_field = _strata(session, tables, [])
    pairs, together = _pairs(session, tables, min_pair_acts)
    return {"view": "agreement", "filters": filters.as_dict(),
            "by_field": by_field,
            "by_chapter": _strata(session, tables, ["chapter"]),
            "by_expert": _by_expert(session, tables),
            "pairs": pairs,
            "pairs_together": together, "min_pair_acts": min_pair_acts,
            "dissent_test": {"alpha": kappa.ALPHA, "min_decisions": kappa.MIN_DECISIONS,
                             "method": "one-sided exact binomial against the other experts' pooled rate, "
                                       "Bonferroni-corrected"}}
