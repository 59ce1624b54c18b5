"""FX coverage: every currency billing uses has a rate (in billing/fx_rates) from the month it is
first used, or an earlier one. The MRR model values a month at the latest rate on or before it, and
its month spine starts at the first FX month, so a gap at the start is revenue history lost. With
no FX feed at all, the reporting currency is valued at 1 and nothing else can be."""

from __future__ import annotations

import datetime as dt

import duckdb

from rawcheck.contract import Contract
from rawcheck.findings import Finding, fail, note, shown, warn
from rawcheck.scan import TableScan
from rawcheck.units import EPOCH_SECONDS_LIMIT

FX = "billing/fx_rates"


def month_of_epoch(column: str) -> str:
    seconds = f"try_cast({column} as bigint)"
    return (
        f"case when {seconds} between 0 and {EPOCH_SECONDS_LIMIT} then cast(date_trunc('month', "
        f"make_timestamp({seconds} * 1000000)) as date) end"
    )


def first_billed_months(
    con: duckdb.DuckDBPyConnection, scans: dict[str, TableScan]
) -> dict[str, dt.date]:
    """Each currency billing uses -> its first month: subscription starts (through items and
    prices) and invoice line periods."""
    parts = []
    if (
        scans["billing/subscriptions"].has("id", "start_date")
        and scans["billing/subscription_items"].has("subscription_id", "price_id")
        and scans["billing/prices"].has("id", "currency")
    ):
        parts.append(
            f"""
            select lower(cast(prices.currency as varchar)) as currency,
                {month_of_epoch("subscriptions.start_date")} as month_start
            from billing.subscriptions
            inner join billing.subscription_items as items
                on cast(items.subscription_id as varchar) = cast(subscriptions.id as varchar)
            inner join billing.prices
                on cast(items.price_id as varchar) = cast(prices.id as varchar)
            """
        )
    if scans["billing/invoice_line_items"].has("currency", "period_start"):
        parts.append(
            f"""
            select lower(cast(currency as varchar)) as currency,
                {month_of_epoch("period_start")} as month_start
            from billing.invoice_line_items
            """
        )
    if not parts:
        return {}
    rows = con.sql(
        f"select currency, min(month_start) from ({' union all '.join(parts)}) "
        "where currency is not null and month_start is not null group by currency"
    ).fetchall()
    return dict(rows)


def first_rate_months(con: duckdb.DuckDBPyConnection, scan: TableScan) -> dict[str, dt.date]:
    """Each currency with a usable rate (> 0) -> its first month."""
    if not scan.has("month_start", "currency", "rate_to_usd"):
        return {}
    rows = con.sql(
        "select lower(cast(currency as varchar)), min(try_cast(month_start as date)) "
        "from billing.fx_rates where try_cast(rate_to_usd as double) > 0 "
        "and try_cast(month_start as date) is not null group by 1"
    ).fetchall()
    return dict(rows)


def month(value: dt.date) -> str:
    return value.strftime("%Y-%m")


def previous_month(value: dt.date) -> dt.date:
    return (value.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def billed_from(billed: dict[str, dt.date], currencies: list[str]) -> str:
    return ", ".join(f"{shown(currency)} from {month(billed[currency])}" for currency in currencies)


def no_rates(billed: dict[str, dt.date], reporting: str) -> Finding:
    """No FX feed: the MRR model values the reporting currency at 1 from the first billed month;
    any other currency has no rate, its MRR is null and a data test stops the build."""
    currencies = sorted(billed, key=lambda currency: (billed[currency], currency))
    if set(billed) == {reporting}:
        return note(
            FX,
            None,
            "fx_coverage",
            f"no FX rates; billing uses only the reporting currency {shown(reporting)}, valued at 1",
        )
    return fail(
        FX,
        "currency",
        "fx_coverage",
        f"no FX rates, billing uses {billed_from(billed, currencies)}: only the reporting currency "
        f"{shown(reporting)} can be valued (at 1); add monthly rates for every currency billed",
    )


def history_before_rates(billed: dict[str, dt.date], history_start: dt.date) -> str | None:
    early = sorted(
        (currency for currency in billed if billed[currency] < history_start),
        key=lambda currency: (billed[currency], currency),
    )
    if not early:
        return None
    return (
        f"MRR history starts at {month(history_start)}, the first FX month, but billing uses "
        f"{billed_from(billed, early)}: revenue before {month(history_start)} is not valued "
        "(accounts paying then are flagged has_mrr_before_history)"
    )


def currency_gap(
    currency: str,
    needed_from: dt.date,
    first_rate: dt.date | None,
    history_start: dt.date,
    is_reporting: bool,
) -> str | None:
    """Months of the MRR history in which a currency has no rate: its MRR is null then (all MRR,
    for the reporting currency)."""
    missing = f"no FX rate for {shown(currency)}"
    mrr = "all MRR (the reporting currency)" if is_reporting else f"MRR in {shown(currency)}"
    if first_rate is None:
        return f"{missing}, needed from {month(needed_from)}: {mrr} is null in every month"
    gap_from = max(needed_from, history_start)
    if first_rate <= gap_from:
        return None
    return (
        f"{missing} before {month(first_rate)}, needed from {month(needed_from)}: {mrr} is "
        f"null from {month(gap_from)} to {month(previous_month(first_rate))}"
    )


def fx_coverage(
    con: duckdb.DuckDBPyConnection, scans: dict[str, TableScan], contract: Contract
) -> list[Finding]:
    billed = first_billed_months(con, scans)
    if not billed:
        return []
    rates = first_rate_months(con, scans[FX])
    reporting = contract.reporting_currency
    if not rates:
        return [no_rates(billed, reporting)]
    history_start = min(rates.values())
    # the reporting currency divides every conversion: it is needed from the first month billed
    needed = {**billed, reporting: min(billed.values())}
    messages = [history_before_rates(billed, history_start)] + [
        currency_gap(
            currency, needed[currency], rates.get(currency), history_start, currency == reporting
        )
        for currency in sorted(needed)
    ]
    return [
        warn(FX, "currency", "fx_coverage", message) for message in messages if message is not None
    ]
