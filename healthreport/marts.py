"""Read what the report shows from the published copy of the marts, read-only.

Every number is a mart's value or a count, sum or pick of mart rows: no definition the marts hold
(NRR, at-risk, tiers, movements, AUC, ...) is computed again here. The weekly marts are read at the
as-of week (the latest week_start_date on or before the requested date); the monthly ones at the
latest complete month at that week's end, as fct_portfolio_summary does for the build's as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

WEEKLY = "marts.fct_account_health_weekly"
ALL = "All"
# the top driver in words: its label (seed scorecard_measure_labels) or its id, and its description
DRIVER_1_LABEL = """
    coalesce(labels.measure_label, replace({table}.driver_1_measure, '_', ' '))
        as driver_1_label,
    measures.description as driver_1_description"""
DRIVER_1_JOINS = """
    left join seeds.scorecard_measure_labels as labels
        on {table}.driver_1_measure = labels.measure_id
    left join seeds.scorecard_measures as measures
        on {table}.driver_1_measure = measures.measure_id"""


class ReportError(Exception):
    """The published copy cannot give a report for the requested week."""


@dataclass(frozen=True)
class AsOf:
    week_start_date: date
    week_end_date: date
    report_month: date  # the latest month ended on or before week_end_date
    latest_week_start_date: date  # the build's as-of week
    warehouse_as_of_date: date
    currency: str
    weight_set: str  # configured or learned: the set that scored the weekly mart

    @property
    def is_latest_week(self) -> bool:
        return self.week_start_date == self.latest_week_start_date


@dataclass(frozen=True)
class Kpi:
    metric: str  # data-metric id in the HTML
    label: str
    kind: str  # money, share or score: how to format it
    value: float | None
    prior_month: float | None
    prior_quarter: float | None
    target: float | None
    is_on_target: bool | None
    direction: str  # higher_is_better or lower_is_better (seed portfolio_targets)
    source: str  # the mart it comes from


@dataclass(frozen=True)
class KpiSpec:
    metric: str
    label: str
    kind: str
    mart_metric: str  # metric_name in fct_portfolio_summary / column of fct_revenue_retention


KPI_SPECS = (
    KpiSpec("nrr_12m", "Net revenue retention (12 mo)", "share", "net_revenue_retention_12m"),
    KpiSpec("grr_12m", "Gross revenue retention (12 mo)", "share", "gross_revenue_retention_12m"),
    KpiSpec("logo_retention_12m", "Logo retention (12 mo)", "share", "logo_retention_12m"),
    KpiSpec("arr", "ARR", "money", "arr"),
    KpiSpec("at_risk_arr", "At-risk ARR", "money", "at_risk_arr"),
    KpiSpec("at_risk_arr_share", "At-risk share of ARR", "share", "at_risk_arr_share"),
    KpiSpec("average_health_score", "Average health", "score", "average_health_score"),
    KpiSpec("expansion_rate_1m", "Expansion rate (month)", "share", "expansion_rate_1m"),
)
# fct_revenue_retention columns a KPI can come from when fct_portfolio_summary is for another month
REVENUE_RETENTION_KPIS = (
    "arr",
    "net_revenue_retention_12m",
    "gross_revenue_retention_12m",
    "logo_retention_12m",
    "expansion_rate_1m",
)


def month_shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict]:
    """The query's rows as dicts keyed by column name."""
    result = con.execute(sql, params or [])
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=False)) for row in result.fetchall()]


def resolve_as_of(con: duckdb.DuckDBPyConnection, requested: date | None) -> AsOf:
    latest, first = con.execute(
        f"select max(week_start_date), min(week_start_date) from {WEEKLY}"
    ).fetchone()
    if latest is None:
        raise ReportError("fct_account_health_weekly is empty: build the warehouse (make demo)")
    week = latest if requested is None else requested
    week = con.execute(
        f"select max(week_start_date) from {WEEKLY} where week_start_date <= ?", [week]
    ).fetchone()[0]
    if week is None:
        raise ReportError(f"no scored week on or before {requested}: the first is {first}")
    week_end = con.execute(
        f"select max(week_end_date) from {WEEKLY} where week_start_date = ?", [week]
    ).fetchone()[0]
    next_day = week_end + timedelta(days=1)
    versions = con.execute(
        f"select count(*) filter (where scorecard_version like '%+lw-%') from {WEEKLY} "
        "where week_start_date = ?",
        [week],
    ).fetchone()[0]
    currency = con.execute(
        "select max(currency) from marts.fct_revenue_retention where segment = ?", [ALL]
    ).fetchone()[0]
    return AsOf(
        week_start_date=week,
        week_end_date=week_end,
        report_month=month_shift(date(next_day.year, next_day.month, 1), -1),
        latest_week_start_date=latest,
        warehouse_as_of_date=con.execute(
            "select max(as_of_date) from marts.fct_data_quality"
        ).fetchone()[0],
        currency=currency or "usd",
        weight_set="learned" if versions else "configured",
    )


# --- headline KPIs ---


