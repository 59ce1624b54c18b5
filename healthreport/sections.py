"""Shape the marts' rows into what each section of the report shows: tables, badges and charts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from healthreport import format as fmt
from healthreport.charts import ReferenceLine, Series, bar_chart, hbar_chart, heatmap, line_chart
from healthreport.marts import ALL, Kpi, quarantine_reasons

TOP_ACTIONS_PER_CSM = 3
CHANGES_SHOWN = 10

TIER_COLOURS = {
    "thriving": "#1a7f37",
    "healthy": "#6cc644",
    "neutral": "#e3b341",
    "at-risk": "#f0883e",
    "critical": "#cf222e",
}
MOVEMENT_COLOURS = {
    "new_mrr": "#0969da",
    "expansion_mrr": "#2da44e",
    "reactivation_mrr": "#8250df",
    "contraction_mrr": "#f0883e",
    "churned_mrr": "#cf222e",
}
MOVEMENT_NAMES = {
    "new_mrr": "new",
    "expansion_mrr": "expansion",
    "reactivation_mrr": "reactivation",
    "contraction_mrr": "contraction",
    "churned_mrr": "churn",
}
SEGMENT_COLOURS = {
    ALL: "#24292f",
    "Enterprise": "#0969da",
    "Mid-Market": "#8250df",
    "SMB": "#2da44e",
    "Starter": "#bf8700",
    "Unknown": "#8c959f",
}
WEIGHT_SET_COLOURS = {"configured": "#0969da", "learned": "#8250df"}
NOT_SCORED = "not scored"


def tier_colour(tier: str | None) -> str:
    return TIER_COLOURS.get(tier or "", "#8c959f")


# --- headline ---


@dataclass(frozen=True)
class KpiCard:
    kpi: Kpi
    value: str
    prior_month: str
    prior_quarter: str
    delta_month: str
    delta_quarter: str
    target: str
    trend_month: str  # good, bad or flat: the colour of the month's change


def kpi_cards(kpis: Sequence[Kpi], currency: str) -> list[KpiCard]:
    cards = []
    for kpi in kpis:
        change = None
        if kpi.value is not None and kpi.prior_month is not None:
            change = kpi.value - kpi.prior_month
        better = change is not None and (change < 0) == (kpi.direction == "lower_is_better")
        cards.append(
            KpiCard(
                kpi=kpi,
                value=fmt.value(kpi.kind, kpi.value, currency),
                prior_month=fmt.value(kpi.kind, kpi.prior_month, currency),
                prior_quarter=fmt.value(kpi.kind, kpi.prior_quarter, currency),
                delta_month=fmt.delta(kpi.kind, kpi.value, kpi.prior_month, currency),
                delta_quarter=fmt.delta(kpi.kind, kpi.value, kpi.prior_quarter, currency),
                target=fmt.value(kpi.kind, kpi.target, currency) if kpi.target is not None else "",
                trend_month="flat" if not change else ("good" if better else "bad"),
            )
        )
    return cards


# --- health ---


@dataclass(frozen=True)
class Matrix:
    """Accounts by tier then (rows) and tier now (columns), with the totals that matter."""

    tiers: list[str]  # row and column order, NOT_SCORED last
    cells: dict[tuple[str, str], int]
    worsened: int
    improved: int
    unchanged: int
    entered: int  # not scored then, scored now
    left: int  # scored then, not now (churned or ended)

    def shade(self, then: str, now: str) -> str:
        """The cell's class: zero, same (diagonal), better, worse, or '' to or from not scored."""
        if not self.cells.get((then, now)):
            return "zero"
        if NOT_SCORED in (then, now):
            return ""
        step = self.tiers.index(now) - self.tiers.index(then)
        return "same" if step == 0 else ("worse" if step > 0 else "better")


