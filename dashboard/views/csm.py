"""CSM: this week's list for one CSM (fct_csm_action_items), and the open alerts on their accounts
that are overdue (past respond_by_at) or in the backlog (not on the list) (fct_health_alerts,
dim_accounts)."""

from __future__ import annotations

import streamlit as st

from dashboard import data, formatting, ui

st.title("CSM")
csms = data.csms()
csm_user_id = ui.choose(
    "CSM",
    {row.csm_user_id: f"{row.csm_name} ({row.accounts} accounts)" for row in csms.itertuples()},
    "csm",
    empty="No account in dim_accounts has a CSM.",
)

currency = data.reporting_currency()
items = data.csm_action_items(csm_user_id)
open_alerts = data.csm_open_alerts(csm_user_id)
overdue = open_alerts[open_alerts["is_overdue"]]
backlog = open_alerts[~open_alerts["is_listed"]]

for column, (label, shown) in zip(
    st.columns(5),
    (
        ("On this week's list", formatting.value("count", len(items))),
        ("At-risk ARR on the list", formatting.value("money", items["at_risk_arr"].sum())),
        ("Open alerts", formatting.value("count", len(open_alerts))),
        ("Overdue", formatting.value("count", len(overdue))),
        ("Backlog", formatting.value("count", len(backlog))),
    ),
):
    column.metric(label, shown, border=True)
st.caption(
    f"As of {data.as_of_date()}. Overdue: open alerts on the CSM's accounts whose respond-by time "
    "has passed by the end of the as-of date. Backlog: open alerts on accounts not on this week's "
    f"list (e.g. accounts no longer scored). Money in {currency}."
)

ALERT_COLUMNS = {
    "account_name": "account",
    "severity": "severity",
    "rule_name": "rule",
    "respond_by_at": "respond by",
    "opened_week_start_date": "opened",
    "owner_role": "owner",
    "playbook_name": "playbook",
    "evidence": "evidence",
}

st.subheader("This week's list")
st.caption("Accounts whose tier changed or with open alerts, ranked by ARR at risk.")
ui.table(
    items,
    key="csm_list",
    columns={
        "csm_priority": "#",
        "account_name": "account",
        "reason_listed": "why",
        "tier": "tier",
        "previous_tier": "was",
        "health_score": "health",
        "health_change_4w": "change 4w",
        "arr": f"ARR ({currency})",
        "at_risk_arr": "at-risk ARR",
        "open_alert_count": "open alerts",
        "respond_by_at": "respond by",
        "playbook_name": "playbook",
        "open_alerts": "alerts and evidence",
    },
    link_accounts=True,
)

st.subheader("Overdue")
ui.table(overdue, key="csm_overdue", columns=ALERT_COLUMNS, link_accounts=True)

st.subheader("Backlog")
ui.table(backlog, key="csm_backlog", columns=ALERT_COLUMNS, link_accounts=True)