def kpis(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[Kpi]:
    """fct_portfolio_summary when it is for the report month (always, at the latest week); else the
    revenue metrics from fct_revenue_retention (the summary's own source) and no health metrics."""
    month = as_of.report_month
    summary = {
        row["metric_name"]: row
        for row in rows(
            con, "select * from marts.fct_portfolio_summary where month_start_date = ?", [month]
        )
    }
    months = [month, month_shift(month, -1), month_shift(month, -3)]
    retention = {
        row["month_start_date"]: row
        for row in rows(
            con,
            f"select month_start_date, {', '.join(REVENUE_RETENTION_KPIS)} "
            "from marts.fct_revenue_retention where segment = ? and month_start_date in (?, ?, ?)",
            [ALL, *months],
        )
    }
    targets = {
        row["metric_name"]: row
        for row in rows(
            con, "select metric_name, target_value, direction from seeds.portfolio_targets"
        )
    }
    result = []
    for spec in KPI_SPECS:
        target = targets.get(spec.mart_metric, {})
        direction = target.get("direction") or "higher_is_better"
        if spec.mart_metric in summary:
            row = summary[spec.mart_metric]
            result.append(
                Kpi(
                    spec.metric,
                    spec.label,
                    spec.kind,
                    row["metric_value"],
                    row["prior_month_value"],
                    row["prior_quarter_value"],
                    row["target_value"],
                    row["is_on_target"],
                    direction,
                    "fct_portfolio_summary",
                )
            )
            continue
        values: list[float | None] = [None, None, None]
        source = f"fct_portfolio_summary (held for {summary_month(con)} only)"
        if spec.mart_metric in REVENUE_RETENTION_KPIS:
            values = [_float(retention.get(m, {}).get(spec.mart_metric)) for m in months]
            source = "fct_revenue_retention"
        target_value = _float(target.get("target_value"))
        result.append(
            Kpi(
                spec.metric,
                spec.label,
                spec.kind,
                *values,
                target_value,
                _meets(values[0], target_value, direction),
                direction,
                source,
            )
        )
    return result


def summary_month(con: duckdb.DuckDBPyConnection) -> date | None:
    return con.execute("select max(month_start_date) from marts.fct_portfolio_summary").fetchone()[
        0
    ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _meets(value: float | None, target: float | None, direction: str | None) -> bool | None:
    """is_on_target as fct_portfolio_summary defines it, for a month the summary does not hold."""
    if value is None or target is None:
        return None
    return value <= target if direction == "lower_is_better" else value >= target


# --- health ---


def tier_distribution(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    return rows(
        con,
        f"""
        select tiers.tier, tiers.tier_rank, tiers.min_score,
            count(weekly.account_id) as accounts, coalesce(sum(weekly.arr), 0) as arr
        from seeds.health_tiers as tiers
        left join {WEEKLY} as weekly
            on weekly.tier = tiers.tier and weekly.week_start_date = ?
        group by all
        order by tiers.tier_rank
        """,
        [as_of.week_start_date],
    )


def tier_movements(con: duckdb.DuckDBPyConnection, as_of: AsOf, weeks_back: int) -> list[dict]:
    """Accounts by tier weeks_back weeks before and tier now; null = not scored in that week."""
    return rows(
        con,
        f"""
        with now as (select account_id, tier from {WEEKLY} where week_start_date = ?),
        earlier as (select account_id, tier from {WEEKLY} where week_start_date = ?)
        select earlier.tier as from_tier, now.tier as to_tier, count(*) as accounts
        from earlier full outer join now on earlier.account_id = now.account_id
        group by all
        """,
        [as_of.week_start_date, as_of.week_start_date - timedelta(weeks=weeks_back)],
    )


def tier_change_flags(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> dict[str, int]:
    """The weekly mart's own change flags for the week: changed, worsened, improved."""
    changed, worsened = con.execute(
        f"select count(*) filter (where is_tier_changed), count(*) filter (where is_tier_worsened) "
        f"from {WEEKLY} where week_start_date = ?",
        [as_of.week_start_date],
    ).fetchone()
    return {"changed": changed, "worsened": worsened, "improved": changed - worsened}


def score_histogram(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """Accounts per 5-point score bin (the tier bounds are multiples of 5); 95-100 is one bin."""
    return rows(
        con,
        f"""
        select least(floor(health_score / 5), 19) * 5 as bin_low, count(*) as accounts
        from {WEEKLY}
        where week_start_date = ? and health_score is not null
        group by all
        order by bin_low
        """,
        [as_of.week_start_date],
    )


def at_risk_by_component(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    return rows(
        con,
        """
        select weakest_component, sum(at_risk_accounts) as accounts, sum(at_risk_arr) as arr
        from marts.fct_at_risk_arr
        where week_start_date = ?
        group by all
        order by arr desc, weakest_component
        """,
        [as_of.week_start_date],
    )


# --- actions ---


def action_items(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """fct_csm_action_items of the week (the mart holds the build's as-of week only)."""
    return rows(
        con,
        f"""
        select items.*, split_part(items.open_alerts, ' (', 1) as top_alert,
            {DRIVER_1_LABEL.format(table="items")}
        from marts.fct_csm_action_items as items
        {DRIVER_1_JOINS.format(table="items")}
        where items.week_start_date = ?
        order by items.csm_name, items.csm_priority
        """,
        [as_of.week_start_date],
    )


def status_changes(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """Accounts whose tier changed this week (is_tier_changed), worst news first, then by ARR."""
    return rows(
        con,
        f"""
        select weekly.account_name, accounts.csm_name, weekly.segment, weekly.previous_tier,
            weekly.tier, weekly.is_tier_worsened, weekly.health_score, weekly.health_change_1w,
            weekly.arr, {DRIVER_1_LABEL.format(table="weekly")}
        from {WEEKLY} as weekly
        left join marts.dim_accounts as accounts on weekly.account_id = accounts.account_id
        {DRIVER_1_JOINS.format(table="weekly")}
        where weekly.week_start_date = ? and weekly.is_tier_changed
        order by weekly.is_tier_worsened desc, weekly.arr desc nulls last, weekly.account_name
        """,
        [as_of.week_start_date],
    )


# --- revenue ---


def revenue_months(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """fct_revenue_retention, every segment, up to the report month."""
    return rows(
        con,
        """
        select * from marts.fct_revenue_retention
        where month_start_date <= ?
        order by month_start_date, segment
        """,
        [as_of.report_month],
    )


def cohort_cells(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """fct_cohort_retention for all segments, cells observed by the week's end (else left blank)."""
    return rows(
        con,
        """
        select cohort_month_date, months_since_start, cohort_size,
            case when is_reached and month_start_date <= ? then logo_retention end
                as logo_retention,
            case when is_reached and month_start_date <= ? then revenue_retention end
                as revenue_retention
        from marts.fct_cohort_retention
        where segment = ? and cohort_month_date <= ?
        order by cohort_month_date, months_since_start
        """,
        [as_of.week_end_date, as_of.week_end_date, ALL, as_of.week_end_date],
    )


# --- proof ---


def lift_by_decile(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    return rows(
        con,
        """
        select * from marts.fct_churn_rate_by_score_decile
        where evaluation_period = 'held_out' and weight_set = ?
        order by score_decile
        """,
        [as_of.weight_set],
    )


def calibration(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    return rows(
        con,
        "select * from marts.fct_score_band_calibration where weight_set = ? order by score_band",
        [as_of.weight_set],
    )


def auc_target(con: duckdb.DuckDBPyConnection) -> float:
    """The held-out AUC target of seed validation_targets (the one the verdict mart judges by)."""
    row = con.execute(
        "select target from seeds.validation_targets where metric = 'auc'"
    ).fetchone()
    if row is None:
        raise ValueError("seeds.validation_targets has no 'auc' row")
    return float(row[0])


def validation(con: duckdb.DuckDBPyConnection, as_of: AsOf) -> list[dict]:
    """fct_health_model_validation for all segments: quarters begun by the week, and pooled rows."""
    return rows(
        con,
        """
        select * from marts.fct_health_model_validation
        where segment = ?
            and (evaluation_quarter_start_date is null or evaluation_quarter_start_date <= ?)
        order by evaluation_quarter_start_date nulls last, evaluation_period, weight_set
        """,
        [ALL, as_of.week_start_date],
    )


# --- data quality ---


def data_quality(con: duckdb.DuckDBPyConnection) -> list[dict]:
    return rows(con, "select * from marts.fct_data_quality order by source_table")


def quarantine_reasons(text: str | None) -> list[tuple[str, int]]:
    """fct_data_quality.quarantine_reasons ('reason: n, reason: n') as (reason, rows) pairs."""
    pairs = []
    for part in (text or "").split(","):
        reason, _, count = part.strip().rpartition(":")
        if reason:
            pairs.append((reason.strip(), int(count)))
    return pairs


def read_published(path: str, requested: date | None) -> dict[str, Any]:
    """Everything the report shows, read in one read-only connection."""
    with duckdb.connect(path, read_only=True) as con:
        as_of = resolve_as_of(con, requested)
        return {
            "as_of": as_of,
            "kpis": kpis(con, as_of),
            "tiers": tier_distribution(con, as_of),
            "movements_1w": tier_movements(con, as_of, 1),
            "movements_4w": tier_movements(con, as_of, 4),
            "change_flags": tier_change_flags(con, as_of),
            "histogram": score_histogram(con, as_of),
            "at_risk_components": at_risk_by_component(con, as_of),
            "actions": action_items(con, as_of),
            "changes": status_changes(con, as_of),
            "revenue": revenue_months(con, as_of),
            "cohorts": cohort_cells(con, as_of),
            "deciles": lift_by_decile(con, as_of),
            "calibration": calibration(con, as_of),
            "validation": validation(con, as_of),
            "auc_target": auc_target(con),
            "quality": data_quality(con),
        }
