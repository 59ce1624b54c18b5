"""Per table and column: present, absent or empty; missing, extra and part-file-missing columns;
types that differ from the contract, and whether their values still convert losslessly."""

from __future__ import annotations

import duckdb

from rawcheck.contract import Column
from rawcheck.findings import Finding, fail, note, required_or_warn, shown, warn
from rawcheck.scan import TableScan

INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"}
TIMESTAMPS = {"TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS"}
# file types that are the contract's type (timestamp precision is not drift)
SAME = {
    "varchar": {"VARCHAR"},
    "bigint": {"BIGINT"},
    "double": {"DOUBLE"},
    "boolean": {"BOOLEAN"},
    "date": {"DATE"},
    "timestamp": TIMESTAMPS,
}
# file types every value of which casts to the contract's type without loss
WIDENS = {
    "bigint": INTEGERS,
    "double": INTEGERS | {"FLOAT", "UBIGINT", "HUGEINT"},
    "timestamp": {"DATE", "TIMESTAMP WITH TIME ZONE"},
}
SHOWN = 3


def widens(file_type: str, data_type: str) -> bool:
    if data_type == "varchar":
        return True
    if data_type == "double" and file_type.startswith("DECIMAL"):
        return True
    return file_type in WIDENS.get(data_type, set())


def files_phrase(files: list[str], of: int) -> str:
    listed = ", ".join(files[:SHOWN]) + (", ..." if len(files) > SHOWN else "")
    return f"{len(files)} of {of} part files ({listed})"


def presence(scan: TableScan) -> list[Finding]:
    table = scan.table
    if scan.status == "unreadable":
        return [
            fail(table.key, None, "unreadable", f"cannot read {name}: {error}")
            for name, error in scan.unreadable.items()
        ]
    if scan.status == "present":
        return []
    what = "no Parquet files" if scan.status == "absent" else "no rows"
    if table.required:
        return [fail(table.key, None, scan.status, f"required table has {what}")]
    return [
        note(table.key, None, scan.status, f"optional table has {what}: built as an empty table")
    ]


def columns(scan: TableScan) -> list[Finding]:
    table, found = scan.table, []
    for column in table.columns:
        if column.name in scan.types:
            continue
        if column.required:
            message = f"required column missing (expected {column.data_type})"
            found.append(fail(table.key, column.name, "missing_column", message))
        else:
            message = f"optional column missing (expected {column.data_type}): read as null"
            found.append(note(table.key, column.name, "missing_column", message))
    extras = [name for name in scan.types if table.column(name) is None]
    if extras:
        found.append(
            note(
                table.key,
                None,
                "extra_columns",
                "extra columns (kept, unused): " + ", ".join(extras),
            )
        )
    return found


def part_file_gaps(scan: TableScan) -> list[Finding]:
    """A column some part files have and others lack: the rows of the others read it as null."""
    found = []
    files = list(scan.file_types)
    for name in scan.types:
        lacking = [file for file in files if name not in scan.file_types[file]]
        if not lacking:
            continue
        column = scan.table.column(name)
        required = column is not None and column.required
        message = f"missing from {files_phrase(lacking, len(files))}: their rows read it as null"
        found.append(required_or_warn(required, scan.table.key, name, "part_file_column", message))
    return found


def lossy_values(
    con: duckdb.DuckDBPyConnection, scan: TableScan, column: Column
) -> tuple[int, int, list[str]]:
    """Values that do not convert to the contract type, or change on the way.

    Returns (bad values, non-null values, up to two bad examples)."""
    union_type, name = scan.types[column.name], f'"{column.name}"'
    cast = f"try_cast({name} as {column.data_type})"
    if union_type == "VARCHAR":
        bad = f"{name} is not null and {cast} is null"
    else:
        round_trip = f"try_cast({cast} as {union_type})"
        bad = f"{name} is not null and ({cast} is null or {round_trip} is distinct from {name})"
    row = con.sql(
        f"select count(*) filter (where {bad}), count({name}), "
        f"min(cast({name} as varchar)) filter (where {bad}), "
        f"max(cast({name} as varchar)) filter (where {bad}) "
        f"from {scan.table.sql_name}"
    ).fetchone()
    assert row is not None
    examples = sorted({value for value in row[2:] if value is not None})
    return int(row[0]), int(row[1]), examples


def type_drift(con: duckdb.DuckDBPyConnection, scan: TableScan) -> list[Finding]:
    found = []
    files = list(scan.file_types)
    for column in scan.table.columns:
        if column.name not in scan.types:
            continue
        by_type: dict[str, list[str]] = {}
        for file in files:
            file_type = scan.file_types[file].get(column.name)
            if file_type is not None and file_type not in SAME[column.data_type]:
                by_type.setdefault(file_type, []).append(file)
        if not by_type:
            continue
        types = "; ".join(
            f"{kind} in {files_phrase(where, len(files))}" for kind, where in by_type.items()
        )
        drift = f"type drift: {types}, contract {column.data_type}"
        if all(widens(kind, column.data_type) for kind in by_type):
            found.append(
                warn(scan.table.key, column.name, "type_drift", f"{drift}: casts losslessly")
            )
            continue
        bad, total, examples = lossy_values(con, scan, column)
        if not bad:
            found.append(
                warn(
                    scan.table.key,
                    column.name,
                    "type_drift",
                    f"{drift}: all {total:,} values convert",
                )
            )
            continue
        problem = (
            f"{drift}: {bad:,} of {total:,} values do not convert losslessly "
            f"(e.g. {', '.join(shown(value) for value in examples)})"
        )
        check = "type_drift"
        if column.is_minor_units and any(kind != "VARCHAR" for kind in by_type):
            problem += "; money looks like major units, the contract is integer minor units (cents)"
            check = "money_units"
        elif column.is_epoch_seconds:
            problem += "; the contract is integer epoch seconds"
        found.append(required_or_warn(column.required, scan.table.key, column.name, check, problem))
    return found
