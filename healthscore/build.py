"""Score a prepared export with the project's dbt models: build `+fct_flat_export_health` (the export,
the scorecard seeds and the flat-export models, no warehouse source) into a scratch DuckDB file, with
its own target and log folders, then read the mart back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
MART = "marts.fct_flat_export_health"
SELECTION = ["--select", "+fct_flat_export_health", "--indirect-selection", "cautious"]


class BuildError(RuntimeError):
    """dbt failed; the message holds the end of its output and where its log is."""


@dataclass(frozen=True)
class Scored:
    """The mart's rows (healthiest first) and column names."""

    columns: list[str]
    rows: list[tuple[object, ...]]

    def records(self) -> list[dict[str, object]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def dbt_executable() -> str:
    """The dbt next to this interpreter (the project's virtualenv), else the one on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    found = str(beside) if beside.exists() else shutil.which("dbt")
    if found is None:
        raise BuildError("dbt not found: run `make setup` (it installs the pinned requirements)")
    return found


def run_dbt(export_csv: Path, warehouse: Path, work_dir: Path, nps_scale: str) -> None:
    """dbt build of the flat-export selection; raises BuildError when it is not green."""
    env = {
        **os.environ,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "HEALTH_FLAT_EXPORT_PATH": str(export_csv.resolve()),
        "HEALTH_WAREHOUSE_PATH": str(warehouse.resolve()),
    }
    command = [
        dbt_executable(), "build", *SELECTION,
        "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"),
        "--vars", json.dumps({"flat_export_nps_scale": nps_scale}),
    ]
    result = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise BuildError(f"dbt build failed (log: {work_dir / 'logs' / 'dbt.log'}):\n{tail}")


def read_scores(warehouse: Path, results_csv: Path) -> Scored:
    """The mart, healthiest first (unscored accounts last), also written to results_csv."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        relation = con.sql(f"select * from {MART} order by health_rank nulls last, account_id")
        relation.write_csv(str(results_csv))
        return Scored(columns=list(relation.columns), rows=relation.fetchall())
    finally:
        con.close()
