"""Typed queries over the published copy of the marts: the only dashboard module that opens DuckDB.

Every query opens the published file (HEALTH_PUBLISHED_PATH) read-only, reads and closes it, so a
build publishing a new copy never waits on the dashboard. Results are cached per file version
(path and modification time): a new publish is read on the next rerun.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

REPO = Path(__file__).resolve().parent.parent
WEEKLY = "marts.fct_account_health_weekly"
COMPONENTS = ("usage", "engagement", "support", "growth", "financial")
# The warehouse's "today": the build's as-of date (the current week's end when the data-quality
# mart is empty). Never the wall clock.
AS_OF_DATE_SQL = (
    "coalesce((select max(as_of_date) from marts.fct_data_quality), "
    f"(select max(week_end_date) from {WEEKLY}))"
)


class PublishedCopyMissing(RuntimeError):
    """The published copy does not exist: nothing has been built and published yet."""


def published_path() -> Path:
    """The published copy the dashboard reads (HEALTH_PUBLISHED_PATH, like scripts/publish.py)."""
    default = REPO / "warehouse" / "published" / "customer_health.duckdb"
    return Path(os.environ.get("HEALTH_PUBLISHED_PATH", default))


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _read(path: str, version: int, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Open, query, close. `version` (the file's mtime) is only part of the cache key."""
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()


def frame(sql: str, **params: Any) -> pd.DataFrame:
    """The result of a query over the published copy, with named parameters ($name)."""
    path = published_path()
    if not path.exists():
        raise PublishedCopyMissing(
            f"no published copy at {path}: build and publish the warehouse first (make demo)"
        )
    return _read(str(path), path.stat().st_mtime_ns, sql, params)


def _rows(relation: str, column: str, value: str, order_by: str) -> pd.DataFrame:
    """Every row of `relation` whose `column` is `value`, in `order_by` order."""
    return frame(f"select * from {relation} where {column} = $value order by {order_by}",
                 value=value)


def _first(sql: str, **params: Any) -> dict[str, Any] | None:
    rows = frame(sql, **params)
    return None if rows.empty else rows.iloc[0].to_dict()


# -- the warehouse as a whole --------------------------------------------------------------------


def as_of_date() -> date:
    """The warehouse's "today" (never the wall clock): the as-of date of the build."""
    row = _first(f"select {AS_OF_DATE_SQL} as as_of_date")
    return pd.Timestamp(row["as_of_date"]).date() if row else date.min


def as_of_week() -> date:
    """Monday of the as-of week: the latest week of the weekly mart."""
    row = _first(f"select max(week_start_date) as week_start_date from {WEEKLY}")
    return pd.Timestamp(row["week_start_date"]).date() if row else date.min


def reporting_currency() -> str:
    """The currency money is reported in (the revenue marts' currency column), upper case."""
    row = _first("select any_value(currency) as currency from marts.fct_revenue_retention")
    return str(row["currency"]).upper() if row and row["currency"] else "USD"


def health_tiers() -> pd.DataFrame:
    """The tiers of seed health_tiers as score bands: tier, tier_rank, min_score, max_score."""
    return frame(
        "select tier, tier_rank, min_score, "
        "lead(min_score, 1, 100) over (order by min_score) as max_score "
        "from seeds.health_tiers order by tier_rank"
    )


# -- portfolio -----------------------------------------------------------------------------------


def portfolio_summary() -> pd.DataFrame:
    """fct_portfolio_summary with each metric's direction from seed portfolio_targets."""
    return frame(
        "select summary.*, targets.direction "
        "from marts.fct_portfolio_summary as summary "
        "left join seeds.portfolio_targets as targets on summary.metric_name = targets.metric_name"
    )


@dataclass(frozen=True)
class Filters:
    """Segment, CSM and tier filters over the weekly mart; an empty tuple means all."""

    segments: tuple[str, ...] = ()
    csm_user_ids: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()

    def where(self, relation: str = "weekly") -> tuple[str, dict[str, Any]]:
        """A where clause over the weekly mart, named `relation` in the query, and its
        parameters."""
        clauses, params = ["true"], {}
        for column, name, values in (
            ("segment", "segments", self.segments),
            ("csm_user_id", "csm_user_ids", self.csm_user_ids),
            ("tier", "tiers", self.tiers),
        ):
            if values:
                clauses.append(f"list_contains(${name}, {relation}.{column})")
                params[name] = list(values)
        return " and ".join(clauses), params


def segments() -> list[str]:
    return frame(f"select distinct segment from {WEEKLY} where segment is not null order by 1")[
        "segment"
    ].tolist()


def csms() -> pd.DataFrame:
    """The CSMs owning accounts: csm_user_id, csm_name, accounts (dim_accounts)."""
    return frame(
        "select csm_user_id, coalesce(any_value(csm_name), csm_user_id) as csm_name, "
        "count(*) as accounts from marts.dim_accounts where csm_user_id is not null "
        "group by csm_user_id order by csm_name, csm_user_id"
    )


@dataclass(frozen=True)
class PortfolioKpis:
    week_start_date: date | None
    accounts: int
    arr: float
    at_risk_arr: float
    average_health: float | None