def movement_matrix(rows: Sequence[dict[str, Any]], tiers: Sequence[dict[str, Any]]) -> Matrix:
    rank = {t["tier"]: t["tier_rank"] for t in tiers}
    cells: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        then, now = row["from_tier"] or NOT_SCORED, row["to_tier"] or NOT_SCORED
        cells[(then, now)] = row["accounts"]
        if then == NOT_SCORED:
            kind = "entered"
        elif now == NOT_SCORED:
            kind = "left"
        elif rank[now] > rank[then]:  # rank 1 = thriving: a higher rank is a worse tier
            kind = "worsened"
        elif rank[now] < rank[then]:
            kind = "improved"
        else:
            kind = "unchanged"
        totals[kind] += row["accounts"]
    return Matrix(
        tiers=[t["tier"] for t in tiers] + [NOT_SCORED],
        cells=cells,
        worsened=totals["worsened"],
        improved=totals["improved"],
        unchanged=totals["unchanged"],
        entered=totals["entered"],
        left=totals["left"],
    )


def tier_chart(tiers: Sequence[dict[str, Any]], currency: str) -> Markup:
    return hbar_chart(
        [f"{t['tier']} ({t['min_score']}+)" for t in tiers],
        [float(t["arr"]) for t in tiers],
        [tier_colour(t["tier"]) for t in tiers],
        fmt=lambda v: fmt.money(v, currency),
        label="ARR by tier this week",
        width=430,
        row_height=26,
        label_width=120,
    )


def histogram_chart(bins: Sequence[dict[str, Any]], tiers: Sequence[dict[str, Any]]) -> Markup:
    by_low = {int(b["bin_low"]): b["accounts"] for b in bins}
    lows = list(range(0, 100, 5))

    def tier_of(low: int) -> str:
        return next(t["tier"] for t in tiers if low >= t["min_score"])

    series = [
        Series(
            t["tier"],
            [by_low.get(low) if tier_of(low) == t["tier"] else None for low in lows],
            tier_colour(t["tier"]),
        )
        for t in tiers
    ]
    return bar_chart(
        [str(low) for low in lows],
        series,
        stacked=True,
        fmt=lambda v: f"{v:.0f}",
        label="Accounts by health score (5-point bins)",
        width=820,
        height=230,
    )


# --- actions ---


@dataclass(frozen=True)
class CsmList:
    csm_name: str
    items: list[dict[str, Any]]  # the top ones
    item_count: int
    at_risk_arr: float


def why(item: dict[str, Any]) -> str:
    """Why an account is on the list, in one line: a tier change, its most severe open alert (and
    how many more) and the measure costing it the most points."""
    parts = [] if item["reason_listed"] == "open alerts" else [item["reason_listed"]]
    if item["top_alert"]:
        more = item["open_alert_count"] - 1
        parts.append(item["top_alert"] + (f" (+{more})" if more > 0 else ""))
    if item["driver_1_label"]:
        parts.append(f"top driver {item['driver_1_label']}")
    return "; ".join(parts)


def csm_lists(items: Sequence[dict[str, Any]]) -> list[CsmList]:
    """The action list per CSM (already ranked by the mart), CSMs with most ARR at risk first."""
    by_csm: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_csm[item["csm_name"] or "(no CSM)"].append(item)
    lists = [
        CsmList(
            name,
            rows[:TOP_ACTIONS_PER_CSM],
            len(rows),
            float(sum(r["at_risk_arr"] or 0 for r in rows)),
        )
        for name, rows in by_csm.items()
    ]
    return sorted(lists, key=lambda c: (-c.at_risk_arr, -c.item_count, c.csm_name))


# --- revenue ---


def bridge_chart(months: Sequence[dict[str, Any]], currency: str) -> Markup:
    columns = ("new_mrr", "expansion_mrr", "reactivation_mrr", "contraction_mrr", "churned_mrr")
    return bar_chart(
        [fmt.short_month(m["month_start_date"]) for m in months],
        [
            Series(MOVEMENT_NAMES[c], [float(m[c]) for m in months], MOVEMENT_COLOURS[c])
            for c in columns
        ],
        stacked=True,
        fmt=lambda v: fmt.money(v, currency),
        label="MRR bridge by month",
        width=1280,
        height=270,
    )


