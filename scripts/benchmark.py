"""Benchmark the warehouse at several scales: the simulator, a full `dbt build`, the weekly incremental
run, and the floor - one DuckDB pass that reads the same events, deduplicates them, joins them to the
accounts and counts events, active users and features per account-week.

For each scale (accounts) it simulates a world, cuts it at its last week's load time (the world as of a
week earlier), builds that with every test (the full build), then loads the last week: the weekly run
(`dbt build --selector weekly`, as `make weekly`: incremental models process the new week and the
lookback, the backtest keeps its tables) and, on a copy of the same warehouse, `dbt build` of
everything again (the rerun, incremental too). Each step runs in
its own process under /usr/bin/time; CPU-s is user + system time, so the figures compare across busy
machines better than wall time. Prints one table row per scale. Data and warehouses go to a scratch
directory (default /tmp/health_bench), never to the demo's data/ and warehouse/.

    python scripts/benchmark.py --accounts 2000 10000     (make bench ACCOUNTS="2000 10000")
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"

FLOOR_SQL = """
with events as (
    select id, user_id, event, context_group_id, timestamp
    from read_parquet('{raw}/product/tracks/*.parquet')
    qualify row_number() over (partition by id order by uuid_ts desc) = 1
),
accounts as (select distinct id from read_parquet('{raw}/crm/account/*.parquet'))
select
    accounts.id,
    date_trunc('week', events.timestamp) as week,
    count(*) as events,
    count(distinct events.user_id) as active_users,
    count(distinct events.event) as features
from events
inner join accounts on events.context_group_id = accounts.id
group by all
"""


@dataclass
class Step:
    wall: float
    cpu: float
    peak_mib: float


def timed(cmd: list[str], env: dict[str, str]) -> Step:
    """Run cmd under /usr/bin/time -v; return its wall, CPU (user + sys) and peak RSS. Raise on failure."""
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"benchmark step failed: {' '.join(cmd)}")

    def field(label: str) -> str:
        match = re.search(rf"{re.escape(label)}: (\S+)", proc.stderr)
        return match.group(1) if match else "nan"

    clock = [float(part) for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(value * 60**power for power, value in enumerate(reversed(clock)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return Step(wall, cpu, int(field("Maximum resident set size (kbytes)")) / 1024)


def floor(raw: str) -> None:
    import duckdb

    con = duckdb.connect()
    con.sql("set threads = 2")
    # materialized, so no aggregate can be optimized away
    con.sql(f"create temp table floor_result as {FLOOR_SQL.format(raw=raw)}")
    print(con.sql("select count(*) from floor_result").fetchone()[0], "account-weeks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--accounts", type=int, nargs="+", default=[2000])
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/health_bench"))
    parser.add_argument(
        "--keep-data", action="store_true", help="reuse a scale's simulated world when it exists"
    )
    parser.add_argument(
        "--no-rerun",
        action="store_true",
        help="skip the rerun (it copies the warehouse: about 30 GB of disk at 100,000 accounts)",
    )
    parser.add_argument("--floor", metavar="RAW_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
        return 0

    python, dbt = str(VENV_BIN / "python"), str(VENV_BIN / "dbt")
    header = (
        f"{'accounts':>8} {'events':>11} {'sim s':>6} {'floor CPU-s':>11} {'build s':>8} "
        f"{'build CPU-s':>11} {'peak MiB':>8} {'build/floor':>11} {'weekly s':>8} "
        f"{'weekly CPU-s':>12} {'weekly/build':>12} {'rerun CPU-s':>11} {'rerun/build':>11}"
    )
    print(header, flush=True)
    for accounts in args.accounts:
        full, before = args.scratch / f"raw_{accounts}", args.scratch / f"raw_{accounts}_before"
        warehouse = args.scratch / f"warehouse_{accounts}.duckdb"
        warehouse.unlink(missing_ok=True)
        env = {
            **os.environ,
            "HEALTH_RAW_DIR": str(before),
            "HEALTH_WAREHOUSE_PATH": str(warehouse),
            "DBT_PROFILES_DIR": str(REPO),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
        if args.keep_data and (full / "_manifest.json").exists():
            sim = Step(float("nan"), float("nan"), float("nan"))
        else:
            shutil.rmtree(full, ignore_errors=True)
            sim = timed(
                [python, "-m", "healthsim", "--quiet", "--accounts", str(accounts), "--months",
                 str(args.months), "--seed", str(args.seed), "--workers", "2", "--out", str(full)],
                env,
            )
        subprocess.run(
            [python, "-m", "healthsim.cut", str(full), str(before)],
            cwd=REPO, check=True, stdout=subprocess.DEVNULL,
        )
        import duckdb

        events = duckdb.sql(
            f"select count(*) from read_parquet('{full}/product/tracks/*.parquet')"
        ).fetchone()[0]
        floor_step = timed([python, __file__, "--floor", str(before)], env)
        def dbt_build(*selection: str, name: str = f"{accounts}") -> list[str]:
            return [
                dbt, "build", "--quiet", *selection,
                "--target-path", str(args.scratch / f"target_{name}"),
                "--log-path", str(args.scratch / f"logs_{name}"),
            ]

        build_cmd = dbt_build("--exclude", "tag:generic_test_self_check")
        build = timed(build_cmd, env)
        loaded = {**env, "HEALTH_RAW_DIR": str(full)}
        rerun = Step(float("nan"), float("nan"), float("nan"))
        if not args.no_rerun:
            rerun_warehouse = args.scratch / f"warehouse_{accounts}_rerun.duckdb"
            shutil.copyfile(warehouse, rerun_warehouse)
        weekly = timed(dbt_build("--selector", "weekly"), loaded)
        if not args.no_rerun:
            rerun = timed(
                dbt_build("--exclude", "tag:generic_test_self_check", name=f"{accounts}_rerun"),
                {**loaded, "HEALTH_WAREHOUSE_PATH": str(rerun_warehouse)},
            )
            rerun_warehouse.unlink()
        peak = max(build.peak_mib, weekly.peak_mib, rerun.peak_mib if not args.no_rerun else 0)
        print(
            f"{accounts:>8} {events:>11,} {sim.wall:>6.0f} {floor_step.cpu:>11.1f} {build.wall:>8.0f} "
            f"{build.cpu:>11.0f} {peak:>8.0f} {build.cpu / floor_step.cpu:>11.1f} "
            f"{weekly.wall:>8.0f} {weekly.cpu:>12.0f} {weekly.cpu / build.cpu:>12.2f} "
            f"{rerun.cpu:>11.0f} {rerun.cpu / build.cpu:>11.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
