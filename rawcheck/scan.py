"""What each contract table's folder holds: part files, rows, and each file's columns and types.

Present tables become views (`"<system>"."<table>"`, every part file unioned by column name, as the
build reads them) on the DuckDB connection the value checks query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from rawcheck.contract import Table


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_files(files: list[Path]) -> str:
    return "[" + ", ".join(sql_string(str(file)) for file in files) + "]"


@dataclass
class TableScan:
    table: Table
    files: list[Path] = field(default_factory=list)
    rows: int = 0
    # part file name -> {column: DuckDB type}
    file_types: dict[str, dict[str, str]] = field(default_factory=dict)
    # the union of all part files, as the build reads it: {column: DuckDB type}
    types: dict[str, str] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.unreadable:
            return "unreadable"
        if not self.files:
            return "absent"
        return "present" if self.rows else "empty"

    @property
    def readable(self) -> bool:
        """The table has rows to check, read as the build reads them."""
        return self.status == "present"

    def has(self, *columns: str) -> bool:
        return self.readable and all(column in self.types for column in columns)


def scan_table(con: duckdb.DuckDBPyConnection, raw_dir: Path, table: Table) -> TableScan:
    scan = TableScan(table, sorted((raw_dir / table.key).glob("*.parquet")))
    for file in scan.files:
        try:
            described = con.sql(f"describe select * from read_parquet({sql_string(str(file))})")
            scan.file_types[file.name] = {row[0]: row[1] for row in described.fetchall()}
        except duckdb.Error as error:
            scan.unreadable[file.name] = str(error).splitlines()[0]
    if not scan.files or scan.unreadable:
        return scan
    files = sql_files(scan.files)
    row = con.sql(f"select sum(num_rows) from parquet_file_metadata({files})").fetchone()
    scan.rows = int(row[0] or 0) if row else 0
    con.sql(f'create schema if not exists "{table.system}"')
    con.sql(
        f"create or replace view {table.sql_name} as select * from "
        f"read_parquet({files}, union_by_name = true)"
    )
    try:
        scan.types = {row[0]: row[1] for row in con.sql(f"describe {table.sql_name}").fetchall()}
    except duckdb.Error as error:
        scan.unreadable["the part files as one table"] = str(error).splitlines()[0]
    return scan


def uncontracted_folders(raw_dir: Path, tables: tuple[Table, ...]) -> list[str]:
    """Table folders with Parquet files the contract does not name (`_` folders are not data)."""
    known = {table.key for table in tables}
    found = {
        f"{folder.parent.name}/{folder.name}"
        for folder in raw_dir.glob("*/*/")
        if not folder.parent.name.startswith("_") and any(folder.glob("*.parquet"))
    }
    return sorted(found - known)
