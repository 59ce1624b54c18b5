"""Compare the key marts of the DuckDB build with the Spark build of the same raw data, row for row.

`make test-spark` builds one demo world twice - on DuckDB (the `dev` target) and on Spark (the `spark`
target, dbt-spark's session method) - and runs this. The Spark tables are read from their Parquet files
in the Spark warehouse directory (HEALTH_SPARK_WAREHOUSE_DIR/<schema>.db/<table>/, where the session's
Hive catalog keeps managed tables), so no second Spark session is started; DuckDB reads both sides.

Rows are matched by sorting both sides on every column (floating-point columns rounded for the sort
only); then text, integers, dates, timestamps and flags must be equal, and every number (float or
decimal) equal within REL_TOL relative (ABS_TOL absolute near zero). Exit 1 on any difference.

    python scripts/compare_spark.py [--tables fct_a fct_b ...]
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import math
import os
import sys
from pathlib import Path

import duckdb

KEY_MARTS = (
    "fct_account_health_weekly",
    "fct_mrr_movements",
    "fct_revenue_retention",
    "fct_validation_verdicts",
    "fct_health_model_validation",
    "fct_account_churn_risk",
)
REL_TOL = 1e-6
ABS_TOL = 1e-9
SORT_DIGITS = 6
SHOWN = 10


def read_duckdb(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], list[tuple]]:
    rel = con.sql(f'select * from build.marts."{table}"')
    return rel.columns, rel.fetchall()


def read_spark(con: duckdb.DuckDBPyConnection, folder: Path) -> tuple[list[str], list[tuple]]:
    if not folder.is_dir():
        raise SystemExit(f"no Spark table at {folder}: run the spark build first")
    rel = con.sql(f"select * from read_parquet('{folder}/*.parquet')")
    return rel.columns, rel.fetchall()


def is_number(value: object) -> bool:
    return isinstance(value, (float, decimal.Decimal)) and not isinstance(value, bool)


def sort_key(row: tuple) -> tuple:
    """None first, numbers rounded so a last-digit difference cannot reorder the rows."""
    key = []
    for value in row:
        if value is None:
            key.append((0, ""))
        elif is_number(value):
            number = float(value)
            key.append((1, "nan") if math.isnan(number) else (1, round(number, SORT_DIGITS)))
        elif isinstance(value, (int, bool)):
            key.append((1, int(value)))
        else:
            key.append((2, str(as_utc(value))))
    return tuple(key)


def equal(left: object, right: object) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if is_number(left) or is_number(right):
        a, b = float(left), float(right)
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(left, (int, bool)) and isinstance(right, (int, bool)):
        return int(left) == int(right)
    return as_utc(left) == as_utc(right)


def as_utc(value: object) -> object:
    """Spark writes timestamps as instants (read back with a zone); DuckDB's have none and are UTC."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


def compare(
    table: str, duck: tuple[list[str], list[tuple]], spark: tuple[list[str], list[tuple]]
) -> list[str]:
    duck_columns, duck_rows = duck
    spark_columns, spark_rows = spark
    problems: list[str] = []
    if [c.lower() for c in duck_columns] != [c.lower() for c in spark_columns]:
        return [f"{table}: columns differ: duckdb {duck_columns} vs spark {spark_columns}"]
    if len(duck_rows) != len(spark_rows):
        problems.append(f"{table}: {len(duck_rows)} rows on duckdb, {len(spark_rows)} on spark")
    for left, right in zip(sorted(duck_rows, key=sort_key), sorted(spark_rows, key=sort_key)):
        for column, a, b in zip(duck_columns, left, right):
            if not equal(a, b):
                problems.append(
                    f"{table}.{column}: duckdb {a!r} vs spark {b!r} (row {left[:4]}...)"
                )
                break
        if len(problems) >= SHOWN:
            break
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", nargs="+", default=list(KEY_MARTS))
    args = parser.parse_args(argv)
    warehouse = Path(os.environ.get("HEALTH_WAREHOUSE_PATH", "warehouse/customer_health.duckdb"))
    spark_dir = Path(os.environ.get("HEALTH_SPARK_WAREHOUSE_DIR", "warehouse/spark/tables"))
    con = duckdb.connect()
    con.execute("set timezone = 'UTC'")
    con.execute(f"attach '{warehouse}' as build (read_only)")
    failed = 0
    for table in args.tables:
        duck = read_duckdb(con, table)
        spark = read_spark(con, spark_dir / "marts.db" / table)
        problems = compare(table, duck, spark)
        status = "equal" if not problems else "DIFFERENT"
        print(f"{table:32} {len(duck[1]):>8} rows x {len(duck[0]):>3} columns: {status}")
        for problem in problems:
            print(f"    {problem}")
        failed += bool(problems)
    print(f"{len(args.tables) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
