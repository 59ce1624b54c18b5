"""Benchmark the simulator and `dbt build`: wall time and peak memory at several scales.

Prints one line per step and scale. Each step runs in its own process under /usr/bin/time, so the
peak resident memory is that step's alone. Data and warehouses go to a scratch directory (default
/tmp/health_bench), never to the demo's data/ and warehouse/.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run cmd under /usr/bin/time -v; return (wall seconds, peak RSS in MiB). Raise on failure."""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *cmd],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"benchmark step failed: {' '.join(cmd)}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    peak_mib = int(match.group(1)) / 1024 if match else float("nan")
    return wall, peak_mib


def count_tracks(raw_dir: Path) -> int:
    import duckdb

    pattern = str(raw_dir / "product" / "tracks" / "*.parquet")
    return duckdb.sql(f"select count(*) from read_parquet('{pattern}')").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, nargs="+", default=[500, 10000])
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/health_bench"))
    args = parser.parse_args()

    print(f"{'accounts':>9} {'track rows':>12} {'step':<10} {'wall s':>8} {'peak MiB':>9}")
    for accounts in args.accounts:
        raw_dir = args.scratch / f"raw_{accounts}"
        warehouse = args.scratch / f"warehouse_{accounts}.duckdb"
        warehouse.unlink(missing_ok=True)
        env = {
            **os.environ,
            "HEALTH_RAW_DIR": str(raw_dir),
            "HEALTH_WAREHOUSE_PATH": str(warehouse),
            "DBT_PROFILES_DIR": str(REPO),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        sim = [
            str(VENV_BIN / "python"),
            "-m",
            "healthsim",
            "--quiet",
            "--accounts",
            str(accounts),
            "--months",
            str(args.months),
            "--seed",
            str(args.seed),
            "--out",
            str(raw_dir),
        ]
        wall, peak = timed(sim, env)
        tracks = count_tracks(raw_dir)
        print(f"{accounts:>9} {tracks:>12,} {'simulate':<10} {wall:>8.1f} {peak:>9.0f}", flush=True)
        wall, peak = timed([str(VENV_BIN / "dbt"), "build", "--quiet"], env)
        print(
            f"{accounts:>9} {tracks:>12,} {'dbt build':<10} {wall:>8.1f} {peak:>9.0f}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
