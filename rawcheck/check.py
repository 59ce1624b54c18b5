"""Run every check over a raw directory."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from rawcheck import fx, ids, schema_checks, units
from rawcheck.contract import Contract
from rawcheck.findings import Finding, Severity, fail, note
from rawcheck.scan import TableScan, scan_table, uncontracted_folders

ORDER = {Severity.FAIL: 0, Severity.WARN: 1, Severity.NOTE: 2}


@dataclass
class Report:
    raw_dir: Path
    contract: Contract
    scans: list[TableScan]
    findings: list[Finding]
    seconds: float


def table_findings(con: duckdb.DuckDBPyConnection, scan: TableScan) -> list[Finding]:
    found = schema_checks.presence(scan)
    if not scan.readable:
        return found
    found += schema_checks.columns(scan)
    found += schema_checks.part_file_gaps(scan)
    try:
        found += schema_checks.type_drift(con, scan)
        found += units.epoch_milliseconds(con, scan)
        found += units.currency_codes(con, scan)
    except duckdb.Error as error:
        # the part files do not read as one table (types that do not unify): neither does the build
        message = f"cannot read the part files as one table: {str(error).splitlines()[0]}"
        found.append(fail(scan.table.key, None, "unreadable", message))
    return found


def check_raw_dir(raw_dir: Path, contract: Contract) -> Report:
    started = time.perf_counter()
    con = duckdb.connect()
    con.sql("set enable_progress_bar = false")
    findings: list[Finding] = []
    if not raw_dir.is_dir():
        findings.append(fail(str(raw_dir), None, "absent", "the raw directory does not exist"))
    scans = {table.key: scan_table(con, raw_dir, table) for table in contract.tables}
    for scan in scans.values():
        findings += table_findings(con, scan)
    findings += fx.fx_coverage(con, scans, contract)
    findings += ids.colliding_account_ids(con, scans[ids.ACCOUNTS])
    findings += ids.references_matching_only_normalized(con, scans, contract)
    if raw_dir.is_dir():
        findings += [
            note(folder, None, "not_in_contract", "a table the contract does not name: not read")
            for folder in uncontracted_folders(raw_dir, contract.tables)
        ]
    con.close()
    findings.sort(key=lambda finding: ORDER[finding.severity])
    return Report(raw_dir, contract, list(scans.values()), findings, time.perf_counter() - started)
