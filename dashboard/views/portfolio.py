"""Portfolio: the executive summary of the latest complete month (fct_portfolio_summary), and
this week's accounts, ARR, at-risk ARR and health by segment, CSM and tier
(fct_account_health_weekly)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, formatting, ui

summary = data.portfolio_summary().set_index("metric_name")
tiers = data.health_tiers()
currency = data.reporting_currency()

st.title("Portfolio")
if summary.empty:
    st.info("fct_portfolio_summary is empty: no month has ended with revenue yet.")
else:
    month = pd.Timestamp(summary["month_start_date"].iloc[0])
    st.caption(
        f"{month:%B %Y}, the latest complete month (fct_portfolio_summary): each metric against "
        f"the month before; hover for the quarter before and the target. Money in {currency}."
    )
    headline = [name for name in formatting.HEADLINE if name in summary.index]
    for start in range(0, len(headline), 4):
        for column, name in zip(st.columns(4), headline[start:start + 4]):
            row, spec = summary.loc[name], formatting.HEADLINE[name]
            target = formatting.value(spec.kind, row["target_value"])
            on_target = {True: " (on target)", False: " (off target)"}.get(row["is_on_target"], "")
            column.metric(
                spec.label,
                formatting.value(spec.kind, row["metric_value"]),
                delta=formatting.delta(spec.kind, row["delta_vs_prior_month"], "vs prior month"),
                delta_color="inverse" if row["direction"] == "lower_is_better" else "normal",
                help=(
                    f"Prior month {formatting.value(spec.kind, row['prior_month_value'])}; "
                    f"prior quarter {formatting.value(spec.kind, row['prior_quarter_value'])}; "
                    f"target {target}{on_target}."
                ),
                border=True,
            )

    # tier metrics are named tier_accounts_<tier> and tier_arr_<tier>, the tier with underscores
    tier_keys = tiers["tier"].str.replace("-", "_")
    by_tier = pd.DataFrame(
        {
            "tier": tiers["tier"],
            "accounts": [summary["metric_value"].get(f"tier_accounts_{key}") for key in tier_keys],
            "arr": [summary["metric_value"].get(f"tier_arr_{key}") for key in tier_keys],
        }
    )
    left, right = st.columns(2)
    left.altair_chart(charts.tier_mix(by_tier, tiers, "accounts", "accounts"), width="stretch")
    right.altair_chart(charts.tier_mix(by_tier, tiers, "arr", f"ARR ({currency})"), width="stretch")

    with st.expander("Every metric: value, prior month, prior quarter, target"):
        rows = []
        for name, row in summary.iterrows():
            spec = formatting.spec(str(name))
            rows.append(
                {
                    "metric": spec.label,
                    "value": formatting.value(spec.kind, row["metric_value"]),
                    "prior month": formatting.value(spec.kind, row["prior_month_value"]),
                    "prior quarter": formatting.value(spec.kind, row["prior_quarter_value"]),
                    "target": formatting.value(spec.kind, row["target_value"]),
                    "on target": row["is_on_target"],
                }
            )
        ui.table(pd.DataFrame(rows), key="portfolio_summary")

st.header("This week by segment, CSM and tier")
csms = data.csms()
csm_names = dict(zip(csms["csm_user_id"], csms["csm_name"]))
left, middle, right = st.columns(3)
filters = data.Filters(
    segments=tuple(left.multiselect("Segment", data.segments(), key="segments",
                                    persist_state="session")),
    csm_user_ids=tuple(middle.multiselect("CSM", list(csm_names), format_func=csm_names.get,
                                          key="csms", persist_state="session")),
    tiers=tuple(right.multiselect("Tier", tiers["tier"].tolist(), key="tiers",
                                  persist_state="session")),
)
kpis = data.latest_week_kpis(filters)
st.caption(
    f"Accounts scored in the week of {kpis.week_start_date} (the as-of week of "
    f"fct_account_health_weekly); an empty filter means all. At-risk ARR is the ARR of accounts at "
    f"risk (red). Money in {currency}."
)
for column, (label, kind, number) in zip(
    st.columns(4),
    (
        ("Accounts this week", "count", kpis.accounts),
        ("ARR this week", "money", kpis.arr),
        ("At-risk ARR this week", "money", kpis.at_risk_arr),
        ("Average health this week", "score", kpis.average_health),
    ),
):
    column.metric(label, formatting.value(kind, number), border=True)

trend = data.weekly_trend(filters)
left, right = st.columns(2)
left.caption("Average health per week")
left.line_chart(trend, x="week_start_date", y="average_health", x_label="week", y_label="health")
right.caption(f"At-risk ARR per week ({currency})")
right.line_chart(trend, x="week_start_date", y="at_risk_arr", x_label="week", y_label="at-risk ARR")

ui.table(
    data.latest_week_accounts(filters),
    key="portfolio_accounts",
    columns={
        "account_name": "account",
        "segment": "segment",
        "csm_name": "CSM",
        "tier": "tier",
        "health_score": "health",
        "health_change_4w": "change 4w",
        "arr": f"ARR ({currency})",
        "is_at_risk": "at risk",
        "weakest_component": "weakest component",
    },
    link_accounts=True,
)
