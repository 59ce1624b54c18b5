"""The early-warning figures of a built warehouse, as a CS leader would check them: how many live
accounts carry an open alert, whether every CSM's list stops at capacity with a named owner and a why,
what is overdue, the held-out verdicts of the score and the churn probability, and the intervention
summary. Reads the marts only.

    python scripts/early_warning_figures.py [warehouse.duckdb]   (default: HEALTH_WAREHOUSE_PATH)
"""

from __future__ import annotations

import os
import sys

import duckdb

QUERIES = {
    "latest week: live accounts, with an open alert, share": """
        with latest as (
            select * from marts.fct_account_health_weekly
            where week_start_date = (select max(week_start_date) from marts.fct_account_health_weekly)
        )
        select
            count(*),
            count(*) filter (where account_id in (
                select account_id from marts.fct_health_alerts where is_open and is_rule_enabled
            )),
            round(count(*) filter (where account_id in (
                select account_id from marts.fct_health_alerts where is_open and is_rule_enabled
            )) / count(*), 3)
        from latest
    """,
    "Monday list: CSMs, longest list, items listed, backlog, without owner, without why, overdue": """
        with per_csm as (
            select csm_user_id, count(*) filter (where is_on_list) as listed
            from marts.fct_csm_work_queue group by csm_user_id
        )
        select
            (select count(*) from per_csm),
            (select max(listed) from per_csm),
            count(*) filter (where is_on_list),
            count(*) filter (where not is_on_list),
            count(*) filter (where is_on_list and owner_user_id is null),
            count(*) filter (where is_on_list and coalesce(why, '') = ''),
            count(*) filter (where is_on_list and is_overdue)
        from marts.fct_csm_work_queue
    """,
    "held-out verdicts (segment All): period, scorer, metric, value, interval, verdict": """
        select evaluation_period, weight_set, metric, round(metric_value, 3),
            round(interval_lower, 3), round(interval_upper, 3), verdict
        from marts.fct_validation_verdicts
        where segment = 'All' and evaluation_period in ('held_out', 'held_out_before_notice')
        order by evaluation_period, weight_set, metric
    """,
    "interventions (all alerts): alerts, intervention rate, median days to touch, saved touched/untouched": """
        select alerts, round(intervention_rate, 3), median_days_to_first_touch,
            round(saved_rate_touched, 3), round(saved_rate_untouched, 3)
        from marts.fct_alert_intervention_summary where dimension = 'all'
    """,
}


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "HEALTH_WAREHOUSE_PATH", "warehouse/customer_health.duckdb"
    )
    con = duckdb.connect(path, read_only=True)
    for title, sql in QUERIES.items():
        print(f"# {title}")
        for row in con.sql(sql).fetchall():
            print("  " + " | ".join("" if value is None else str(value) for value in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
