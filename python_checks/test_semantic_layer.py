"""The semantic layer (models/semantic/) answers `mf query` and agrees with the marts it reads: the
retention ratios and the churn rate with fct_revenue_retention at month, quarter and segment grain,
MRR and its movements with the same mart, at-risk ARR with fct_at_risk_arr, accounts by tier and the
average score with fct_account_health_weekly, and the segment / cohort / CSM dimensions with the marts.

`mf` opens the warehouse through dbt's DuckDB adapter, read-write, while this session's `warehouse`
fixture holds a read-only connection on it (DuckDB allows one writer or many readers, not both), so
`mf` runs against a byte copy of the built warehouse under the same file name: same data, same
catalog, no lock. The mart values come from the fixture's connection."""

from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from python_checks.conftest import REPO, WAREHOUSE

BIN = Path(sys.executable).parent
PUBLISHED = Path(
    os.environ.get("HEALTH_PUBLISHED_PATH", REPO / "warehouse" / "published" / "customer_health.duckdb")
)
REVENUE_METRICS = [
    "mrr", "arr", "paying_accounts", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr",
    "reactivation_mrr",
]
RATIO_METRICS = {
    # metric -> fct_revenue_retention column
    "nrr_12m": "net_revenue_retention_12m",
    "grr_12m": "gross_revenue_retention_12m",
    "logo_retention_12m": "logo_retention_12m",
    "logo_churn_rate": "logo_churn_rate_1m",
}


