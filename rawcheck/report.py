"""The report as text (a table, the findings, a verdict) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from rawcheck.check import Report
from rawcheck.findings import Severity, count, exit_code, verdict

HEADER = ("table", "required", "status", "files", "rows", "columns", "fail", "warn", "note")
LEGEND = (
    "FAIL: the build would be wrong (exit 1). WARN: the build is right, but part of it is missing, "
    "unknown or resolved by a rule. NOTE: tolerated by the contract."
)


def table_rows(report: Report) -> list[dict[str, Any]]:
    rows = []
    for scan in report.scans:
        table = scan.table
        mine = [finding for finding in report.findings if finding.table == table.key]
        present = sum(1 for column in table.columns if column.name in scan.types)
        rows.append(
            {
                "table": table.key,
                "required": table.required,
                "status": scan.status,
                "files": len(scan.files),
                "rows": scan.rows if scan.readable or scan.status == "empty" else None,
                "columns_present": present,
                "columns_expected": len(table.columns),
                **{severity.value.lower(): count(mine, severity) for severity in Severity},
            }
        )
    return rows


def as_text(report: Report) -> str:
    cells = [
        (
            row["table"],
            "yes" if row["required"] else "no",
            row["status"],
            str(row["files"]),
            "-" if row["rows"] is None else f"{row['rows']:,}",
            f"{row['columns_present']}/{row['columns_expected']}",
            str(row["fail"]),
            str(row["warn"]),
            str(row["note"]),
        )
        for row in table_rows(report)
    ]
    widths = [max(len(line[i]) for line in [HEADER, *cells]) for i in range(len(HEADER))]
    left = {0, 1, 2}

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(
            value.ljust(width) if i in left else value.rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    currency = report.contract.reporting_currency
    out = [
        f"raw data check: {report.raw_dir} (reporting currency {currency})",
        "",
        line(HEADER),
        *(line(cell) for cell in cells),
        "",
    ]
    out += [
        f"{finding.severity.value} {finding.where}: {finding.message}"
        for finding in report.findings
    ]
    if report.findings:
        out += ["", LEGEND]
    out.append(f"{verdict(report.findings)} ({len(report.scans)} tables, {report.seconds:.1f} s)")
    return "\n".join(out)


def as_json(report: Report) -> str:
    document = {
        "raw_dir": str(report.raw_dir),
        "reporting_currency": report.contract.reporting_currency,
        "tables": table_rows(report),
        "findings": [
            {
                "severity": finding.severity.value,
                "table": finding.table,
                "column": finding.column,
                "check": finding.check,
                "message": finding.message,
            }
            for finding in report.findings
        ],
        "verdict": verdict(report.findings),
        "exit_code": exit_code(report.findings),
        "seconds": round(report.seconds, 3),
    }
    return json.dumps(document, indent=2)
