"""Reversals: how often a conclusion was changed on appeal (§54, §56) or on control
re-examination (§73): the appeal's or control's decision differs from the conclusion on what a
conclusion establishes (the compared fields, app.domain.review.compared); by department, App 15
chapter, expert of the panel and kind of review; and the time from referral to conclusion.
Complaints about the service (§55) decide nothing about the conclusion and are not counted."""

from __future__ import annotations

from sqlalchemy import Float, and_, case, func, or_, select, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import Session

from ...models.figures import REVIEWS as KINDS  # §54-56, §73
from .agreement import _expert_names
from .scope import Filters, checked, per_place, scoped_figures
from .sql import days_between, plain, share

PERCENTILES = (("median_days", 0.5), ("p90_days", 0.9))
COUNTED = ("conclusions", "appealed", "reviewed", "changed")


def _concluded(filters: Filters):
    """The figures of the scoped acts with a conclusion that decided something (its key: ``final``)."""
    figures = scoped_figures(filters)
    return figures.where(figures.selected_columns.final.is_not(None)).subquery("concluded")


def _any(concluded, what: str):
    """1 when a review of either kind was filed (``filed``), reached a decision or changed it."""
    flags = [concluded.c[f"{kind}_{what}"] for kind in KINDS]
    return case((or_(*(flag > 0 for flag in flags)) if what == "filed" else or_(*flags), 1), else_=0)


def _flag(column):
    return func.sum(case((column, 1), else_=0))


def _counts(session: Session, concluded) -> list[dict]:
    """Conclusions, appealed, reviewed and changed acts per department and chapter, in all and
    per kind of review (``appeal_reviewed``…)."""
    c = concluded.c
    per_kind = [column for kind in KINDS for column in (
        _flag(c[f"{kind}_filed"] > 0).label(f"{kind}_appealed"), _flag(c[f"{kind}_reviewed"]).label(f"{kind}_reviewed"),
        _flag(c[f"{kind}_changed"]).label(f"{kind}_changed"))]
    keys = (c.department, c.chapter)
    query = (select(*keys, func.count().label("conclusions"), func.sum(_any(concluded, "filed")).label("appealed"),
                    func.sum(_any(concluded, "reviewed")).label("reviewed"),
                    func.sum(_any(concluded, "changed")).label("changed"), *per_kind).group_by(*keys))
    return [plain(row) for row in session.execute(query)]


def _added_up(rows: list[dict], key: str | None) -> list[dict]:
    """The department-and-chapter counts added up by ``key`` (None: all of them), with shares."""
    sums: dict = {}
    for row in rows:
        group = sums.setdefault(row[key] if key else None, {**({key: row[key]} if key else {}),
                                                            **dict.fromkeys(COUNTED, 0)})
        for name in COUNTED:
            group[name] += row[name]
    return [_with_shares(group) for group in sums.values()]


def _with_shares(row: dict) -> dict:
    row["changed_share"] = share(row["changed"], row["conclusions"])
    row["changed_of_reviewed"] = share(row["changed"], row["reviewed"])
    return row


def _by_kind(counts: list[dict]) -> list[dict]:
    """Acts appealed, reviewed and changed per kind of review, added up from the counts."""
    rows = []
    for kind in KINDS:
        row = {"kind": kind, **{what: sum(r[f"{kind}_{what}"] for r in counts)
                                for what in ("appealed", "reviewed", "changed")}}
        if row["appealed"]:
            rows.append({**row, "changed_of_reviewed": share(row["changed"], row["reviewed"])})
    return rows


def _by_expert(session: Session, concluded) -> list[dict]:
    """Per expert of the panels: conclusions the expert took part in, and how many were changed."""
    changed = _any(concluded, "changed")
    places = per_place(concluded, lambda p: {"expert_id": concluded.c[f"expert_{p}"], "changed": changed})
    query = (select(places.c.expert_id, func.count().label("conclusions"), func.sum(places.c.changed).label("changed"))
             .where(places.c.expert_id.is_not(None)).group_by(places.c.expert_id))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row["changed_share"] = share(row["changed"], row["conclusions"])
    return sorted(rows, key=lambda r: (-r["changed"], -(r["changed_share"] or 0), r["expert"]))


def _durations(session: Session, concluded) -> list[dict]:
    """Days from referral to conclusion per department: mean, and the median and 90th percentile
    by nearest rank (the span at ⌈q·n⌉ of each department's sorted spans)."""
    days = days_between(concluded.c.registered_at, concluded.c.concluded_at)
    if session.get_bind().dialect.name == "postgresql":  # an ordered-set aggregate: one sort, no windows
        query = select(concluded.c.department, func.count().label("conclusions"), func.avg(days).label("mean_days"),
                       type_coerce(func.percentile_disc(array([q for _name, q in PERCENTILES])).within_group(days),
                                   ARRAY(Float)).label("percentiles")).group_by(concluded.c.department)
    else:
        ranked = select(concluded.c.department, days.label("days"),
                        func.row_number().over(partition_by=concluded.c.department, order_by=days).label("rank"),
                        func.count().over(partition_by=concluded.c.department).label("total")).subquery()
        picks = [func.max(case((and_(ranked.c.rank >= ranked.c.total * q, ranked.c.rank - 1 < ranked.c.total * q),
                                ranked.c.days))).label(name) for name, q in PERCENTILES]  # rank = ⌈q·n⌉
        query = select(ranked.c.department, func.count().label("conclusions"),
                       func.avg(ranked.c.days).label("mean_days"), *picks).group_by(ranked.c.department)
    rows = []
    for row in session.execute(query):
        values = plain(row)
        values.update(zip((name for name, _q in PERCENTILES), values.pop("percentiles", None) or ()))
        rows.append({key: round(value, 1) if isinstance(value, float) else value for key, value in values.items()})
    return sorted(rows, key=lambda r: str(r["department"]))


def _by_week(session: Session, concluded) -> list[dict]:
    """Per week of receipt: conclusions, changed ones, mean days to conclusion."""
    week = concluded.c.registered_week
    query = (select(week.label("week"), func.count().label("conclusions"),
                    func.sum(_any(concluded, "changed")).label("changed"),
                    func.avg(days_between(concluded.c.registered_at, concluded.c.concluded_at)).label("mean_days"))
             .group_by(week).order_by(week))
    rows = [plain(row) for row in session.execute(query)]
    return [{**row, "mean_days": round(row["mean_days"], 1), "changed_share": share(row["changed"], row["conclusions"])}
            for row in rows]


def reversals(session: Session, filters: Filters) -> dict:
    """The reversals view: totals, by kind of review, department, chapter, expert, week; durations."""
    filters = checked(session, filters)
    concluded = _concluded(filters)
    counts = _counts(session, concluded)
    total = _added_up(counts, None)
    return {"view": "reversals", "filters": filters.as_dict(),
            "total": total[0] if total else {},
            "by_kind": _by_kind(counts),
            "by_department": sorted(_added_up(counts, "department"), key=lambda r: str(r["department"])),
            "by_chapter": sorted(_added_up(counts, "chapter"),
                                 key=lambda r: int(r["chapter"]) if str(r["chapter"]).isdigit() else 99),
            "by_expert": _by_expert(session, concluded),
            "by_week": _by_week(session, concluded),
            "durations": _durations(session, concluded)}
