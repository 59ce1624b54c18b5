"""Account: score history over the tier bands, component scores, drivers, alerts and their
evidence, MRR history, and the account's links to the other systems (fct_account_health_weekly,
fct_health_alerts, fct_mrr_movements, dim_accounts)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, formatting, ui

st.title("Account")
choices = data.account_choices()
account_id = ui.choose(
    "Account",
    {row.account_id: f"{row.account_name} ({row.account_id})" for row in choices.itertuples()},
    "account",
    empty="dim_accounts is empty.",
)

profile = data.account(account_id) or {}
currency = data.reporting_currency()
history = data.health_history(account_id)

st.header(profile.get("account_name") or account_id)
st.caption(
    " · ".join(
        str(part)
        for part in (
            account_id,
            profile.get("segment"),
            profile.get("industry"),
            profile.get("billing_country"),
            f"{profile['employee_count']} employees" if profile.get("employee_count") else None,
            profile.get("lifecycle_stage"),
            f"CSM {profile.get('csm_name') or profile.get('csm_user_id') or 'none'}",
        )
        if part
    )
)

if history.empty:
    st.info("This account has no scored week in fct_account_health_weekly.")
else:
    latest = history.iloc[-1]
    week = pd.Timestamp(latest["week_start_date"]).date()
    for column, (label, shown, change) in zip(
        st.columns(5),
        (
            ("Health score", formatting.value("score", latest["health_score"]),
             formatting.delta("score", latest["health_change_1w"], "vs prior week")),
            ("Tier", str(latest["tier"]), None),
            ("Change over 4 weeks", formatting.delta("score", latest["health_change_4w"]) or "-",
             None),
            (f"ARR ({currency})", formatting.value("money", latest["arr"]), None),
            ("Weakest component", str(latest["weakest_component"] or "-"), None),
        ),
    ):
        column.metric(label, shown, delta=change, border=True)
    scorecard = f"scorecard {latest['scorecard_id']}, version {latest['scorecard_version']}"
    notes = [f"Latest scored week: {week} ({latest['colour']}; {scorecard})."]
    if week < data.as_of_week():
        notes.append("Not scored in the as-of week: the account churned or stopped being scored.")
    if latest["is_override_applied"]:
        computed = formatting.value("score", latest["computed_health_score"])
        notes.append(f"Override by {latest['override_author']}: {latest['override_reason']} "
                     f"(computed score {computed}).")
    st.caption(" ".join(notes))

    st.subheader("Score history")
    st.altair_chart(charts.score_history(history, data.health_tiers()), width="stretch")

    st.subheader("Component scores")
    components = pd.DataFrame(
        {
            "component": data.COMPONENTS,
            "score": [latest[f"{name}_score"] for name in data.COMPONENTS],
            "points lost": [latest[f"{name}_points_lost"] for name in data.COMPONENTS],
        }
    ).round(1)
    left, right = st.columns(2)
    left.bar_chart(components, x="component", y="score", horizontal=True, sort=False)
    with left:
        ui.table(components, key="account_components")
    right.caption("Component scores per week")
    right.line_chart(
        history.rename(columns={f"{name}_score": name for name in data.COMPONENTS}),
        x="week_start_date",
        y=list(data.COMPONENTS),
        x_label="week",
        y_label="score",
    )

    st.subheader("Drivers")
    st.caption("The measures costing the account the most points in its latest scored week.")
    ui.table(
        data.drivers(account_id).round({"value": 3, "score": 1}),
        key="account_drivers",
        columns={
            "driver_rank": "rank", "measure_id": "measure", "component": "component",
            "description": "description", "value": "value", "score": "score",
        },
    )

st.subheader("Alerts")
alerts = data.alerts(account_id)
open_alerts = alerts[alerts["is_open"]]
st.caption(
    f"{len(open_alerts)} open and {len(alerts) - len(open_alerts)} closed alert episodes "
    "(fct_health_alerts); the evidence is the numbers that fired the rule."
)
for alert in open_alerts.itertuples():
    respond_by = f"{alert.respond_by_at:%Y-%m-%d %H:%M}"
    with st.expander(f"Open, {alert.severity}: {alert.rule_name} (respond by {respond_by})"):
        st.write(f"**Evidence:** {alert.evidence}")
        st.write(f"**Playbook:** {alert.playbook_name} ({alert.owner_role}): "
                 f"{alert.playbook_steps}")
ui.table(
    alerts,
    key="account_alerts",
    columns={
        "is_open": "open", "severity": "severity", "rule_name": "rule", "evidence": "evidence",
        "opened_week_start_date": "opened", "last_firing_week_start_date": "last firing",
        "weeks_firing": "weeks", "respond_by_at": "respond by", "owner_role": "owner",
        "playbook_name": "playbook",
    },
)

st.subheader("MRR history")
mrr = data.mrr_history(account_id)
if mrr.empty:
    st.info("No MRR in fct_mrr_movements for this account.")
else:
    st.altair_chart(charts.mrr_history(mrr), width="stretch")
    ui.table(
        mrr[mrr["movement_type"] != "unchanged"],
        key="account_mrr_movements",
        columns={
            "month_start_date": "month", "movement_type": "movement",
            **{name: name for name in (
                "starting_mrr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr",
                "reactivation_mrr", "ending_mrr",
            )},
        },
    )
    st.caption(f"Months with a movement (unchanged months omitted); MRR in {currency}.")

st.subheader("Contacts, tickets and links")
st.info(
    "Contacts and support tickets are not in the published marts, and the dashboard reads only "
    "those: shown here is what dim_accounts carries about the account's links to each system. "
    "Tickets count in the support component and its drivers above."
)
ui.table(
    pd.DataFrame(
        [
            ("billing (Stripe customers)", profile.get("billing_customer_ids"),
             profile.get("billing_customer_count"), profile.get("billing_match_status")),
            ("support (Zendesk organizations)", profile.get("support_organization_id"),
             profile.get("support_organization_count"), profile.get("support_match_status")),
            ("product (analytics group; count = users)", profile.get("product_group_id"),
             profile.get("product_user_count"), profile.get("product_match_status")),
        ],
        columns=["system", "linked id", "count", "match status"],
    ).astype({"linked id": "string"}),
    key="account_links",
)
