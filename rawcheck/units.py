"""Units the contract fixes: Stripe times in epoch seconds, currencies as ISO 4217 codes.

Money in minor units is checked with the column's type (schema_checks): fractions are the tell."""

from __future__ import annotations

import re

import duckdb

from rawcheck.findings import Finding, fail, plural, shown, warn
from rawcheck.scan import TableScan

# Epoch seconds above this are after the year 5138: the values are milliseconds (or finer).
EPOCH_SECONDS_LIMIT = 100_000_000_000
NUMERIC_PREFIXES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UBIGINT",
    "UINTEGER",
    "USMALLINT",
    "UTINYINT",
    "FLOAT",
    "DOUBLE",
    "DECIMAL",
)
# ISO 4217 codes a B2B SaaS company bills in (Stripe's common and zero-decimal currencies)
KNOWN_CURRENCIES = frozenset(
    ("aed", "ars", "aud", "bgn", "bif", "brl", "cad", "chf", "clp", "cny", "cop", "czk", "djf")
    + ("dkk", "egp", "eur", "gbp", "gnf", "hkd", "huf", "idr", "ils", "inr", "isk", "jpy", "kmf")
    + ("krw", "mga", "mxn", "myr", "ngn", "nok", "nzd", "pen", "php", "pkr", "pln", "pyg", "ron")
    + ("rub", "rwf", "sar", "sek", "sgd", "thb", "try", "twd", "uah", "ugx", "usd", "vnd", "vuv")
    + ("xaf", "xof", "xpf", "zar")
)
CURRENCY_SHAPE = re.compile(r"[A-Za-z]{3}")
LISTED = 5


def epoch_milliseconds(con: duckdb.DuckDBPyConnection, scan: TableScan) -> list[Finding]:
    """Epoch columns whose values are too large to be seconds."""
    found = []
    for column in scan.table.columns:
        if not column.is_epoch_seconds or not scan.has(column.name):
            continue
        if not scan.types[column.name].startswith(NUMERIC_PREFIXES):
            continue
        name = f'"{column.name}"'
        too_large = f"abs({name}) >= {EPOCH_SECONDS_LIMIT}"
        row = con.sql(
            f"select count(*) filter (where {too_large}), count({name}), "
            f"max({name}) filter (where {too_large}), "
            f"cast(make_timestamp(cast(max({name}) filter (where {too_large}) as bigint) * 1000) "
            f"as varchar) from {scan.table.sql_name}"
        ).fetchone()
        assert row is not None
        if row[0]:
            found.append(
                fail(
                    scan.table.key,
                    column.name,
                    "epoch_milliseconds",
                    f"epoch in milliseconds: {row[0]:,} of {row[1]:,} values >= 1e11 "
                    f"(e.g. {row[2]}, which is {row[3]} read as milliseconds); "
                    "the contract is epoch seconds",
                ),
            )
    return found


def is_known_currency(code: str) -> bool:
    return CURRENCY_SHAPE.fullmatch(code) is not None and code.lower() in KNOWN_CURRENCIES


def currency_codes(con: duckdb.DuckDBPyConnection, scan: TableScan) -> list[Finding]:
    """Currency values that are not 3-letter ISO 4217 codes we know."""
    found = []
    for column in scan.table.columns:
        if not column.is_currency or not scan.has(column.name):
            continue
        name = f'"{column.name}"'
        values = con.sql(
            f"select cast({name} as varchar) as code, count(*) from {scan.table.sql_name} "
            f"where {name} is not null group by code order by count(*) desc"
        ).fetchall()
        unknown = [(code, rows) for code, rows in values if not is_known_currency(code)]
        if unknown:
            codes = ", ".join(
                f"{shown(code)} ({plural(rows, 'row')})" for code, rows in unknown[:LISTED]
            )
            more = f" and {len(unknown) - LISTED} more" if len(unknown) > LISTED else ""
            found.append(
                warn(
                    scan.table.key,
                    column.name,
                    "currency_code",
                    f"not a known ISO 4217 code: {codes}{more} (staging only lower-cases "
                    "codes, so these match no FX rate)",
                ),
            )
    return found
