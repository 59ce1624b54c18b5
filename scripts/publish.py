"""Publish the marts of a successful build to a read-only copy that BI tools, the report and the
dashboard read, so readers and builds never wait on each other and a reader never sees half a build.

The copy is a second DuckDB file holding every table of the `marts`, `seeds` and `semantic` (the
semantic layer's time spine) schemas as plain tables (no views, so nothing depends on relative
paths). It is written next to the target under a temporary name and swapped in with an atomic
rename: a reader that opened the previous copy keeps reading it whole; the next reader opens the
new one.

    python scripts/publish.py   # HEALTH_WAREHOUSE_PATH -> HEALTH_PUBLISHED_PATH
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

WAREHOUSE = Path(os.environ.get("HEALTH_WAREHOUSE_PATH", "warehouse/customer_health.duckdb"))
PUBLISHED = Path(
    os.environ.get("HEALTH_PUBLISHED_PATH", "warehouse/published/customer_health.duckdb")
)
SCHEMAS = ("marts", "seeds", "semantic")


def publish(warehouse: Path = WAREHOUSE, published: Path = PUBLISHED) -> dict[str, int]:
    """Copy the published schemas' tables into a new file and swap it in; {schema.table: rows}."""
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    copied: dict[str, int] = {}
    with duckdb.connect(str(staging)) as con:
        con.execute(f"attach '{warehouse}' as build (read_only)")
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = 'build' and table_type = 'BASE TABLE' "
            f"and table_schema in ({', '.join(repr(s) for s in SCHEMAS)}) "
            "order by table_schema, table_name"
        ).fetchall()
        if not any(schema == "marts" for schema, _ in tables):
            raise SystemExit(f"no marts in {warehouse}: build the warehouse first (make demo)")
        for schema in SCHEMAS:
            con.execute(f"create schema if not exists {schema}")
        for schema, table in tables:
            con.execute(f'create table {schema}."{table}" as select * from build.{schema}."{table}"')
            copied[f"{schema}.{table}"] = con.execute(
                f'select count(*) from {schema}."{table}"'
            ).fetchone()[0]
        con.execute("detach build")
    os.replace(staging, published)
    return copied


def main() -> int:
    if not WAREHOUSE.exists():
        print(f"no warehouse at {WAREHOUSE}: run `make demo` first", file=sys.stderr)
        return 1
    copied = publish()
    marts = sum(1 for name in copied if name.startswith("marts."))
    print(f"published {marts} marts ({len(copied)} tables) to {PUBLISHED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
