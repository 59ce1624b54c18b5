"""How the dashboard writes numbers, and which metrics of fct_portfolio_summary it headlines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Kind = Literal["money", "count", "score", "ratio"]


@dataclass(frozen=True)
class MetricSpec:
    label: str
    kind: Kind


# The headline metrics of fct_portfolio_summary, in the order shown. Tier metrics (tier_accounts_<tier>,
# tier_arr_<tier>) are shown per tier; any other metric the mart gains appears in the full table.
HEADLINE: dict[str, MetricSpec] = {
    "arr": MetricSpec("ARR", "money"),
    "active_accounts": MetricSpec("Active accounts", "count"),
    "average_health_score": MetricSpec("Average health", "score"),
    "at_risk_arr": MetricSpec("At-risk ARR", "money"),
    "at_risk_arr_share": MetricSpec("At-risk ARR share", "ratio"),
    "net_revenue_retention_12m": MetricSpec("NRR (12 months)", "ratio"),
    "gross_revenue_retention_12m": MetricSpec("GRR (12 months)", "ratio"),
    "logo_retention_12m": MetricSpec("Logo retention (12 months)", "ratio"),
    "new_mrr": MetricSpec("New MRR", "money"),
    "expansion_mrr": MetricSpec("Expansion MRR", "money"),
    "contraction_mrr": MetricSpec("Contraction MRR", "money"),
    "churned_mrr": MetricSpec("Churned MRR", "money"),
}


def spec(metric_name: str) -> MetricSpec:
    """The label and kind of any metric of fct_portfolio_summary."""
    if metric_name in HEADLINE:
        return HEADLINE[metric_name]
    for prefix, label, tier_kind in (("tier_accounts_", "Accounts", "count"), ("tier_arr_", "ARR", "money")):
        if metric_name.startswith(prefix):
            return MetricSpec(f"{label} {metric_name.removeprefix(prefix)}", tier_kind)
    kind: Kind = "ratio" if metric_name.endswith(("_share", "_12m")) else "money"
    return MetricSpec(metric_name.replace("_", " ").capitalize(), kind)


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def value(kind: Kind, number: float | None) -> str:
    """A value as shown: money and counts whole with thousands separators, scores to 0.1,
    ratios as percentages to 0.1; a dash when there is none."""
    if missing(number):
        return "-"
    if kind == "ratio":
        return f"{number:.1%}"
    if kind == "score":
        return f"{number:.1f}"
    return f"{number:,.0f}"


def delta(kind: Kind, number: float | None, against: str = "") -> str | None:
    """A signed change, e.g. '+1,234 vs prior month'; ratio changes in percentage points."""
    if missing(number):
        return None
    if kind == "ratio":
        shown = f"{number * 100:+.1f} pts"
    elif kind == "score":
        shown = f"{number:+.1f}"
    else:
        shown = f"{number:+,.0f}"
    return f"{shown} {against}".rstrip()
