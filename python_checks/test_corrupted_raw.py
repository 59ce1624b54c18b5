"""Hand-corrupted raw files give quarantine rows or a clear failure, never a crash without a reason.

Builds a small simulated world into a scratch directory, corrupts it the way real exports break, and runs
the real `dbt build` against it (its own warehouse file, so the demo warehouse is untouched)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from python_checks.conftest import REPO

DBT = str(REPO / ".venv" / "bin" / "dbt")


def run_dbt(
    args: list[str], raw_dir: Path, warehouse: Path, tmp: Path
) -> subprocess.CompletedProcess:
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


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "healthsim",
            "--quiet",
            "--accounts",
            "60",
            "--months",
            "6",
            "--seed",
            "7",
            "--out",
            str(raw),
        ],
        cwd=REPO,
        check=True,
    )
    return raw


def write_part(raw: Path, table: str, columns: dict[str, list]) -> None:
    pq.write_table(pa.table(columns), raw / table / "part-corrupt.parquet")


def test_unparseable_values_are_quarantined(small_world: Path, tmp_path: Path) -> None:
    # an NPS export whose score column arrived as text, one value not a number
    write_part(
        small_world,
        "survey/nps_responses",
        {
            "response_id": ["corrupt-1", "corrupt-2"],
            "account_id": ["ACC-000001", "ACC-000001"],
            "email": ["a@example.com", "b@example.com"],
            "score": ["ten", "8"],
            "comment": [None, None],
            "responded_at": pa.array([None, None], pa.timestamp("us")),
            "_fivetran_synced": pa.array([None, None], pa.timestamp("us")),
        },
    )
    # events whose timestamp arrived as unparseable text
    write_part(
        small_world,
        "product/tracks",
        {
            "id": ["corrupt-t1"],
            "user_id": ["U-1"],
            "anonymous_id": ["x"],
            "event": ["session_started"],
            "event_text": ["Session Started"],
            "context_group_id": ["ACC-000001"],
            "timestamp": ["yesterday-ish"],
            "sent_at": pa.array([None], pa.timestamp("us")),
            "received_at": pa.array([None], pa.timestamp("us")),
            "uuid_ts": pa.array([None], pa.timestamp("us")),
        },
    )
    warehouse = tmp_path / "corrupt.duckdb"
    result = run_dbt(["build"], small_world, warehouse, tmp_path)
    assert result.returncode == 0, result.stdout[-5000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reasons = dict(
            con.sql(
                "select record_id, reason from quarantine.quarantined_records "
                "where record_id like 'corrupt%'"
            ).fetchall()
        )
    # 'ten' does not parse: out of range; '8' parses but the response has no time
    assert reasons == {
        "corrupt-1": "out_of_range_score",
        "corrupt-2": "null_timestamp",
        "corrupt-t1": "null_timestamp",
    }


def test_a_file_that_is_not_parquet_fails_clearly(small_world: Path, tmp_path: Path) -> None:
    broken = small_world / "support" / "tickets" / "part-truncated.parquet"
    broken.write_bytes(b"PAR1 this export was cut off")
    try:
        result = run_dbt(
            ["run", "--select", "base_support__tickets"],
            small_world,
            tmp_path / "broken.duckdb",
            tmp_path,
        )
    finally:
        broken.unlink()
    assert result.returncode != 0
    # the error names the file so the user knows what to fix
    assert "part-truncated.parquet" in result.stdout
