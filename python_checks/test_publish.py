"""Readers of the published copy and builds never wait on each other, and a reader never sees a mix of
two builds (scripts/publish.py). A small simulated world is built and published into its own files;
then a real `dbt build` of the marts and a publish run in a subprocess while a read-only connection on
the published copy keeps querying, and BI-like readers (separate processes) keep opening the path.

Each snapshot is the build's dbt invocation id (fct_data_quality) plus checksums of two marts: a reader
that opened before the build must see the first build's snapshot until it closes, a reader opening the
path sees one build whole, and after the publish a new reader sees the new build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from python_checks.conftest import REPO

DBT = str(Path(sys.executable).parent / "dbt")
SNAPSHOT_SQL = """
    select
        (select min(dbt_invocation_id) from marts.fct_data_quality) as invocation_id,
        (select count(distinct dbt_invocation_id) from marts.fct_data_quality) as invocations,
        (select md5(string_agg(cast(quality as varchar), '|' order by source_table))
            from marts.fct_data_quality as quality) as data_quality_checksum,
        (select md5(string_agg(cast(movements as varchar), '|'
                order by account_id, month_start_date))
            from marts.fct_mrr_movements as movements) as mrr_movements_checksum,
        (select count(*) from information_schema.tables where table_schema = 'marts') as marts
"""
# what a BI tool does: open the published path read-only in its own process, query, close
READER_SCRIPT = (
    "import duckdb, json, sys\n"
    "con = duckdb.connect(sys.argv[1], read_only=True)\n"
    "print(json.dumps(con.sql(sys.argv[2]).fetchone()))\n"
    "con.close()\n"
)


def snapshot(con: duckdb.DuckDBPyConnection) -> tuple:
    return tuple(con.sql(SNAPSHOT_SQL).fetchone())


def snapshot_in_new_process(path: Path) -> tuple:
    result = subprocess.run(
        [sys.executable, "-c", READER_SCRIPT, str(path), SNAPSHOT_SQL],
        capture_output=True, text=True, check=True,
    )
    return tuple(json.loads(result.stdout))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A 40-account world built (seeds and models) and published into its own files; the env that targets it."""
    tmp = tmp_path_factory.mktemp("publish_world")
    subprocess.run(
        [sys.executable, "-m", "healthsim", "--quiet", "--accounts", "40", "--months", "12",
         "--seed", "23", "--out", str(tmp / "raw")],
        cwd=REPO, check=True,
    )
    env = {
        **os.environ,
        "HEALTH_RAW_DIR": str(tmp / "raw"),
        "HEALTH_WAREHOUSE_PATH": str(tmp / "warehouse" / "customer_health.duckdb"),
        "HEALTH_PUBLISHED_PATH": str(tmp / "warehouse" / "published" / "customer_health.duckdb"),
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
    }
    (tmp / "warehouse").mkdir()
    built = subprocess.run(
        [DBT, "build", "--resource-type", "seed", "--resource-type", "model"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:]
    published = subprocess.run(
        [sys.executable, "scripts/publish.py"], cwd=REPO, env=env, capture_output=True, text=True,
        check=False,
    )
    assert published.returncode == 0, published.stdout + published.stderr
    return env


def build_and_publish(env: dict[str, str], results: dict[str, subprocess.CompletedProcess]) -> None:
    """The demo's last two steps on the marts: a real dbt build (models and their tests), then publish."""
    results["build"] = subprocess.run(
        [DBT, "build", "--select", "fct_data_quality", "fct_mrr_movements", "fct_revenue_retention",
         "dim_accounts"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    if results["build"].returncode == 0:
        results["publish"] = subprocess.run(
            [sys.executable, "scripts/publish.py"], cwd=REPO, env=env, capture_output=True,
            text=True, check=False,
        )


def test_a_reader_and_a_build_run_together_and_the_reader_sees_one_build(
    world: dict[str, str],
) -> None:
    published = Path(world["HEALTH_PUBLISHED_PATH"])
    reader = duckdb.connect(str(published), read_only=True)
    first = snapshot(reader)
    assert first[1] == 1 and first[4] >= 15, first
    views = reader.sql(
        "select count(*) from information_schema.tables where table_type = 'VIEW'"
    ).fetchone()[0]
    assert views == 0

    results: dict[str, subprocess.CompletedProcess] = {}
    build = threading.Thread(target=build_and_publish, args=(world, results))
    started = time.monotonic()
    build.start()
    held, opened, slowest = [], [], 0.0
    while build.is_alive():
        asked = time.monotonic()
        held.append(snapshot(reader))
        slowest = max(slowest, time.monotonic() - asked)
        opened.append(snapshot_in_new_process(published))
        time.sleep(0.1)
    build.join()
    took = time.monotonic() - started

    assert results["build"].returncode == 0, results["build"].stdout[-3000:]
    assert results["publish"].returncode == 0, results["publish"].stderr
    # the reader answered all along, quickly, and always from the build it opened
    assert len(held) >= 5, f"only {len(held)} reads during a {took:.0f} s build"
    assert slowest < 2, f"a read waited {slowest:.1f} s"
    assert set(held) == {first}
    assert snapshot(reader) == first
    reader.close()
    # a new reader sees the new build, whole; every reader that opened meanwhile saw one build
    second = snapshot_in_new_process(published)
    assert second[0] != first[0] and second[1] == 1
    assert second[2] != first[2] and second[3:] == first[3:]
    assert set(opened) <= {first, second}


def test_a_reader_on_the_build_warehouse_itself_would_block_the_build(world: dict[str, str]) -> None:
    """Why the copy exists: DuckDB allows one writer or many readers, so a BI tool holding the build
    warehouse open stops the build (the test above would fail without the published copy)."""
    reader = duckdb.connect(world["HEALTH_WAREHOUSE_PATH"], read_only=True)
    try:
        blocked = subprocess.run(
            [DBT, "run", "--select", "fct_data_quality"], cwd=REPO, env=world,
            capture_output=True, text=True, check=False,
        )
    finally:
        reader.close()
    assert blocked.returncode != 0
    assert "lock" in blocked.stdout.lower()
