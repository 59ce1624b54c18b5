"""The world as it was loaded a week before its end: python -m healthsim.cut FULL BEFORE [--days N].

Copies a simulated raw directory to BEFORE without the product rows loaded (uuid_ts) in the last N days
(default 7) of its tracks' loads; every other table is copied whole. Building BEFORE and then FULL runs
the incremental models the way a weekly load does: one more week of events, with the late and re-sent
events the simulator mixes into it. `make bench` and `make test-spark` use it.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import duckdb

LOADED_TABLES = ("product/tracks", "product/identifies")


def cut_before_last_loads(full: Path, before: Path, days: int = 7) -> str:
    """Copy the world to `before` without the rows loaded in its last `days`; return the cut time."""
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(full, before)
    con = duckdb.connect()
    cut = con.sql(
        f"select max(uuid_ts) - interval {int(days)} day "
        f"from read_parquet('{full}/product/tracks/*.parquet')"
    ).fetchone()[0]
    if cut is None:
        raise SystemExit(f"{full}/product/tracks has no loaded rows to cut")
    for table in LOADED_TABLES:
        for part in sorted((before / table).glob("*.parquet")):
            con.sql(
                f"copy (select * from read_parquet('{part}') where uuid_ts <= timestamp '{cut}') "
                f"to '{part}.cut' (format parquet)"
            )
            os.replace(f"{part}.cut", part)
    con.close()
    return str(cut)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("full", type=Path, help="a simulated raw directory")
    parser.add_argument("before", type=Path, help="where the earlier world goes (replaced)")
    parser.add_argument("--days", type=int, default=7, help="days of loads left out (default 7)")
    args = parser.parse_args()
    print(f"cut at {cut_before_last_loads(args.full, args.before, args.days)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
