"""Render the report: the marts' rows, shaped by sections.py, into one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from healthreport import format as fmt
from healthreport import sections
from healthreport.marts import ALL, AsOf

SECTION_IDS = ("kpis", "health", "actions", "revenue", "proof", "data-quality")


def raw_number(value: Any) -> str:
    """The exact value for a data-value attribute (what the test compares with the marts)."""
    return "" if value is None else repr(float(value))


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        share=fmt.share,
        score=fmt.score,
        count=fmt.count,
        ratio=fmt.ratio,
        month=fmt.month,
        raw=raw_number,
        tier_colour=sections.tier_colour,
        why=sections.why,
    )
    return env


def context(data: dict[str, Any]) -> dict[str, Any]:
    """What the template shows, from read_published()'s result."""
    as_of: AsOf = data["as_of"]
    currency = as_of.currency
    targets = {k.metric: k.target for k in data["kpis"]}
    revenue_all = [r for r in data["revenue"] if r["segment"] == ALL]
    pooled = {
        r["evaluation_period"]: r
        for r in data["validation"]
        if r["evaluation_quarter_start_date"] is None and r["weight_set"] == as_of.weight_set
    }
    quarantine = sections.quarantine_rows(data["quality"])
    return {
        "as_of": as_of,
        "section_ids": SECTION_IDS,
        "money": lambda value, compact=True: fmt.money(value, currency, compact),
        "cards": sections.kpi_cards(data["kpis"], currency),
        "tiers": data["tiers"],
        "accounts_scored": sum(t["accounts"] for t in data["tiers"]),
        "tier_chart": sections.tier_chart(data["tiers"], currency),
        "histogram_chart": sections.histogram_chart(data["histogram"], data["tiers"]),
        "matrices": [
            (
                "1w",
                "since last week",
                sections.movement_matrix(data["movements_1w"], data["tiers"]),
            ),
            (
                "4w",
                "since 4 weeks ago",
                sections.movement_matrix(data["movements_4w"], data["tiers"]),
            ),
        ],
        "change_flags": data["change_flags"],
        "at_risk_components": data["at_risk_components"],
        "at_risk_arr_week": sum(float(r["arr"]) for r in data["at_risk_components"]),
        "actions": data["actions"],
        "csm_lists": sections.csm_lists(data["actions"]),
        "top_per_csm": sections.TOP_ACTIONS_PER_CSM,
        "changes": data["changes"],
        "changes_shown": sections.CHANGES_SHOWN,
        "bridge_chart": sections.bridge_chart(revenue_all, currency),
        "bridge_rows": revenue_all[-6:],
        "nrr_chart": sections.retention_chart(
            data["revenue"], "net_revenue_retention_12m", targets["nrr_12m"], "NRR by segment"
        ),
        "grr_chart": sections.retention_chart(
            data["revenue"], "gross_revenue_retention_12m", targets["grr_12m"], "GRR by segment"
        ),
        "cohort_charts": sections.cohort_heatmaps(data["cohorts"]),
        "lift_chart": sections.lift_chart(data["deciles"]),
        "calibration_chart": sections.calibration_chart(data["calibration"]),
        "auc_chart": sections.auc_chart(data["validation"], data["auc_target"]),
        "auc_target": data["auc_target"],
        "held_out": pooled.get("held_out"),
        "quality": data["quality"],
        "quarantine": quarantine,
        "quarantine_chart": sections.quarantine_chart(quarantine),
        "quarantine_reasons": sections.quarantine_reasons,
        "totals": {
            key: sum(q[key] for q in data["quality"])
            for key in ("raw_rows", "kept_rows", "duplicate_rows", "quarantined_rows")
        },
    }


def render(data: dict[str, Any]) -> str:
    return environment().get_template("report.html.j2").render(context(data))
