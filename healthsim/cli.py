"""Command line: python -m healthsim --accounts N --months M --seed S --out DIR ..."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from healthsim.config import (
    DEFAULT_ACCOUNTS,
    DEFAULT_AS_OF,
    DEFAULT_CHUNK_SIZE,
    DEFAULT_EVENTS_PER_ACCOUNT_MONTH,
    DEFAULT_MONTHS,
    DEFAULT_SEED,
    SimConfig,
)
from healthsim.runner import run
from healthsim.schema import DEFAULT_RATES, MESS_KINDS, MESS_TABLES


def _flag(kind: str) -> str:
    return f"--{kind.replace('_', '-')}-rate"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m healthsim",
        description="Simulate the raw exports (Segment, Salesforce, Zendesk, NPS, Stripe) of a B2B "
        "SaaS company as Parquet, with injected mess and ground truth.",
    )
    parser.add_argument("--accounts", type=int, default=DEFAULT_ACCOUNTS, help="CRM accounts")
    parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, help="months simulated")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--out", type=Path, default=Path("data/raw"), help="output directory")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=DEFAULT_AS_OF,
        help=f"last day of the simulated world (default {DEFAULT_AS_OF.isoformat()})",
    )
    parser.add_argument(
        "--events-per-account-month",
        type=float,
        default=DEFAULT_EVENTS_PER_ACCOUNT_MONTH,
        help="mean tracked events per account and window month (scales with users and health)",
    )
    parser.add_argument(
        "--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help="accounts per part file"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes (output does not depend on it)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--without",
        type=lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
        default=(),
        metavar="LIST",
        help="systems or tables to leave out, comma separated (e.g. support,survey,billing.invoices)",
    )
    group = parser.add_argument_group("mess rates (share of eligible rows)")
    for kind in MESS_KINDS:
        group.add_argument(
            _flag(kind),
            dest=f"rate_{kind}",
            type=float,
            metavar="RATE",
            default=DEFAULT_RATES[kind],
            help=f"{kind} on {', '.join(MESS_TABLES[kind])} (default {DEFAULT_RATES[kind]})",
        )
    return parser


def config_from_args(args: argparse.Namespace) -> SimConfig:
    return SimConfig(
        accounts=args.accounts,
        months=args.months,
        seed=args.seed,
        out=args.out,
        as_of=args.as_of,
        events_per_account_month=args.events_per_account_month,
        chunk_size=args.chunk_size,
        quiet=args.quiet,
        rates={kind: getattr(args, f"rate_{kind}") for kind in MESS_KINDS},
        without=args.without,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be >= 1")
    try:
        cfg = config_from_args(args)
    except ValueError as err:
        parser.error(str(err))
    manifest = run(cfg, workers=args.workers)
    if not cfg.quiet:
        tracks = manifest["tables"].get("product/tracks", {}).get("rows", 0)
        print(
            f"wrote {len(manifest['tables'])} tables ({tracks:,} track rows) to {cfg.out}",
            file=sys.stderr,
        )
    return 0
