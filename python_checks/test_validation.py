"""Proof that the health score predicts churn, on the real build: the configured score ranks
held-out churn well (AUC, top-decile lift), the learned weights do at least as well on the same
held-out quarters, and the validation marts agree with a recount from their own inputs."""

from __future__ import annotations

import duckdb
import pytest

AUC_FLOOR = 0.75
LIFT_FLOOR = 3.0
# the learned set may trail the configured one by this much AUC on the held-out quarters
LEARNED_AUC_TOLERANCE = 0.02


def held_out(con: duckdb.DuckDBPyConnection, weight_set: str) -> dict[str, float]:
    row = con.sql(
        f"""
        select auc, top_decile_lift, at_risk_precision, at_risk_recall, surprise_churn_rate,
            calibration_error, n_weeks, n_churn_weeks
        from marts.fct_health_model_validation
        where evaluation_period = 'held_out' and segment = 'All' and weight_set = '{weight_set}'
        """
    ).fetchone()
    assert row is not None, f"no held-out row for the {weight_set} weights"
    keys = ["auc", "lift", "precision", "recall", "surprise", "calibration", "n", "n_churn"]
    return dict(zip(keys, row, strict=True))


def test_held_out_quarters_have_churn_to_predict(warehouse: duckdb.DuckDBPyConnection) -> None:
    metrics = held_out(warehouse, "configured")
    assert metrics["n"] >= 1000
    assert metrics["n_churn"] >= 50, metrics


def test_configured_score_predicts_held_out_churn(warehouse: duckdb.DuckDBPyConnection) -> None:
    metrics = held_out(warehouse, "configured")
    assert metrics["auc"] >= AUC_FLOOR, metrics
    assert metrics["lift"] >= LIFT_FLOOR, metrics


def test_learned_weights_do_at_least_as_well(warehouse: duckdb.DuckDBPyConnection) -> None:
    configured = held_out(warehouse, "configured")
    learned = held_out(warehouse, "learned")
    assert learned["n"] == configured["n"], "both sets must be judged on the same weeks"
    assert learned["auc"] >= configured["auc"] - LEARNED_AUC_TOLERANCE, (configured, learned)
    assert learned["lift"] >= LIFT_FLOOR, learned


