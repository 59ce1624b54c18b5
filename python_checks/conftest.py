"""Shared fixtures: the built warehouse (read-only), the raw directory and the simulator's manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent
WAREHOUSE = Path(
    os.environ.get("HEALTH_WAREHOUSE_PATH", REPO / "warehouse" / "customer_health.duckdb")
)
RAW_DIR = Path(os.environ.get("HEALTH_RAW_DIR", REPO / "data" / "raw"))
DBT = str(Path(sys.executable).parent / "dbt")

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    if not WAREHOUSE.exists():
        pytest.fail(f"no warehouse at {WAREHOUSE}: run `make test` (it builds before pytest)")
    con = duckdb.connect(str(WAREHOUSE), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    path = RAW_DIR / "_manifest.json"
    if not path.exists():
        pytest.skip(f"no simulator manifest in {RAW_DIR}: raw data did not come from healthsim")
    return json.loads(path.read_text())


def query_dict(con: duckdb.DuckDBPyConnection, sql: str) -> dict[Any, Any]:
    """Run a two-column query and return it as {first: second}."""
    return {key: value for key, value in con.sql(sql).fetchall()}


def run_dbt(
    args: list[str], raw_dir: Path, warehouse: Path, tmp: Path
) -> subprocess.CompletedProcess:
    """Run dbt on a scratch world: its own raw directory and warehouse file, target and logs in tmp."""
    env = {
        **os.environ,
        "HEALTH_RAW_DIR": str(raw_dir),
        "HEALTH_WAREHOUSE_PATH": str(warehouse),
        "DBT_PROFILES_DIR": str(REPO),
    }
    paths = ["--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")]
    return subprocess.run(
        [DBT, *args, *paths], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
