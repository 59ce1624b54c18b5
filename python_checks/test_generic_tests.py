"""Our generic tests must fail on bad cases: each runs at warn severity on fixture columns with known
bad rows, and must report exactly that many failures (the same tests pass on the good columns)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from python_checks.conftest import REPO

EXPECTED_FAILURES = {
    "self_check_unique_combination_fails": 1,  # (a, 1) twice
    "self_check_accepted_range_fails": 2,  # -1 and 101
    "self_check_expression_is_true_fails": 1,  # low 2 > high_bad 1
    "self_check_relationships_where_fails": 1,  # 'zz' has no parent
}


def test_generic_tests_fail_on_bad_cases(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HEALTH_WAREHOUSE_PATH": str(tmp_path / "fixtures.duckdb"),
        "DBT_PROFILES_DIR": str(REPO),
    }
    dbt = str(REPO / ".venv" / "bin" / "dbt")
    target = tmp_path / "target"
    common = ["--target-path", str(target), "--log-path", str(tmp_path / "logs")]
    seed = subprocess.run(
        [dbt, "seed", "--select", "generic_test_fixtures", *common],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert seed.returncode == 0, seed.stdout[-3000:]
    run = subprocess.run(
        [dbt, "test", "--select", "generic_test_fixtures", *common],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    # tests only: the run's on-run-start hook (register_file_sources) is in the results too
    by_name = {r["unique_id"].split(".")[2]: r for r in results if r["unique_id"].startswith("test.")}
    for name, failures in EXPECTED_FAILURES.items():
        assert by_name[name]["status"] == "warn", name
        assert by_name[name]["failures"] == failures, name
    passing = [r for n, r in by_name.items() if n not in EXPECTED_FAILURES]
    assert len(passing) == 4
    assert all(r["status"] == "pass" for r in passing)