def test_auc_matches_a_pairwise_recount(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The mart's rank-based AUC equals the share of (churn, retained) week pairs ordered right."""
    pairs = warehouse.sql(
        """
        with weeks as (
            select health_score, churns_within_90d
            from intermediate.int_validation_weeks
            where weight_set = 'configured' and is_held_out
        ),
        churned as (select health_score from weeks where churns_within_90d),
        retained as (select health_score from weeks where not churns_within_90d)
        select avg(
            case
                when churned.health_score < retained.health_score then 1.0
                when churned.health_score = retained.health_score then 0.5
                else 0.0
            end
        )
        from churned cross join retained
        """
    ).fetchone()[0]
    assert held_out(warehouse, "configured")["auc"] == pytest.approx(pairs, abs=1e-9)


def test_scores_fall_decile_by_decile(warehouse: duckdb.DuckDBPyConnection) -> None:
    rates = [
        rate
        for (rate,) in warehouse.sql(
            """
            select churn_rate from marts.fct_churn_rate_by_score_decile
            where evaluation_period = 'held_out' and weight_set = 'configured'
            order by score_decile
            """
        ).fetchall()
    ]
    assert len(rates) == 10
    assert rates[0] == max(rates)
    assert sum(rates[:3]) > 3 * sum(rates[-3:]), rates


def test_weekly_mart_uses_the_weights_in_force(warehouse: duckdb.DuckDBPyConnection) -> None:
    """With the default var (configured weights) the weekly mart's computed score is the configured
    validation score: both are rounded to 0.1 by the same macro, so they differ at most by one rounding
    step where float noise in a sum lands on a .x5 edge."""
    weeks, exact, far, versions = warehouse.sql(
        """
        select
            count(*),
            count(*) filter (where health.computed_health_score = scores.health_score),
            count(*) filter (where abs(health.computed_health_score - scores.health_score) > 0.1 + 1e-9),
            count(distinct health.scorecard_version)
        from marts.fct_account_health_weekly as health
        inner join intermediate.int_validation_scores as scores
            on health.account_id = scores.account_id
            and health.week_start_date = scores.week_start_date
        where scores.weight_set = 'configured'
        """
    ).fetchone()
    assert weeks > 1000
    assert far == 0
    assert exact >= 0.999 * weeks
    assert versions == 1


def test_leading_indicators_are_reported_for_every_signal(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    lags, top_auc, weight_total = warehouse.sql(
        """
        select
            count(distinct lag_days),
            max(auc) filter (where signal_type = 'measure'),
            sum(recommended_weight) filter (where lag_days = 0)
        from marts.fct_signal_correlations
        where segment = 'All'
        """
    ).fetchone()
    assert lags == 5
    assert top_auc >= 0.7
    assert weight_total == pytest.approx(1.0)


def test_verdicts_judge_every_target_on_the_pooled_held_out_row(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """Every target of seed validation_targets has a verdict for each weight set's pooled held-out row,
    AUC and lift with a bootstrap interval around the value, and the verdicts agree with the values."""
    targets = dict(
        warehouse.sql("select metric, comparison from seeds.validation_targets").fetchall()
    )
    assert set(targets) == {
        "auc",
        "top_decile_lift",
        "calibration_error",
        "surprise_churn_rate",
        "false_positive_rate",
    }
    rows = warehouse.sql(
        """
        select weight_set, metric, comparison, metric_value, interval_lower, interval_upper,
            target, verdict, passes, is_too_few_churn_events, is_in_sample
        from marts.fct_validation_verdicts
        where evaluation_period = 'held_out' and segment = 'All' and target is not null
        """
    ).fetchall()
    keys = ["weight_set", "metric", "comparison", "value", "lower", "upper", "target", "verdict"]
    keys += ["passes", "is_too_few", "is_in_sample"]
    for weight_set in ("configured", "learned"):
        judged = [dict(zip(keys, row, strict=True)) for row in rows if row[0] == weight_set]
        assert {row["metric"] for row in judged} == set(targets), weight_set
        for row in judged:
            assert row["comparison"] == targets[row["metric"]]
            assert not row["is_in_sample"]
            if row["is_too_few"]:
                assert row["passes"] is None and row["verdict"] == "too_few_churn_events"
                continue
            if row["comparison"] == "greater_than":
                expected = row["value"] > row["target"]
            else:
                expected = row["value"] < row["target"]
            assert row["passes"] is expected, row
            assert row["verdict"] == ("pass" if expected else "fail")
            if row["metric"] in ("auc", "top_decile_lift"):
                assert row["lower"] <= row["value"] <= row["upper"], row
            else:
                assert row["lower"] is None and row["upper"] is None


def test_too_few_churn_events_withhold_the_verdict(warehouse: duckdb.DuckDBPyConnection) -> None:
    """A row with fewer than 20 fully observed churns shows its values but never a verdict, and the
    flag follows the churn count of fct_health_model_validation; in-sample rows never pass or fail."""
    mismatched, judged_few, judged_in_sample, few_rows = warehouse.sql(
        """
        select
            count(*) filter (
                where verdicts.is_too_few_churn_events != (validation.n_churn_events < 20)
            ),
            count(*) filter (where verdicts.is_too_few_churn_events and verdicts.passes is not null),
            count(*) filter (where verdicts.is_in_sample and verdicts.passes is not null),
            count(*) filter (where verdicts.is_too_few_churn_events and verdicts.target is not null)
        from marts.fct_validation_verdicts as verdicts
        inner join marts.fct_health_model_validation as validation
            on verdicts.evaluation_period = validation.evaluation_period
            and verdicts.segment = validation.segment
            and verdicts.weight_set = validation.weight_set
        """
    ).fetchone()
    assert mismatched == 0
    assert judged_few == 0
    assert judged_in_sample == 0
    # the demo's single quarters rest on 4-15 churns: the flag is exercised on real rows
    assert few_rows > 0


def test_before_notice_row_reports_beside_the_old_definition(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """The notice-aware pooled row drops exactly the held-out churn weeks after notice, keeps every
    retained week, and carries every target beside the old held_out row."""
    rows = {
        period: (n_weeks, n_churn)
        for period, n_weeks, n_churn in warehouse.sql(
            """
            select evaluation_period, n_weeks, n_churn_weeks
            from marts.fct_health_model_validation
            where evaluation_period in ('held_out', 'held_out_before_notice')
                and segment = 'All' and weight_set = 'configured'
            """
        ).fetchall()
    }
    after_notice = warehouse.sql(
        """
        select count(*) from intermediate.int_validation_weeks
        where weight_set = 'configured' and is_held_out and is_after_notice
        """
    ).fetchone()[0]
    assert after_notice > 0
    assert rows["held_out"][0] - rows["held_out_before_notice"][0] == after_notice
    assert rows["held_out"][1] - rows["held_out_before_notice"][1] == after_notice
    metrics = warehouse.sql(
        """
        select count(distinct metric) from marts.fct_validation_verdicts
        where evaluation_period = 'held_out_before_notice' and segment = 'All'
            and target is not null
        """
    ).fetchone()[0]
    assert metrics == 5
