"""The churn probability on the real build: its fit is deterministic (a rebuild of the fit model gives
the same coefficients and version), it learns only from outcomes known before the cutoff, and its
held-out AUC is reported beside the health score's on the same weeks, with calibration error under
the target."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from python_checks.conftest import REPO, WAREHOUSE

DBT = str(REPO / ".venv" / "bin" / "dbt")
AUC_FLOOR = 0.75
CALIBRATION_TARGET = 0.05
COEFFICIENTS_SQL = """
    select model_version, feature_id, is_intercept, coefficient, training_mean, training_sd,
        n_training_weeks, n_training_churn_weeks, n_training_churn_events
    from intermediate.int_churn_model_coefficients
    order by feature_id
"""


def test_fit_is_deterministic(warehouse: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Rebuilding int_churn_model_coefficients (on a copy of the warehouse, so the demo warehouse is
    untouched) gives exactly the same rows: coefficients, training statistics and version."""
    built = warehouse.sql(COEFFICIENTS_SQL).fetchall()
    assert built, "no churn model coefficients in the warehouse"
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(WAREHOUSE, copy)
    env = {**os.environ, "HEALTH_WAREHOUSE_PATH": str(copy), "DBT_PROFILES_DIR": str(REPO)}
    result = subprocess.run(
        [DBT, "run", "-s", "int_churn_model_coefficients",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(copy), read_only=True) as rebuilt:
        refit = rebuilt.sql(COEFFICIENTS_SQL).fetchall()
    assert refit == built


def test_fit_reads_only_outcomes_known_before_the_cutoff(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """Every training row is a week whose 90-day outcome was known before the cutoff and that ends
    before its churn's notice; the coefficients count exactly those weeks."""
    leaked, weeks = warehouse.sql(
        """
        with training as (
            select distinct account_id, week_start_date
            from intermediate.int_churn_model_training_rows
        )
        select
            count(*) filter (
                where weeks.account_id is null
                or not weeks.is_known_before_cutoff
                or weeks.is_after_notice
                or weeks.is_held_out
            ),
            count(*)
        from training
        left join intermediate.int_validation_weeks as weeks
            on
                training.account_id = weeks.account_id
                and training.week_start_date = weeks.week_start_date
                and weeks.weight_set = 'configured'
        """
    ).fetchone()
    assert leaked == 0
    fitted_on = warehouse.sql(
        "select distinct n_training_weeks from intermediate.int_churn_model_coefficients"
    ).fetchall()
    assert fitted_on == [(weeks,)]


def held_out_metric(con: duckdb.DuckDBPyConnection, weight_set: str, metric: str) -> tuple:
    row = con.sql(
        f"""
        select metric_value, interval_lower, interval_upper, n_churn_events, verdict
        from marts.fct_validation_verdicts
        where evaluation_period = 'held_out' and segment = 'All'
            and weight_set = '{weight_set}' and metric = '{metric}'
        """
    ).fetchone()
    assert row is not None, f"no held-out {metric} for {weight_set}"
    return row


@pytest.mark.parametrize("scorer", ["configured", "churn_probability"])
def test_held_out_auc_is_reported_beside_the_score(
    warehouse: duckdb.DuckDBPyConnection, scorer: str
) -> None:
    """The verdict mart holds a held-out AUC with a bootstrap interval for the score and for the
    probability, judged on the same churns."""
    auc, lower, upper, n_churn_events, verdict = held_out_metric(warehouse, scorer, "auc")
    score_events = held_out_metric(warehouse, "configured", "auc")[3]
    assert n_churn_events == score_events
    assert lower <= auc <= upper
    assert auc >= AUC_FLOOR, (scorer, auc)
    assert verdict in ("pass", "too_few_churn_events")


def test_probability_is_judged_on_the_score_weeks(warehouse: duckdb.DuckDBPyConnection) -> None:
    rows = warehouse.sql(
        """
        select probability.evaluation_period, probability.n_weeks, score.n_weeks,
            probability.n_churn_weeks, score.n_churn_weeks
        from marts.fct_churn_probability_validation as probability
        inner join marts.fct_health_model_validation as score
            on
                probability.evaluation_period = score.evaluation_period
                and probability.segment = score.segment
                and score.weight_set = 'configured'
        """
    ).fetchall()
    assert rows
    for period, n_weeks, score_weeks, n_churn, score_churn in rows:
        assert (n_weeks, n_churn) == (score_weeks, score_churn), period


def test_probability_is_calibrated_on_held_out_weeks(warehouse: duckdb.DuckDBPyConnection) -> None:
    error, _, _, _, _ = held_out_metric(warehouse, "churn_probability", "calibration_error")
    brier, baseline_brier = warehouse.sql(
        """
        select brier_score, baseline_brier_score
        from marts.fct_validation_verdicts
        where evaluation_period = 'held_out' and segment = 'All'
            and weight_set = 'churn_probability' and metric = 'calibration_error'
        """
    ).fetchone()
    assert error < CALIBRATION_TARGET
    assert brier < baseline_brier
