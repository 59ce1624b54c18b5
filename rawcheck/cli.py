"""`python -m rawcheck [RAW_DIR] [--json]`: check a raw directory against the contract."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rawcheck.check import check_raw_dir
from rawcheck.contract import load_contract
from rawcheck.findings import exit_code
from rawcheck.report import as_json, as_text

PROJECT_DIR = Path(__file__).resolve().parent.parent


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m rawcheck",
        description="Check a raw directory (<system>/<table>/*.parquet) against the raw contract "
        "of the dbt sources. Exits 1 only for findings that would make the build wrong.",
    )
    parser.add_argument(
        "raw_dir",
        nargs="?",
        type=Path,
        default=Path(os.environ.get("HEALTH_RAW_DIR", "data/raw")),
        help="the raw directory (default: $HEALTH_RAW_DIR, else data/raw)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--reporting-currency",
        help="currency MRR is reported in (default: the dbt var reporting_currency)",
    )
    parser.add_argument(
        "--project-dir",
        type=Path,
        default=PROJECT_DIR,
        help="the dbt project whose sources hold the contract (default: this repository)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    contract = load_contract(args.project_dir, args.reporting_currency)
    report = check_raw_dir(args.raw_dir, contract)
    print(as_json(report) if args.json else as_text(report))
    return exit_code(report.findings)
