"""Reversals: how often a conclusion was changed on appeal (§54, §56) or on control
re-examination (§73): the appeal's or control's decision differs from the conclusion on what a
conclusion establishes (the compared fields, app.domain.review.compared); by department, App 15
chapter, expert of the panel and kind of review; and the time from referral to conclusion.
Complaints about the service (§55) decide nothing about the conclusion and are not counted."""

from __future__ import annotations

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain import appeals as appeal_rules
from .agreement import _expert_names
from .scope import Filters, Materialised, checked, per_place, scoped_figures
from .sql import days_between, kz_week, plain, share

KINDS = {"appeal": (appeal_rules.PROACTIVE, appeal_rules.IN_PERSON), "control": (appeal_rules.CONTROL,)}  # §54-56, §73
PERCENTILES = (("median_days", 0.5), ("p90_days", 0.9))


def _concluded(filters: Filters):
    """The figures of the scoped acts with a conclusion that decided something (its key: ``final``)."""
    figures = scoped_figures(filters)
    return figures.where(figures.selected_columns.final.is_not(None)).subquery("concluded")


def _reviews(concluded, store: Materialised):
    """Per concluded act and kind of review: reviewed (a decision reached) and changed; a small
    table of the unit of work (the appealed acts only), which the view's queries share."""
    kind = case(*((m.Appeal.kind.in_(kinds), name) for name, kinds in KINDS.items()))
    reviewed = and_(m.Appeal.status == m.AppealStatus.CONCLUDED, m.Appeal.stat_key.is_not(None))
    changed = and_(reviewed, m.Appeal.stat_key != concluded.c.final)
    return store.table("stat_reviews", (
        select(m.Appeal.act_id, kind.label("kind"), func.count().label("filed"),
               func.max(case((reviewed, 1), else_=0)).label("reviewed"),
               func.max(case((changed, 1), else_=0)).label("changed"))
        .join(concluded, concluded.c.act_id == m.Appeal.act_id)
        .where(m.Appeal.kind.in_([k for kinds in KINDS.values() for k in kinds]))
        .group_by(m.Appeal.act_id, kind)))


COUNTED = ("conclusions", "appealed", "reviewed", "changed")


def _counts(session: Session, concluded, reviews) -> list[dict]:
    """Conclusions, appealed, reviewed and changed acts per department and chapter."""
    per_act = (select(reviews.c.act_id, func.max(reviews.c.reviewed).label("reviewed"),
                      func.max(reviews.c.changed).label("changed")).group_by(reviews.c.act_id).subquery())
    keys = (concluded.c.department, concluded.c.chapter)
    query = (select(*keys, func.count().label("conclusions"), func.count(per_act.c.act_id).label("appealed"),
                    func.coalesce(func.sum(per_act.c.reviewed), 0).label("reviewed"),
                    func.coalesce(func.sum(per_act.c.changed), 0).label("changed"))
             .select_from(concluded).outerjoin(per_act, per_act.c.act_id == concluded.c.act_id).group_by(*keys))
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


def _by_kind(session: Session, reviews) -> list[dict]:
    query = select(reviews.c.kind, func.count().label("appealed"), func.sum(reviews.c.reviewed).label("reviewed"),
                   func.sum(reviews.c.changed).label("changed")).group_by(reviews.c.kind)
    rows = [plain(row) for row in session.execute(query)]
    for row in rows:
        row["changed_of_reviewed"] = share(row["changed"], row["reviewed"])
    return sorted(rows, key=lambda r: list(KINDS).index(r["kind"]))


def _by_expert(session: Session, concluded, reviews) -> list[dict]:
    """Per expert of the panels: conclusions the expert took part in, and how many were changed."""
    places = per_place(concluded, lambda p: {"act_id": concluded.c.act_id, "expert_id": concluded.c[f"expert_{p}"]})
    per_act = select(reviews.c.act_id, func.max(reviews.c.changed).label("changed")).group_by(
        reviews.c.act_id).subquery()
    query = (select(places.c.expert_id, func.count().label("conclusions"),
                    func.coalesce(func.sum(per_act.c.changed), 0).label("changed"))
             .outerjoin(per_act, per_act.c.act_id == places.c.act_id)
             .where(places.c.expert_id.is_not(None)).group_by(places.c.expert_id))
    rows = [plain(row) for row in session.execute(query)]
    names = _expert_names(session, (row["expert_id"] for row in rows))
    for row in rows:
        row["expert"] = names.get(row["expert_id"], "")
        row["changed_share"] = share(row["changed"], row["conclusions"])
    return sorted(rows, key=lambda r: (-r["changed"], -(r["changed_share"] or 0), r["expert"]))


def _durations(session: Session, concluded) -> list[dict]:
    """Days from referral to conclusion per department: mean, and the median and 90th percentile
    by nearest rank (window functions: the row at ⌈q·n⌉ of each department's sorted spans)."""
    days = days_between(concluded.c.registered_at, concluded.c.concluded_at)
    ranked = select(concluded.c.department, days.label("days"),
                    func.row_number().over(partition_by=concluded.c.department, order_by=days).label("rank"),
                    func.count().over(partition_by=concluded.c.department).label("total")).subquery()
    picks = [func.max(case((and_(ranked.c.rank >= ranked.c.total * q, ranked.c.rank - 1 < ranked.c.total * q),
                            ranked.c.days))).label(name) for name, q in PERCENTILES]  # rank = ⌈q·n⌉
    query = select(ranked.c.department, func.count().label("conclusions"), func.avg(ranked.c.days).label("mean_days"),
                   *picks).group_by(ranked.c.department)
    rows = []
    for row in session.execute(query):
        values = plain(row)
        rows.append({key: round(value, 1) if isinstance(value, float) else value for key, value in values.items()})
    return sorted(rows, key=lambda r: str(r["department"]))


def _by_week(session: Session, concluded, reviews) -> list[dict]:
    """Per week of receipt: conclusions, changed ones, mean days to conclusion."""
    week = kz_week(concluded.c.registered_at)
    per_act = select(reviews.c.act_id, func.max(reviews.c.changed).label("changed")).group_by(
        reviews.c.act_id).subquery()
    query = (select(week.label("week"), func.count().label("conclusions"),
                    func.coalesce(func.sum(per_act.c.changed), 0).label("changed"),
                    func.avg(days_between(concluded.c.registered_at, concluded.c.concluded_at)).label("mean_days"))
             .outerjoin(per_act, per_act.c.act_id == concluded.c.act_id).group_by(week).order_by(week))
    rows = [plain(row) for row in session.execute(query)]
    return [{**row, "mean_days": round(row["mean_days"], 1), "changed_share": share(row["changed"], row["conclusions"])}
            for row in rows]


def reversals(session: Session, filters: Filters) -> dict:
    """The reversals view: totals, by kind of review, department, chapter, expert, week; durations."""
    filters = checked(session, filters)
    concluded = _concluded(filters)
    with Materialised(session) as store:
        reviews = _reviews(concluded, store)
        counts = _counts(session, concluded, reviews)
        total = _added_up(counts, None)
        return {"view": "reversals", "filters": filters.as_dict(),
                "total": total[0] if total else {},
                "by_kind": _by_kind(session, reviews),
                "by_department": sorted(_added_up(counts, "department"), key=lambda r: str(r["department"])),
                "by_chapter": sorted(_added_up(counts, "chapter"),
                                     key=lambda r: int(r["chapter"]) if str(r["chapter"]).isdigit() else 99),
                "by_expert": _by_expert(session, concluded, reviews),
                "by_week": _by_week(session, concluded, reviews),
                "durations": _durations(session, concluded)}
