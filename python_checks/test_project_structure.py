"""The DAG keeps its shape: dependencies run one way (staging -> intermediate -> marts), the weekly health
score does not wait for validation unless learned weights are asked for, a flat export is scored from the
export alone, and dbt_project.yml configures folders that exist. Read from dbt's manifest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.dag_stats import load_manifest, model_path, parents, upstream

REPO = Path(__file__).resolve().parent.parent
HEALTH_MART = "model.customer_health.fct_account_health_weekly"
FLAT_EXPORT_MART = "model.customer_health.fct_flat_export_health"


def parse(target_path: Path, extra_args: list[str]) -> tuple[dict[str, Any], str]:
    """Parse the project into its own target folder; the manifest and what dbt printed."""
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(dbt), "parse", "--no-partial-parse", "--target-path", str(target_path), *extra_args],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return load_manifest(target_path / "manifest.json"), result.stdout + result.stderr


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    return parse(tmp_path_factory.mktemp("configured"), [])


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    return parse(tmp_path_factory.mktemp("learned"), ["--vars", "{health_weights: learned}"])


def layer_of(manifest: dict[str, Any], node_id: str) -> str:
    if not node_id.startswith("model."):
        return node_id.split(".")[0]
    return model_path(manifest, node_id).split("/")[1]


def folder_upstream(manifest: dict[str, Any], node_id: str, folder: str) -> set[str]:
    graph = parents(manifest)
    return {
        n for n in upstream(graph, node_id)
        if n.startswith("model.") and f"/{folder}/" in model_path(manifest, n)
    }


def test_no_intermediate_model_reads_a_mart(configured: tuple[dict[str, Any], str]) -> None:
    manifest, _ = configured
    offenders = [
        (model_path(manifest, node_id), parent)
        for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and layer_of(manifest, node_id) == "intermediate"
        for parent in node["depends_on"]["nodes"]
        if parent.startswith("model.") and layer_of(manifest, parent) == "marts"
    ]
    assert offenders == []


def test_configured_health_score_does_not_depend_on_validation(
    configured: tuple[dict[str, Any], str],
) -> None:
    manifest, _ = configured
    assert folder_upstream(manifest, HEALTH_MART, "validation") == set()
    assert "model.customer_health.fct_mrr_movements" not in upstream(parents(manifest), HEALTH_MART)


def test_learned_weights_are_the_only_way_validation_reaches_the_score(
    learned: tuple[dict[str, Any], str],
) -> None:
    """The same check with health_weights: learned finds the learned-weights chain: the check can fail."""
    manifest, _ = learned
    reached = folder_upstream(manifest, HEALTH_MART, "validation")
    assert "model.customer_health.int_learned_scorecard_weights" in reached


def test_flat_export_is_scored_without_the_warehouse(configured: tuple[dict[str, Any], str]) -> None:
    manifest, _ = configured
    above = upstream(parents(manifest), FLAT_EXPORT_MART)
    sources = {n for n in above if n.startswith("source.")}
    assert sources == {"source.customer_health.flat_export.accounts"}
    assert all(
        "/staging/flat_export/" in model_path(manifest, n) or "/intermediate/" in model_path(manifest, n)
        for n in above if n.startswith("model.")
    )


def test_base_models_are_tables_and_every_config_path_applies(
    configured: tuple[dict[str, Any], str],
) -> None:
    manifest, printed = configured
    base = {
        model_path(manifest, n): node["config"]["materialized"]
        for n, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and "/base/" in node["original_file_path"]
    }
    assert len(base) == 18
    # the product events' base model is incremental (a stored table, too); every other is a table
    incremental = {path for path, kind in base.items() if kind == "incremental"}
    assert {path.rsplit("/", 1)[-1] for path in incremental} == {"base_product__tracks.sql"}, base
    assert {kind for path, kind in base.items() if path not in incremental} == {"table"}, base
    assert "do not apply to any resources" not in printed


def test_flat_export_scores_with_no_raw_data(tmp_path: Path) -> None:
    """The README's flat-export command, run with an empty raw directory and a new warehouse file:
    green, and every account of the example export scored."""
    import duckdb

    dbt = Path(sys.executable).parent / "dbt"
    warehouse = tmp_path / "flat_only.duckdb"
    (tmp_path / "raw").mkdir()
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(REPO),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "HEALTH_RAW_DIR": str(tmp_path / "raw"),
        "HEALTH_WAREHOUSE_PATH": str(warehouse),
        "HEALTH_FLAT_EXPORT_PATH": str(REPO / "examples" / "flat_export.csv"),
    }
    result = subprocess.run(
        [str(dbt), "build", "--select", "+fct_flat_export_health", "--indirect-selection", "cautious",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    scored, accounts = con.sql(
        "select count(health_score), count(*) from marts.fct_flat_export_health"
    ).fetchone()
    con.close()
    assert scored == accounts == 4


# what the weekly run (selectors.yml `weekly`, `make weekly`) leaves to the full build
BACKTEST_MODELS = {
    "fct_alert_rule_performance", "fct_churn_probability_validation", "fct_churn_rate_by_score_decile",
    "fct_health_model_validation", "fct_measure_drift", "fct_score_band_calibration",
    "fct_signal_combinations", "fct_signal_correlations", "fct_validation_verdicts",
    "int_churn_model_coefficients", "int_churn_model_training_rows", "int_learned_scorecard_weights",
    "int_score_band_predictions", "int_scorecard_weight_sets", "int_signal_performance",
    "int_signal_values", "int_signal_weights", "int_validation_period_weeks", "int_validation_scores",
    "int_validation_weeks",
}


BUILT_KINDS = ("model", "seed", "snapshot", "test", "unit_test")


def listed(*args: str) -> set[str]:
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(dbt), "ls", "--quiet", "--output", "json", "--output-keys", "unique_id", *args],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line.split('"')[3] for line in result.stdout.splitlines() if line.startswith("{")}


def test_the_weekly_run_leaves_out_only_the_backtest_and_unit_tests(
    configured: tuple[dict[str, Any], str],
) -> None:
    manifest, _ = configured
    weekly = listed("--selector", "weekly")
    everything = listed("--exclude", "tag:generic_test_self_check")
    left_out = {node for node in everything - weekly if node.split(".")[0] in BUILT_KINDS}
    models_left_out = {node.split(".")[-1] for node in left_out if node.startswith("model.")}
    assert models_left_out == BACKTEST_MODELS
    backtest_ids = {f"model.customer_health.{name}" for name in BACKTEST_MODELS}
    for node in left_out - backtest_ids:
        kind = node.split(".")[0]
        # a data test is left out only with a backtest model it tests
        assert kind == "unit_test" or (
            kind == "test" and set(manifest["nodes"][node]["depends_on"]["nodes"]) & backtest_ids
        ), node
    assert not any(node.startswith("unit_test.") for node in weekly)
    # the score and the revenue marts read no backtest table; the weekly run reads two from the last full
    # build: which alert rules are on (by their lift) and the fitted churn model (its coefficients)
    graph = parents(manifest)
    for mart in (HEALTH_MART, "model.customer_health.fct_mrr_movements"):
        assert mart in weekly and not upstream(graph, mart) & backtest_ids, mart
    read = {
        parent.split(".")[-1]
        for node in weekly if node.startswith("model.")
        for parent in graph[node] if parent in backtest_ids
    }
    assert read == {"fct_alert_rule_performance", "int_churn_model_coefficients"}