def latest_week_kpis(filters: Filters) -> PortfolioKpis:
    """Accounts, ARR, at-risk ARR (ARR where is_at_risk) and average health in the as-of week."""
    where, params = filters.where()
    row = _first(
        f"""
        with latest as (select max(week_start_date) as week_start_date from {WEEKLY})
        select
            latest.week_start_date,
            count(weekly.account_id) as accounts,
            coalesce(sum(weekly.arr), 0) as arr,
            coalesce(sum(weekly.arr) filter (where weekly.is_at_risk), 0) as at_risk_arr,
            avg(weekly.health_score) as average_health
        from latest
        left join (select * from {WEEKLY} as weekly where {where}) as weekly
            on weekly.week_start_date = latest.week_start_date
        group by latest.week_start_date
        """,
        **params,
    )
    if row is None:
        return PortfolioKpis(None, 0, 0.0, 0.0, None)
    average = row["average_health"]
    return PortfolioKpis(
        week_start_date=pd.Timestamp(row["week_start_date"]).date(),
        accounts=int(row["accounts"]),
        arr=float(row["arr"]),
        at_risk_arr=float(row["at_risk_arr"]),
        average_health=None if pd.isna(average) else float(average),
    )


def weekly_trend(filters: Filters) -> pd.DataFrame:
    """Per week: accounts, ARR, at-risk ARR and average health of the filtered accounts."""
    where, params = filters.where()
    return frame(
        f"""
        select
            week_start_date,
            count(*) as accounts,
            coalesce(sum(arr), 0) as arr,
            coalesce(sum(arr) filter (where is_at_risk), 0) as at_risk_arr,
            avg(health_score) as average_health
        from {WEEKLY} as weekly
        where {where}
        group by week_start_date
        order by week_start_date
        """,
        **params,
    )


def latest_week_accounts(filters: Filters) -> pd.DataFrame:
    """The filtered accounts in the as-of week, at-risk ARR first."""
    where, params = filters.where()
    return frame(
        f"""
        select
            weekly.account_id, weekly.account_name, weekly.segment, accounts.csm_name,
            weekly.tier, weekly.tier_rank, weekly.colour, weekly.weakest_component,
            weekly.health_score, weekly.health_change_4w, weekly.arr, weekly.is_at_risk
        from {WEEKLY} as weekly
        left join marts.dim_accounts as accounts on weekly.account_id = accounts.account_id
        where weekly.week_start_date = (select max(week_start_date) from {WEEKLY}) and {where}
        order by weekly.is_at_risk desc, weekly.arr desc nulls last, weekly.health_score,
            weekly.account_id
        """,
        **params,
    )


# -- account -------------------------------------------------------------------------------------


def account_choices() -> pd.DataFrame:
    """account_id, account_name of every account in dim_accounts, by name."""
    return frame(
        "select account_id, coalesce(account_name, account_id) as account_name "
        "from marts.dim_accounts order by account_name, account_id"
    )


def account(account_id: str) -> dict[str, Any] | None:
    """The account's dim_accounts row (customer 360 links, match statuses, current health)."""
    rows = _rows("marts.dim_accounts", "account_id", account_id, "account_id")
    return None if rows.empty else rows.iloc[0].to_dict()


def health_history(account_id: str) -> pd.DataFrame:
    """The account's weekly health rows, oldest first."""
    return _rows(WEEKLY, "account_id", account_id, "week_start_date")


def drivers(account_id: str) -> pd.DataFrame:
    """The top three risk drivers of the account's latest scored week, with each measure's
    description."""
    ranks = " union all ".join(
        f"select {n} as driver_rank, driver_{n}_measure as measure_id, driver_{n}_value as value, "
        f"driver_{n}_score as score from latest"
        for n in (1, 2, 3)
    )
    return frame(
        f"""
        with latest as (
            select * from {WEEKLY} where account_id = $account_id
            order by week_start_date desc limit 1
        ),
        ranked as ({ranks})
        select ranked.driver_rank, ranked.measure_id, measures.component, measures.description,
            ranked.value, ranked.score
        from ranked
        left join seeds.scorecard_measures as measures on ranked.measure_id = measures.measure_id
        where ranked.measure_id is not null
        order by ranked.driver_rank
        """,
        account_id=account_id,
    )


def alerts(account_id: str) -> pd.DataFrame:
    """The account's alert episodes, open ones first, newest first."""
    return _rows("marts.fct_health_alerts", "account_id", account_id,
                 "is_open desc, opened_week_start_date desc, rule_id")


def mrr_history(account_id: str) -> pd.DataFrame:
    """The account's MRR bridge per month (fct_mrr_movements), oldest first."""
    return _rows("marts.fct_mrr_movements", "account_id", account_id, "month_start_date")


# -- CSM -----------------------------------------------------------------------------------------


def csm_action_items(csm_user_id: str) -> pd.DataFrame:
    """The CSM's rows of this week's action list (fct_csm_action_items), by priority."""
    return _rows("marts.fct_csm_action_items", "csm_user_id", csm_user_id, "csm_priority")


def csm_open_alerts(csm_user_id: str) -> pd.DataFrame:
    """Open alert episodes on the CSM's accounts (dim_accounts owner) with two flags:
    is_overdue (respond_by_at before the end of the as-of date) and is_listed (the account is on
    this week's action list)."""
    return frame(
        f"""
        with as_of as (
            select cast({AS_OF_DATE_SQL} as timestamp) + interval 1 day as end_of_as_of_date
        )
        select
            alerts.*,
            accounts.account_name,
            alerts.respond_by_at < as_of.end_of_as_of_date as is_overdue,
            alerts.account_id in (select account_id from marts.fct_csm_action_items) as is_listed
        from marts.fct_health_alerts as alerts
        inner join marts.dim_accounts as accounts on alerts.account_id = accounts.account_id
        cross join as_of
        where alerts.is_open and accounts.csm_user_id = $csm_user_id
        order by alerts.respond_by_at, alerts.account_id, alerts.rule_id
        """,
        csm_user_id=csm_user_id,
    )