def retention_chart(
    rows: Sequence[dict[str, Any]], column: str, target: float | None, label: str
) -> Markup:
    months = sorted({r["month_start_date"] for r in rows if r[column] is not None})
    segments = sorted({r["segment"] for r in rows}, key=lambda s: (s != ALL, s))
    value = {(r["month_start_date"], r["segment"]): r[column] for r in rows}
    refs = [ReferenceLine(target, f"target {fmt.share(target, 0)}")] if target is not None else []
    return line_chart(
        [fmt.short_month(m) for m in months],
        [
            Series(s, [value.get((m, s)) for m in months], SEGMENT_COLOURS.get(s, "#57606a"))
            for s in segments
        ],
        refs=refs,
        fmt=lambda v: fmt.share(v, 0),
        label=label,
        emphasise=ALL,
        width=630,
        height=250,
    )


def cohort_heatmaps(cells: Sequence[dict[str, Any]]) -> dict[str, Markup]:
    cohorts = sorted({(c["cohort_month_date"], c["cohort_size"]) for c in cells})
    ages = sorted({c["months_since_start"] for c in cells})
    charts = {}
    for column, domain in (("logo_retention", (0.5, 1.0)), ("revenue_retention", (0.5, 1.2))):
        value = {(c["cohort_month_date"], c["months_since_start"]): c[column] for c in cells}
        charts[column] = heatmap(
            [f"{fmt.short_month(month)} ·{size}" for month, size in cohorts],
            [str(age) for age in ages],
            [[value.get((month, age)) for age in ages] for month, _ in cohorts],
            fmt=lambda v: f"{v * 100:.0f}",
            domain=domain,
            cell=24,
            row_label_width=70,
            label=f"Cohort {column.replace('_', ' ')}",
        )
    return charts


# --- proof ---


def lift_chart(deciles: Sequence[dict[str, Any]]) -> Markup:
    return bar_chart(
        [str(d["score_decile"]) for d in deciles],
        [Series("lift", [d["lift"] for d in deciles], "#cf222e")],
        refs=[ReferenceLine(1.0, "no lift (base rate)")],
        fmt=lambda v: f"{v:.1f}x",
        label="Churn lift by score decile, held-out quarters",
        width=420,
        height=250,
    )


def calibration_chart(bands: Sequence[dict[str, Any]]) -> Markup:
    return bar_chart(
        [f"{b['score_band']}" for b in bands],
        [
            Series("predicted", [b["predicted_churn_probability"] for b in bands], "#8c959f"),
            Series("actual (held out)", [b["actual_churn_rate"] for b in bands], "#cf222e"),
        ],
        fmt=lambda v: fmt.share(v, 0),
        label="Predicted vs actual churn by score band",
        width=420,
        height=250,
    )


def auc_chart(validation: Sequence[dict[str, Any]], target: float) -> Markup:
    quarters = [r for r in validation if r["evaluation_quarter_start_date"] is not None]
    periods = sorted({r["evaluation_period"] for r in quarters})  # 2025-Q1 sorts as a date
    auc = {(r["evaluation_period"], r["weight_set"]): r["auc"] for r in quarters}
    return line_chart(
        [p[2:].replace("-", " ") for p in periods],
        [
            Series(ws, [auc.get((p, ws)) for p in periods], colour)
            for ws, colour in WEIGHT_SET_COLOURS.items()
        ],
        refs=[
            ReferenceLine(target, f"target {target}", "#1a7f37"),
            ReferenceLine(0.5, "chance", "#8c959f"),
        ],
        fmt=lambda v: f"{v:.2f}",
        label="AUC by quarter",
        width=430,
        height=250,
    )


# --- data quality ---


def quarantine_rows(quality: Sequence[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(source table, reason, rows), most rows first."""
    pairs = [
        (q["source_table"], reason, rows)
        for q in quality
        for reason, rows in quarantine_reasons(q["quarantine_reasons"])
    ]
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def quarantine_chart(pairs: Sequence[tuple[str, str, int]]) -> Markup:
    return hbar_chart(
        [f"{source} · {reason}" for source, reason, _ in pairs],
        [float(rows) for _, _, rows in pairs],
        ["#bf8700"] * len(pairs),
        fmt=lambda v: f"{v:,.0f}",
        label="Quarantined rows by source and reason",
        width=500,
        row_height=22,
        label_width=290,
    )
