"""What each of the four views draws from the service's tables (app.services.statistics): the
charts a head reads at a glance."""

from __future__ import annotations

from app import i18n
from app.i18n import N_
from app.i18n import gettext as _
from app.services.statistics.kappa import MIN_DECISIONS
from app.services.statistics.labels import TABLES, shown_value
from app.services.statistics.sql import FIELDS

from .charts import COLORS, Chart

TOP = 12  # bars of a ranking (experts, departments, organisations)
PATTERN_NAMES = {"unanimous": "3/3", "majority": "2/1", "split": "1/1/1"}


def _word(key: str, value) -> str:
    return str(shown_value(key, value, i18n.current_language()))


# -- agreement -------------------------------------------------------------------------------------
def agreement_by_field(chart: Chart, rows: list[dict]) -> None:
    chart.bars([_word("field", r["field"]) for r in rows],
               {name: [r[f"{key}_share"] for r in rows] for key, name in PATTERN_NAMES.items()},
               stacked=True, percent=True)


def agreement_heat_map(chart: Chart, rows: list[dict]) -> None:
    """3/3 share by App 15 chapter (rows) and by what is compared (columns)."""
    chapters = sorted({r["chapter"] for r in rows}, key=lambda c: int(c) if c.isdigit() else 99)
    cell = {(r["chapter"], r["field"]): r["unanimous_share"] for r in rows}
    chart.heat_map([_("ch. {chapter}").format(chapter=c) if c else _word("chapter", c) for c in chapters],
                   [_word("field", f) for f in FIELDS], [[cell.get((c, f)) for f in FIELDS] for c in chapters],
                   note=_("Panels where all three experts agree, % (3/3)"))


def experts_differing(chart: Chart, rows: list[dict]) -> None:
    """How often each tested expert differs from the final result; red: far more often than the others."""
    tested = [r for r in rows if r["compared"] >= MIN_DECISIONS][:TOP]
    compared = sum(r["compared"] for r in rows)
    pooled = sum(r["differs"] for r in rows) / compared if compared else None
    chart.lying_bars([r["expert"] for r in tested], [r["differ_rate"] for r in tested],
                     flagged=[r["flagged"] for r in tested], flagged_name=_("far more often than the others"),
                     percent=True, reference=pooled, reference_name=_("all experts"))


def pairs_kappa(chart: Chart, rows: list[dict]) -> None:
    top = rows[:TOP]
    chart.lying_bars([f"{r['expert_a']} – {r['expert_b']}" for r in top], [r["kappa"] for r in top])


# -- reversals -------------------------------------------------------------------------------------
def reversals_by_chapter(chart: Chart, rows: list[dict]) -> None:
    chart.bars([_("ch. {chapter}").format(chapter=r["chapter"]) for r in rows],
               {_("changed, share of conclusions"): [r["changed_share"] for r in rows]}, percent=True,
               colors=[COLORS[2]])


def reversals_by_kind(chart: Chart, rows: list[dict]) -> None:
    chart.bars([_word("kind", r["kind"]) for r in rows],
               {_("reviewed"): [r["reviewed"] for r in rows], _("changed"): [r["changed"] for r in rows]},
               colors=[COLORS[3], COLORS[2]])


def _ranked(rows: list[dict], key: str) -> list[dict]:
    return sorted(rows, key=lambda r: -(r[key] or 0))[:TOP]


def reversals_by_department(chart: Chart, rows: list[dict]) -> None:
    top = _ranked(rows, "changed")
    chart.lying_bars([_word("department", r["department"]) for r in top], [r["changed_share"] for r in top],
                     percent=True)


def reversals_by_expert(chart: Chart, rows: list[dict]) -> None:
    top = rows[:TOP]
    chart.lying_bars([r["expert"] for r in top], [r["changed"] for r in top])


def weeks(chart: Chart, rows: list[dict]) -> None:
    chart.lines([r["week"][5:] for r in rows], {_("mean days to conclusion"): [r["mean_days"] for r in rows]})


def durations(chart: Chart, rows: list[dict]) -> None:
    top = _ranked(rows, "conclusions")
    chart.bars([_word("department", r["department"]) for r in top],
               {_("median"): [r["median_days"] for r in top], _("90% within"): [r["p90_days"] for r in top]},
               colors=[COLORS[3], COLORS[1]])


# -- workload and deadlines ----------------------------------------------------------------------
def overdue_by_week(chart: Chart, rows: list[dict]) -> None:
    chart.lines([r["week"][5:] for r in rows], {_("overdue"): [r["overdue_share"] for r in rows]}, percent=True)


def open_by_expert(chart: Chart, rows: list[dict]) -> None:
    top = rows[:TOP]
    chart.lying_bars([r["expert"] for r in top], [r["open"] for r in top], flagged=[r["overdue"] > 0 for r in top],
                     flagged_name=_("with overdue acts"))


def deadlines_met(chart: Chart, rows: list[dict]) -> None:
    chart.bars([_word("what", r["what"]) for r in rows],
               {_("met"): [r["met_share"] for r in rows], _("missed"): [r["overdue_share"] for r in rows]},
               percent=True, colors=[COLORS[0], COLORS[2]])


def in_person(chart: Chart, rows: list[dict]) -> None:
    top = _ranked(rows, "routed")
    chart.bars([_word("department", r["department"]) for r in top],
               {_("came"): [r["arrived"] for r in top], _("did not come"): [r["no_show"] for r in top],
                _("refused"): [r["refused"] for r in top], _("awaited"): [r["waiting"] for r in top]},
               stacked=True, colors=[COLORS[0], COLORS[2], COLORS[4], COLORS[1]])


def rejections(chart: Chart, rows: list[dict]) -> None:
    top = rows[:TOP]
    concluded = sum(r["concluded"] for r in rows)
    overall = sum(r["rejected"] for r in rows) / concluded if concluded else None
    chart.lying_bars([_word("organisation", r["organisation"]) for r in top], [r["rejected_share"] for r in top],
                     percent=True, reference=overall, reference_name=_("all organisations"))


def _charts(view: str, draws: dict) -> list[tuple[str, str, object]]:
    return [(key, TABLES[view][key], draw) for key, draw in draws.items()]


# (title, report it reads, charts offered: the first is shown first)
VIEWS = {
    "agreement": (N_("Agreement of the experts"), "agreement", _charts("agreement", {
        "by_chapter": agreement_heat_map, "by_field": agreement_by_field, "by_expert": experts_differing,
        "pairs": pairs_kappa})),
    "reversals": (N_("Reversals on appeal and control"), "reversals", _charts("reversals", {
        "by_chapter": reversals_by_chapter, "by_kind": reversals_by_kind, "by_department": reversals_by_department,
        "by_expert": reversals_by_expert, "by_week": weeks, "durations": durations})),
    "workload": (N_("Workload"), "workload", _charts("workload", {
        "by_week": overdue_by_week, "open_by_expert": open_by_expert})),
    "deadlines": (N_("Deadlines"), "workload", _charts("workload", {
        "deadlines": deadlines_met, "in_person": in_person, "rejections": rejections})),
}
