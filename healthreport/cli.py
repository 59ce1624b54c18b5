"""Command line: python -m healthreport [--week YYYY-MM-DD] [--out PATH] [--published PATH].

Writes the report for the as-of week (the latest scored week on or before --week; default the
warehouse's latest) and prints the file's path: nothing else goes to stdout."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from healthreport.marts import ReportError, read_published
from healthreport.render import render

PUBLISHED = os.environ.get("HEALTH_PUBLISHED_PATH", "warehouse/published/customer_health.duckdb")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m healthreport", description=__doc__)
    parser.add_argument(
        "--week",
        type=date.fromisoformat,
        default=None,
        help="as-of date YYYY-MM-DD: the report is for the latest scored week starting on or "
        "before "
        "it (default: the warehouse's latest week)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="file to write (default reports/weekly_health_<week>.html)",
    )
    parser.add_argument(
        "--published",
        type=Path,
        default=Path(PUBLISHED),
        help=f"the published copy of the marts (default $HEALTH_PUBLISHED_PATH or {PUBLISHED})",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.published.exists():
        print(f"no published marts at {args.published}: run `make demo` first", file=sys.stderr)
        return 1
    try:
        data = read_published(str(args.published), args.week)
    except ReportError as error:
        print(f"healthreport: {error}", file=sys.stderr)
        return 1
    week = data["as_of"].week_start_date
    out = args.out or Path("reports") / f"weekly_health_{week}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data), encoding="utf-8")
    print(out)
    return 0
