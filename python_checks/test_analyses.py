"""The analyses in analyses/ compile with `dbt compile` and their SQL runs, read-only, against the built
warehouse; the renewed-vs-churned comparison gives sensible answers on the demo world.

dbt's DuckDB adapter opens its database read-write even to compile, and this session's `warehouse`
fixture may hold a read-only connection on the warehouse, so the compile points at an empty scratch
file of the same name (the compiled SQL names the catalog by the file's name): compiling reads no data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from python_checks.conftest import REPO, WAREHOUSE

ANALYSES = sorted(path.stem for path in (REPO / "analyses").glob("*.sql"))
SCORES = {
    "health_score", "usage_score", "engagement_score", "support_score", "growth_score",
    "financial_score",
}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every analysis compiled into its own target folder; the folder of the compiled SQL."""
    tmp = tmp_path_factory.mktemp("analyses")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "HEALTH_WAREHOUSE_PATH": str(tmp / WAREHOUSE.name),
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "compile", "--select", "resource_type:analysis",
         "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return tmp / "target" / "compiled" / "customer_health" / "analyses"


def run_analysis(
    compiled: Path, warehouse: duckdb.DuckDBPyConnection, name: str
) -> list[dict[str, Any]]:
    relation = warehouse.sql((compiled / f"{name}.sql").read_text())
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_compiles_and_answers(
    compiled: Path, warehouse: duckdb.DuckDBPyConnection, name: str
) -> None:
    assert run_analysis(compiled, warehouse, name)


def test_renewed_vs_churned_compares_every_measure_and_the_churned_scored_lower(
    compiled: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    rows = {row["measure_id"]: row for row in run_analysis(
        compiled, warehouse, "renewed_vs_churned_measures"
    )}
    measures = {
        measure for (measure,) in warehouse.sql(
            "select distinct measure_id from intermediate.int_account_measure_values "
            "where raw_value is not null"
        ).fetchall()
    }
    assert set(rows) == measures | SCORES
    health = rows["health_score"]
    # both groups present, of a size the MRR movements give: churns in the 12 months to the as-of month
    churned_in_window = warehouse.sql("""
        select count(distinct account_id)
        from marts.fct_mrr_movements
        where movement_type = 'churn'
            and month_start_date > (select max(month_start_date) - interval 12 month
                                    from marts.fct_mrr_movements)
    """).fetchone()[0]
    assert health["renewed_accounts"] >= 50
    assert 10 <= health["churned_accounts"] <= churned_in_window
    assert health["churned_mean"] < health["renewed_mean"]
    assert health["churned_median"] < health["renewed_median"]
    assert health["cohens_d"] > 0.5
    for row in rows.values():
        if row["cohens_d"] is not None:
            assert (row["cohens_d"] > 0) == (row["mean_difference"] > 0), row
    # every component score separates the groups in the direction the scorecard expects
    assert all(rows[score]["is_in_expected_direction"] for score in SCORES)
