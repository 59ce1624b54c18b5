"""Altair charts of the dashboard (altair ships with streamlit; nothing is fetched at runtime)."""

from __future__ import annotations

import altair as alt
import pandas as pd

# Tier colours by tier rank (1 = thriving ... 5 = critical), green to red.
TIER_PALETTE = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")


def tier_scale(tiers: pd.DataFrame) -> alt.Scale:
    """Tiers (seed health_tiers, by rank) coloured green to red."""
    ordered = tiers.sort_values("tier_rank")
    palette = [TIER_PALETTE[min(int(rank), len(TIER_PALETTE)) - 1] for rank in ordered["tier_rank"]]
    return alt.Scale(domain=ordered["tier"].tolist(), range=palette)


def score_history(history: pd.DataFrame, tiers: pd.DataFrame) -> alt.LayerChart:
    """The weekly health score over the tier bands (shaded score ranges of seed health_tiers)."""
    bands = (
        alt.Chart(tiers)
        .mark_rect(opacity=0.18)
        .encode(
            y=alt.Y("min_score:Q", title="health score", scale=alt.Scale(domain=[0, 100])),
            y2="max_score:Q",
            color=alt.Color("tier:N", scale=tier_scale(tiers), title="tier band"),
            tooltip=["tier:N", "min_score:Q", "max_score:Q"],
        )
    )
    line = (
        alt.Chart(history)
        .mark_line(point=True, color="#1f2937")
        .encode(
            x=alt.X("week_start_date:T", title="week"),
            y=alt.Y("health_score:Q", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("week_start_date:T", title="week"),
                alt.Tooltip("health_score:Q", format=".1f"),
                "tier:N",
                alt.Tooltip("health_change_1w:Q", format="+.1f", title="change 1w"),
                "driver_1_measure:N",
            ],
        )
    )
    return alt.layer(bands, line).properties(height=320)


def tier_mix(by_tier: pd.DataFrame, tiers: pd.DataFrame, measure: str, title: str) -> alt.Chart:
    """A bar per tier (in tier order) of `measure`, coloured like the tier bands."""
    return (
        alt.Chart(by_tier)
        .mark_bar()
        .encode(
            x=alt.X("tier:N", sort=tiers.sort_values("tier_rank")["tier"].tolist(), title=None),
            y=alt.Y(f"{measure}:Q", title=title),
            color=alt.Color("tier:N", scale=tier_scale(tiers), legend=None),
            tooltip=["tier:N", alt.Tooltip(f"{measure}:Q", format=",.0f", title=title)],
        )
        .properties(height=260)
    )


def mrr_history(mrr: pd.DataFrame) -> alt.Chart:
    """Ending MRR per month, each month's point coloured by its movement type."""
    base = alt.Chart(mrr).encode(
        x=alt.X("month_start_date:T", title="month"),
        y=alt.Y("ending_mrr:Q", title="MRR at month end"),
    )
    points = base.mark_point(filled=True, size=60).encode(
        color=alt.Color("movement_type:N", title="movement"),
        tooltip=[
            alt.Tooltip("month_start_date:T", title="month", format="%Y-%m"),
            "movement_type:N",
            alt.Tooltip("starting_mrr:Q", format=",.2f"),
            alt.Tooltip("ending_mrr:Q", format=",.2f"),
        ],
    )
    return alt.layer(base.mark_line(color="#6b7280"), points).properties(height=260)
