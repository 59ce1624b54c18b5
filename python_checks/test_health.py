"""The weekly health score on the demo world: every tier used, tiers that move, and scores that are
visibly lower for the accounts the simulator makes unhealthy (those about to churn)."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from python_checks.conftest import RAW_DIR

TIERS = {"thriving", "healthy", "neutral", "at-risk", "critical"}


def test_every_tier_is_populated(warehouse: duckdb.DuckDBPyConnection) -> None:
    tiers = {
        t
        for (t,) in warehouse.sql(
            "select distinct tier from marts.fct_account_health_weekly"
        ).fetchall()
    }
    assert tiers == TIERS


def test_tiers_move_week_to_week(warehouse: duckdb.DuckDBPyConnection) -> None:
    moving_accounts, accounts = warehouse.sql(
        "select count(distinct case when is_tier_changed then account_id end), count(distinct account_id) "
        "from marts.fct_account_health_weekly"
    ).fetchone()
    assert 0.05 * accounts < moving_accounts < accounts


def test_every_week_is_scored_with_a_versioned_scorecard(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    unscored, versions = warehouse.sql(
        "select count(*) filter (where health_score is null), count(distinct scorecard_version) "
        "from marts.fct_account_health_weekly"
    ).fetchone()
    assert versions == 1
    assert unscored == 0


@pytest.fixture(scope="module")
def churn_labels(warehouse: duckdb.DuckDBPyConnection, manifest: dict[str, Any]) -> Any:
    """Scored weeks whose next 90 days are observed, labelled with the simulator's true churn."""
    truth = RAW_DIR / "_truth" / "accounts.parquet"
    return warehouse.sql(
        f"""
        with truth as (
            select upper(trim(account_id)) as account_id, churn_date
            from read_parquet('{truth}')
        ),
        as_of as (select max(week_end_date) as as_of_date from marts.fct_account_health_weekly)
        select
            health.health_score,
            truth.churn_date is not null
            and truth.churn_date > health.week_end_date
            and truth.churn_date <= health.week_end_date + interval 90 day as churns_within_90d
        from marts.fct_account_health_weekly as health
        inner join truth on health.account_id = truth.account_id
        cross join as_of
        where health.week_end_date <= as_of.as_of_date - interval 90 day
          and (truth.churn_date is null or truth.churn_date > health.week_end_date)
        """
    ).df()


def test_accounts_about_to_churn_score_well_below_retained_ones(churn_labels: Any) -> None:
    means = churn_labels.groupby("churns_within_90d")["health_score"].mean()
    assert churn_labels["churns_within_90d"].sum() >= 30, "too few churn weeks to compare"
    assert means[True] <= means[False] - 10, means.to_dict()


def test_low_tiers_hold_more_future_churn(
    warehouse: duckdb.DuckDBPyConnection, churn_labels: Any
) -> None:
    red = churn_labels[churn_labels["health_score"] < 50]["churns_within_90d"].mean()
    green = churn_labels[churn_labels["health_score"] >= 70]["churns_within_90d"].mean()
    assert red >= 3 * green, (red, green)


def test_flat_export_known_answer(warehouse: duckdb.DuckDBPyConnection) -> None:
    """The example export (examples/flat_export.csv, NPS on its -10..10 scale) as the build scores it: the
    known answer's order and colours, each score within 8 points of ACME 92, Gamma 74, Beta 31, Delta 12."""
    rows = warehouse.sql(
        "select account_id, colour, health_score from marts.fct_flat_export_health "
        "order by health_score desc"
    ).fetchall()
    assert [(a, c) for a, c, _ in rows] == [
        ("ACME-Corp", "green"), ("Gamma-Ltd", "yellow"), ("Beta-Inc", "red"), ("Delta-Co", "red"),
    ]
    for (_, _, score), about in zip(rows, [92, 74, 31, 12], strict=True):
        assert abs(score - about) <= 8, rows


def test_tier_and_colour_recount_from_the_shown_score(warehouse: duckdb.DuckDBPyConnection) -> None:
    """A reader who recounts tier, colour and at-risk from the score shown (one decimal) and the seeds
    agrees with the mart on every week without an override: the score is rounded once, before banding."""
    tiers = warehouse.sql("select tier, min_score from seeds.health_tiers").fetchall()
    colours = warehouse.sql("select colour, min_score, is_at_risk from seeds.health_colours").fetchall()
    rows = warehouse.sql(
        "select health_score, tier, colour, is_at_risk from marts.fct_account_health_weekly "
        "where not is_override_applied and health_score is not null"
    ).fetchall()
    assert rows
    disagreements = []
    for score, tier, colour, is_at_risk in rows:
        shown = float(f"{score:.1f}")
        expected_tier = max((t for t in tiers if shown >= t[1]), key=lambda t: t[1])[0]
        expected_colour = max((c for c in colours if shown >= c[1]), key=lambda c: c[1])
        if (score != shown or tier != expected_tier or colour != expected_colour[0]
                or is_at_risk != expected_colour[2]):
            disagreements.append((score, tier, colour, is_at_risk))
    assert disagreements == []
