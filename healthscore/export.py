"""Read a flat one-row-per-account export and write the copy dbt scores: every known column, in the
order the source declares, missing ones empty (their measures N/A), unknown ones left out and listed.
Problems that would only surface as a failed dbt test or a binder error are raised here, in words."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

KEY_COLUMN = "account_id"
CONTEXT_COLUMNS = ("mrr",)
MEASURE_COLUMNS = ("logins_30d", "features_used", "open_tickets", "nps_score", "days_since_last_login")
KNOWN_COLUMNS = (KEY_COLUMN, *CONTEXT_COLUMNS, *MEASURE_COLUMNS)
DELIMITERS = ",;\t|"


class ExportError(ValueError):
    """The export cannot be scored; the message says why."""


@dataclass(frozen=True)
class PreparedExport:
    """What was found in the export and where its scoring copy was written."""

    path: Path
    accounts: int
    scored_columns: list[str]
    missing_columns: list[str]
    empty_columns: list[str]
    unknown_columns: list[str]
    filled: dict[str, int] = field(default_factory=dict)
    non_numeric: dict[str, int] = field(default_factory=dict)


def normalize_name(name: str) -> str:
    """'Account ID ' -> 'account_id': header names compared case- and space-insensitively."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def read_rows(source: Path) -> tuple[list[str], list[list[str]]]:
    """The normalized header and the non-blank rows of a CSV (comma, semicolon, tab or pipe)."""
    if not source.is_file():
        raise ExportError(f"{source}: no such file")
    text = source.read_text(encoding="utf-8-sig")
    if not text.strip():
        raise ExportError(f"{source} is empty: expected a header row and one row per account")
    first_line = text.lstrip().splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    header, *rows = list(csv.reader(io.StringIO(text.lstrip()), delimiter=delimiter))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return [normalize_name(name) for name in header], rows


def check_header(source: Path, header: list[str]) -> None:
    repeated = sorted(name for name, n in Counter(header).items() if n > 1 and name)
    if repeated:
        raise ExportError(f"{source}: column(s) {', '.join(repeated)} appear more than once")
    if KEY_COLUMN not in header:
        raise ExportError(
            f"{source}: no {KEY_COLUMN} column (found: {', '.join(header) or 'none'}); "
            "the export needs one row per account, keyed by account_id"
        )


def check_accounts(source: Path, records: list[dict[str, str]]) -> None:
    if not records:
        raise ExportError(f"{source} has a header but no rows: nothing to score")
    blank = [line for line, record in enumerate(records, start=2) if not record[KEY_COLUMN]]
    if blank:
        raise ExportError(f"{source}: rows without an {KEY_COLUMN} (lines {blank[:10]})")
    repeated = sorted(a for a, n in Counter(r[KEY_COLUMN] for r in records).items() if n > 1)
    if repeated:
        raise ExportError(f"{source}: {KEY_COLUMN} repeated: {', '.join(repeated[:10])}")


def prepare(source: Path, target: Path) -> PreparedExport:
    """Check the export at source and write its scoring copy to target."""
    header, rows = read_rows(source)
    check_header(source, header)
    records = [
        {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        for row in rows
    ]
    check_accounts(source, records)

    present = [c for c in MEASURE_COLUMNS if c in header]
    empty = [c for c in present if not any(r[c] for r in records)]
    scored = [c for c in present if c not in empty]
    unknown = [c for c in header if c and c not in KNOWN_COLUMNS]
    if not scored:
        raise ExportError(
            f"{source}: no usable column: none of {', '.join(MEASURE_COLUMNS)} has a value"
            + (f" (unknown columns: {', '.join(unknown)})" if unknown else "")
        )

    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(KNOWN_COLUMNS)
        writer.writerows([record.get(c, "") for c in KNOWN_COLUMNS] for record in records)

    non_numeric = {
        c: n
        for c in (*CONTEXT_COLUMNS, *scored)
        if c in header and (n := sum(1 for r in records if r[c] and not is_number(r[c])))
    }
    return PreparedExport(
        path=target,
        accounts=len(records),
        scored_columns=scored,
        missing_columns=[c for c in MEASURE_COLUMNS if c not in header],
        empty_columns=empty,
        unknown_columns=unknown,
        filled={c: sum(1 for r in records if r[c]) for c in scored},
        non_numeric=non_numeric,
    )
