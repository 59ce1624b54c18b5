"""Command line: python -m healthscore score path/to/export.csv [--nps-scale auto] [--out-dir DIR]."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from healthscore.build import MART, BuildError, Scored, read_scores, run_dbt
from healthscore.export import MEASURE_COLUMNS, ExportError, PreparedExport, prepare

NPS_SCALES = {
    "auto": "auto",
    "answer_0_10": "answer_0_10",
    "0-10": "answer_0_10",
    "net_10": "net_10",
    "-10..10": "net_10",
    "net_100": "net_100",
    "-100..100": "net_100",
}
SCALE_WORDS = {
    "answer_0_10": "one 0-10 answer (9-10 promoter +100, 7-8 passive 0, 0-6 detractor -100)",
    "net_10": "a net score in tenths, -10..10 (x 10)",
    "net_100": "a net score, -100..100",
}


def nps_scale(value: str) -> str:
    try:
        return NPS_SCALES[value.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"unknown NPS scale {value!r}: one of {', '.join(NPS_SCALES)}"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m healthscore",
        description="Score a flat one-row-per-account health export with the warehouse's scorecard.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser(
        "score",
        help="score a CSV export",
        description="Score a CSV with columns account_id and any of "
        f"{', '.join(MEASURE_COLUMNS)} (and mrr, carried as context). Missing columns are N/A; "
        "unknown columns are listed and ignored. Writes <name>_health.csv and the table "
        f"{MART} in <name>_health.duckdb to --out-dir, and prints the result.",
    )
    score.add_argument("csv", type=Path, help="the export (comma, semicolon, tab or pipe separated)")
    score.add_argument(
        "--nps-scale",
        type=nps_scale,
        default="auto",
        help="scale of nps_score: auto (default: read from the values), answer_0_10 (0-10), "
        "net_10 (-10..10) or net_100 (-100..100); write --nps-scale=-10..10 for the dashed forms",
    )
    score.add_argument(
        "--out-dir", type=Path, default=Path("."), help="where results go (default: current folder)"
    )
    return parser


def print_columns(source: Path, prepared: PreparedExport) -> None:
    def listed(columns: Sequence[str]) -> str:
        return ", ".join(columns) or "-"

    print(f"{source}: {prepared.accounts} accounts")
    print(f"  scored:          {listed(prepared.scored_columns)}")
    print(f"  N/A (missing):   {listed(prepared.missing_columns)}")
    if prepared.empty_columns:
        print(f"  N/A (empty):     {listed(prepared.empty_columns)}")
    print(f"  unknown, ignored: {listed(prepared.unknown_columns)}")
    for column, count in prepared.non_numeric.items():
        print(f"  note: {count} value(s) of {column} are not numbers: read as N/A")


def print_nps_scale(scored: Scored, requested: str, prepared: PreparedExport) -> None:
    records = scored.records()
    scales = {r["nps_scale"] for r in records if r["nps_scale"]}
    if not scales:
        return
    (scale,) = scales
    how = "detected from the values; say --nps-scale if wrong" if requested == "auto" else "as given"
    print(f"  nps_score read as {SCALE_WORDS[scale]} ({how})")
    read = sum(1 for r in records if r["net_promoter_score"] is not None)
    outside = prepared.filled.get("nps_score", 0) - prepared.non_numeric.get("nps_score", 0) - read
    if outside > 0:
        print(f"  note: {outside} nps_score value(s) outside that scale: read as N/A")


def print_scores(scored: Scored) -> None:
    print()
    for r in scored.records():
        if r["health_score"] is None:
            print(f"  -  {r['account_id']}: not scored (no measure has a value)")
            continue
        print(f"{r['health_rank']:>3}. {r['account_id']}  {r['health_score']:.1f}  "
              f"{r['tier']} ({r['colour']})")
        print(f"     drivers:  {r['drivers'] or 'none: every measure scores 100'}")
        print(f"     playbook: {r['playbook_name']} ({r['playbook_owner_role']})")
        if r["measures_na"]:
            print(f"     N/A:      {r['measures_na']}")


def score(source: Path, requested_scale: str, out_dir: Path) -> int:
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    results_csv = out_dir / f"{source.stem}_health.csv"
    warehouse = out_dir / f"{source.stem}_health.duckdb"
    work_dir = Path(tempfile.mkdtemp(prefix="healthscore_"))
    try:
        prepared = prepare(source, work_dir / "export.csv")
        print_columns(source, prepared)
        run_dbt(prepared.path, warehouse, work_dir, requested_scale)
        scored = read_scores(warehouse, results_csv)
    except ExportError as error:
        shutil.rmtree(work_dir)
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    shutil.rmtree(work_dir)
    print_nps_scale(scored, requested_scale, prepared)
    print_scores(scored)
    print(f"\nresults: {results_csv}")
    print(f"table:   {MART} in {warehouse}")
    print(f"scored in {time.monotonic() - started:.1f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return score(args.csv, args.nps_scale, args.out_dir)
