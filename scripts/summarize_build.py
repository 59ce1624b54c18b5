"""Print a short summary of a built warehouse: mart row counts, quarantined rows by reason, data
quality, this week's health distribution and the top of the CSM action list."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

WAREHOUSE = Path(os.environ.get("HEALTH_WAREHOUSE_PATH", "warehouse/customer_health.duckdb"))


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
