"""Print a short summary of a built warehouse: mart row counts, quarantined rows by reason, data
quality, this week's health distribution and the top of the CSM action list; then where every output
is (warehouse, published copy, weekly report, dbt docs) and what to run next."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import duckdb

WAREHOUSE = Path(os.environ.get("HEALTH_WAREHOUSE_PATH", "warehouse/customer_health.duckdb"))
PUBLISHED = Path(
    os.environ.get("HEALTH_PUBLISHED_PATH", "warehouse/published/customer_health.duckdb")
)
REPORTS = Path("reports")
DOCS = Path(os.environ.get("DBT_TARGET_PATH", "target")) / "index.html"
NEXT_STEPS = (
    ("make dashboard", "the Streamlit dashboard over the published copy"),
    ("make report WEEK=YYYY-MM-DD", "the weekly report of another week"),
    (".venv/bin/dbt docs generate && .venv/bin/dbt docs serve",
     "column docs, lineage and exposures in a browser"),
    (
        (
            ".venv/bin/mf query --metrics nrr_12m,grr_12m,mrr --group-by metric_time__month"
            " --order -metric_time__month --limit 6"
        ),
        "the semantic layer's metrics (README: Semantic layer)",
    ),
    (".venv/bin/mf list metrics", "every metric (`mf list dimensions --metrics <name>`: its cuts)"),
)


def print_table(title: str, rows: list[tuple], headers: tuple[str, ...]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(v)) for v in col) for col in zip(headers, *rows)]
    for line in (headers, *rows):
        cells = (
            str(v).rjust(w) if isinstance(v, int | float) else str(v).ljust(w)
            for v, w in zip(line, widths)
        )
        print("  " + "  ".join(cells))


def main() -> int:
    if not WAREHOUSE.exists():
        print(f"no warehouse at {WAREHOUSE}: run `make demo` first", file=sys.stderr)
        return 1
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        marts = con.sql(
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by table_name"
        ).fetchall()
        counts = [
            (name, con.sql(f'select count(*) from marts."{name}"').fetchone()[0])
            for (name,) in marts
        ]
        print_table("Marts (rows)", counts, ("table", "rows"))
        as_of = con.sql("select max(as_of_date) from marts.fct_data_quality").fetchone()[0]
        print(f"\nWarehouse as of {as_of}")
        quarantine = con.sql(
            "select source_table, reason, count(*) as n from quarantine.quarantined_records "
            "group by all order by source_table, reason"
        ).fetchall()
        print_table("Quarantined rows by reason", quarantine, ("source table", "reason", "rows"))
        quality = con.sql(
            "select source_table, raw_rows, kept_rows, duplicate_rows, quarantined_rows, "
            "coalesce(cast(round(match_rate_to_crm * 100, 1) as varchar) || '%', '') "
            "from marts.fct_data_quality order by source_table"
        ).fetchall()
        print_table(
            "Data quality (raw = kept + duplicates + quarantined)",
            quality,
            ("source table", "raw", "kept", "duplicates", "quarantined", "CRM match"),
        )
        latest_week = con.sql(
            "select max(week_start_date) from marts.fct_account_health_weekly"
        ).fetchone()[0]
        tiers = con.sql(
            "select tier, count(*), cast(round(sum(coalesce(arr, 0))) as bigint) "
            "from marts.fct_account_health_weekly "
            "where week_start_date = (select max(week_start_date) from marts.fct_account_health_weekly) "
            "group by tier, tier_rank order by tier_rank"
        ).fetchall()
        print_table("Health this week (live accounts)", tiers, ("tier", "accounts", "ARR USD"))
        actions = con.sql(
            "select csm_name, csm_priority, account_name, tier, "
            "cast(round(health_score) as integer), cast(round(at_risk_arr) as bigint), "
            "reason_listed, coalesce(playbook_name, '') "
            "from marts.fct_csm_action_items "
            "order by at_risk_arr desc, arr desc, health_score limit 10"
        ).fetchall()
        print_table(
            "This week's CSM action list (top 10 by ARR at risk, then ARR)",
            actions,
            ("CSM", "#", "account", "tier", "health", "ARR at risk", "why", "playbook"),
        )
    print_outputs(latest_week)
    return 0


def state(path: Path, missing: str) -> str:
    return "" if path.exists() else f"  ({missing})"


def print_outputs(latest_week: date | None) -> None:
    """Where every output of the demo is, and what to run next."""
    report = REPORTS / f"weekly_health_{latest_week}.html"
    outputs = [
        ("warehouse (dbt builds it)", f"{WAREHOUSE.resolve()}"),
        ("published copy (BI, report, dashboard read it)",
         f"{PUBLISHED.resolve()}{state(PUBLISHED, 'not yet: make publish')}"),
        ("weekly report", f"{report}{state(report, 'not yet: make report')}"),
        ("dbt docs", f"{DOCS}{state(DOCS, 'not yet: dbt docs generate')}"),
    ]
    print_table("Outputs", outputs, ("what", "where"))
    print("\nNext")
    for command, purpose in NEXT_STEPS:
        print(f"  {purpose}:\n    {command}")


if __name__ == "__main__":
    sys.exit(main())