@pytest.fixture(scope="module")
def mf_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Parse the project (mf reads target/semantic_manifest.json) and copy the warehouse for mf."""
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    parsed = subprocess.run(
        [str(BIN / "dbt"), "parse", "--quiet"], cwd=REPO, env=env, capture_output=True, text=True,
        check=False,
    )
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    if not WAREHOUSE.exists():
        pytest.fail(f"no warehouse at {WAREHOUSE}: run `make test` (it builds before pytest)")
    copy = tmp_path_factory.mktemp("mf") / WAREHOUSE.name
    shutil.copyfile(WAREHOUSE, copy)
    return {**env, "HEALTH_WAREHOUSE_PATH": str(copy)}


def mf(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "mf"), *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def mf_query(
    env: dict[str, str], tmp_path: Path, metrics: Sequence[str], group_by: Sequence[str]
) -> list[dict[str, Any]]:
    """`mf query` as rows: group-by values as text (dates as YYYY-MM-DD), metrics as float or None."""
    out = tmp_path / f"{'_'.join(group_by)}.csv"
    mf(env, "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
       "--csv", str(out), "--quiet")
    with out.open() as handle:
        return [
            {
                key: number(value) if key in metrics else value.removesuffix(" 00:00:00")
                for key, value in row.items()
            }
            for row in csv.DictReader(handle)
        ]


def keyed(rows: list[dict[str, Any]], *keys: str) -> dict[tuple, dict[str, Any]]:
    return {tuple(row[key] for key in keys): row for row in rows}


def assert_close(actual: float | None, expected: float | None, what: str) -> None:
    if expected is None:
        assert actual is None, f"{what}: mf {actual}, mart null"
    else:
        assert actual is not None and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9), (
            f"{what}: mf {actual}, mart {expected}"
        )


def mart_rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """Rows of a query over the marts: text as text (cast dates to varchar), numbers as float."""
    relation = con.sql(sql)
    return [
        {
            name: value if value is None or isinstance(value, str) else float(value)
            for name, value in zip(relation.columns, row)
        }
        for row in relation.fetchall()
    ]


def test_semantic_manifest_validates(mf_env: dict[str, str]) -> None:
    """Semantics and every semantic model, dimension, measure and metric against the warehouse."""
    printed = mf(mf_env, "validate-configs")
    assert printed.count("ERRORS: 0,") >= 6, printed


def test_revenue_metrics_by_month_equal_fct_revenue_retention(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    answered = keyed(
        mf_query(mf_env, tmp_path, [*REVENUE_METRICS, *RATIO_METRICS], ["metric_time__month"]),
        "metric_time__month",
    )
    expected = mart_rows(warehouse, f"""
        select
            cast(month_start_date as varchar) as month, mrr, arr,
            active_accounts as paying_accounts, new_mrr, expansion_mrr, contraction_mrr, churned_mrr,
            reactivation_mrr, {', '.join(f'{col} as {name}' for name, col in RATIO_METRICS.items())}
        from marts.fct_revenue_retention
        where segment = 'All'
    """)
    assert set(answered) == {(row["month"],) for row in expected}
    assert any(row["nrr_12m"] is not None for row in expected)
    for row in expected:
        for metric in [*REVENUE_METRICS, *RATIO_METRICS]:
            assert_close(answered[(row["month"],)][metric], row[metric], f"{metric} {row['month']}")


def test_quarters_take_stocks_at_the_end_and_add_up_flows(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """MRR and NRR are the quarter's last month; new MRR adds up; the churn rate is the quarter's
    churns over the accounts paying when it began (null when it began with the opening balance)."""
    answered = keyed(
        mf_query(mf_env, tmp_path, ["mrr", "new_mrr", "nrr_12m", "logo_churn_rate"],
                 ["metric_time__quarter"]),
        "metric_time__quarter",
    )
    expected = mart_rows(warehouse, """
        with months as (
            select
                *,
                cast(cast(date_trunc('quarter', month_start_date) as date) as varchar) as quarter,
                row_number() over (partition by date_trunc('quarter', month_start_date)
                    order by month_start_date desc) as from_last,
                row_number() over (partition by date_trunc('quarter', month_start_date)
                    order by month_start_date) as from_first
            from marts.fct_revenue_retention
            where segment = 'All'
        )
        select
            quarter,
            max(case when from_last = 1 then mrr end) as mrr,
            sum(new_mrr) as new_mrr,
            max(case when from_last = 1 then net_revenue_retention_12m end) as nrr_12m,
            sum(case when logo_churn_rate_1m is not null then churned_accounts end)
            / max(case when from_first = 1 and logo_churn_rate_1m is not null
                then starting_accounts end) as logo_churn_rate
        from months
        group by quarter
    """)
    assert len(expected) >= 8
    assert set(answered) == {(row["quarter"],) for row in expected}
    for row in expected:
        for metric in ("mrr", "new_mrr", "nrr_12m", "logo_churn_rate"):
            assert_close(answered[(row["quarter"],)][metric], row[metric], f"{metric} {row['quarter']}")


def test_retention_by_segment_equals_the_mart_and_leaves_out_all(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    answered = keyed(
        mf_query(mf_env, tmp_path, list(RATIO_METRICS),
                 ["metric_time__month", "segment_month__segment"]),
        "metric_time__month", "segment_month__segment",
    )
    expected = mart_rows(warehouse, f"""
        select
            cast(month_start_date as varchar) as month, segment,
            {', '.join(f'{col} as {name}' for name, col in RATIO_METRICS.items())}
        from marts.fct_revenue_retention
        where segment <> 'All'
    """)
    assert set(answered) == {(row["month"], row["segment"]) for row in expected}
    for row in expected:
        for metric in RATIO_METRICS:
            assert_close(answered[(row["month"], row["segment"])][metric], row[metric],
                         f"{metric} {row['month']} {row['segment']}")


def test_health_metrics_by_week_equal_the_weekly_marts(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    metrics = ["at_risk_arr", "at_risk_accounts", "average_health_score", "scored_accounts"]
    answered = keyed(mf_query(mf_env, tmp_path, metrics, ["metric_time__week"]), "metric_time__week")
    expected = mart_rows(warehouse, """
        with at_risk as (
            select week_start_date, sum(at_risk_arr) as at_risk_arr,
                sum(at_risk_accounts) as at_risk_accounts
            from marts.fct_at_risk_arr
            group by week_start_date
        )
        select
            cast(weekly.week_start_date as varchar) as week,
            coalesce(min(at_risk.at_risk_arr), 0) as at_risk_arr,
            coalesce(min(at_risk.at_risk_accounts), 0) as at_risk_accounts,
            avg(weekly.health_score) as average_health_score,
            count(*) as scored_accounts
        from marts.fct_account_health_weekly as weekly
        left join at_risk on weekly.week_start_date = at_risk.week_start_date
        group by weekly.week_start_date
    """)
    assert set(answered) == {(row["week"],) for row in expected}
    assert sum(row["at_risk_arr"] for row in expected) > 0
    for row in expected:
        for metric in metrics:
            assert_close(answered[(row["week"],)][metric], row[metric], f"{metric} {row['week']}")


def test_accounts_by_tier_per_month_are_the_last_week_ending_in_it(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    answered = keyed(
        mf_query(mf_env, tmp_path, ["scored_accounts", "at_risk_arr"],
                 ["metric_time__month", "account_week__tier"]),
        "metric_time__month", "account_week__tier",
    )
    expected = mart_rows(warehouse, """
        with last_weeks as (
            select cast(date_trunc('month', week_end_date) as date) as month,
                max(week_end_date) as week_end_date
            from marts.fct_account_health_weekly
            group by all
        )
        select
            cast(last_weeks.month as varchar) as month,
            weekly.tier,
            count(*) as scored_accounts,
            sum(case when weekly.is_at_risk then coalesce(weekly.arr, 0) else 0 end) as at_risk_arr
        from marts.fct_account_health_weekly as weekly
        inner join last_weeks on weekly.week_end_date = last_weeks.week_end_date
        group by all
    """)
    assert len({row["tier"] for row in expected}) >= 3
    assert set(answered) == {(row["month"], row["tier"]) for row in expected}
    for row in expected:
        for metric in ("scored_accounts", "at_risk_arr"):
            assert_close(answered[(row["month"], row["tier"])][metric], row[metric],
                         f"{metric} {row['month']} {row['tier']}")


def test_portfolio_summary_health_metrics_are_the_semantic_layers(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """One definition: the executive summary's monthly health figures are the semantic layer's."""
    summary = {
        row["metric_name"]: row
        for row in mart_rows(warehouse, """
            select metric_name, cast(month_start_date as varchar) as month, metric_value
            from marts.fct_portfolio_summary
            where metric_name in ('at_risk_arr', 'average_health_score')
        """)
    }
    answered = keyed(
        mf_query(mf_env, tmp_path, ["at_risk_arr", "average_health_score"], ["metric_time__month"]),
        "metric_time__month",
    )
    for metric in ("at_risk_arr", "average_health_score"):
        month = summary[metric]["month"]
        assert_close(answered[(month,)][metric], summary[metric]["metric_value"], f"{metric} {month}")


def test_segment_cohort_and_csm_dimensions_agree_with_the_marts(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """MRR by account__segment is fct_revenue_retention's per segment, by account__cohort_month
    fct_cohort_retention's per cohort, and by account__csm_name adds up to the month's MRR."""
    rows = mf_query(
        mf_env, tmp_path, ["mrr"],
        ["metric_time__month", "account__segment", "account__cohort_month__month", "account__csm_name"],
    )
    by_segment: dict[tuple, float] = defaultdict(float)
    by_cohort: dict[tuple, float] = defaultdict(float)
    csms: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_segment[(row["metric_time__month"], row["account__segment"])] += row["mrr"]
        if row["account__cohort_month__month"]:
            by_cohort[(row["metric_time__month"], row["account__cohort_month__month"])] += row["mrr"]
        csms[row["metric_time__month"]].add(row["account__csm_name"])
    segments = mart_rows(warehouse, """
        select cast(month_start_date as varchar) as month, segment, mrr
        from marts.fct_revenue_retention
        where segment <> 'All' and mrr > 0
    """)
    assert {(row["month"], row["segment"]) for row in segments} == set(by_segment)
    for row in segments:
        assert_close(by_segment[(row["month"], row["segment"])], row["mrr"], f"mrr {row}")
    cohorts = mart_rows(warehouse, """
        select cast(month_start_date as varchar) as month,
            cast(cohort_month_date as varchar) as segment, mrr
        from marts.fct_cohort_retention
        where segment = 'All' and is_reached and mrr > 0
    """)
    assert {(row["month"], row["segment"]) for row in cohorts} == set(by_cohort)
    for row in cohorts:
        assert_close(by_cohort[(row["month"], row["segment"])], row["mrr"], f"cohort mrr {row}")
    latest = max(csms)
    assert len(csms[latest]) >= 5 and "" not in csms[latest]


def test_dim_accounts_cohorts_are_fct_cohort_retentions(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """The cohort dimension (dim_accounts.cohort_month_date) sizes every cohort as the cohort mart."""
    mismatched = warehouse.sql("""
        with dimension as (
            select cohort_month_date, count(*) as accounts
            from marts.dim_accounts
            where cohort_month_date is not null
            group by all
        ),
        mart as (
            select cohort_month_date, cohort_size as accounts
            from marts.fct_cohort_retention
            where segment = 'All' and months_since_start = 0
        )
        select * from dimension full join mart using (cohort_month_date)
        where dimension.accounts is distinct from mart.accounts
    """).fetchall()
    cohorts = warehouse.sql(
        "select count(distinct cohort_month_date) from marts.dim_accounts"
    ).fetchone()
    assert mismatched == []
    assert cohorts[0] >= 12


def test_the_published_copy_answers_mfs_sql(
    mf_env: dict[str, str], warehouse: duckdb.DuckDBPyConnection
) -> None:
    """The semantic layer's inputs are published: the SQL mf writes for nrr_12m, run read-only on the
    published copy, gives the mart's NRR."""
    printed = mf(mf_env, "query", "--metrics", "nrr_12m", "--group-by", "metric_time__month",
                 "--explain", "--quiet")
    sql = printed[printed.index("SELECT"):]
    if not PUBLISHED.exists():
        pytest.fail(f"no published copy at {PUBLISHED}: run `make test` (it publishes before pytest)")
    con = duckdb.connect()
    con.execute(f"attach '{PUBLISHED}' as {WAREHOUSE.stem} (read_only)")
    answered = {str(month.date()): nrr for month, nrr in con.sql(sql).fetchall()}
    con.close()
    expected = dict(warehouse.sql("""
        select cast(month_start_date as varchar), net_revenue_retention_12m
        from marts.fct_revenue_retention where segment = 'All'
    """).fetchall())
    assert answered.keys() == expected.keys()
    for month, nrr in expected.items():
        assert_close(answered[month], nrr, f"published nrr_12m {month}")
