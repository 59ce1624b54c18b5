"""The weekly health score on the demo world: every tier used, tiers that move, and scores that are
visibly lower for the accounts the simulator makes unhealthy (those about to churn)."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest
import yaml

from python_checks.conftest import RAW_DIR, REPO

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


def csm_weekly_capacity() -> int:
    """The var csm_weekly_capacity from dbt_project.yml (the build's default)."""
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    return int(project["vars"]["csm_weekly_capacity"])


def test_open_alerts_touch_at_most_a_quarter_of_live_accounts(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """Noisy rules off and one open alert per condition family: alerts worth reading."""
    live, alerted, open_on_churned = warehouse.sql(
        "with live as (select account_id from marts.fct_account_health_weekly "
        "    where week_start_date = (select max(week_start_date) from marts.fct_account_health_weekly)), "
        "open_alerts as (select account_id from marts.fct_health_alerts where is_open) "
        "select (select count(*) from live), "
        "(select count(distinct account_id) from open_alerts where account_id in (select * from live)), "
        "(select count(*) from open_alerts where account_id not in (select * from live))"
    ).fetchone()
    assert live > 0
    assert 0 < alerted <= 0.25 * live, (alerted, live)
    assert open_on_churned == 0


def test_one_open_alert_per_condition_family(warehouse: duckdb.DuckDBPyConnection) -> None:
    doubled = warehouse.sql(
        "select account_id, rule_family from marts.fct_health_alerts where is_open "
        "group by all having count(*) > 1"
    ).fetchall()
    assert doubled == []
    superseded = warehouse.sql(
        "select count(*) from marts.fct_health_alerts where superseded_by_rule_id is not null"
    ).fetchone()[0]
    assert superseded > 0, "no stronger rule ever superseded a weaker one on the demo"


def test_no_csm_list_is_longer_than_capacity_and_the_backlog_stays(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    capacity = csm_weekly_capacity()
    longest, backlog = warehouse.sql(
        "select (select max(n) from (select count(*) as n from marts.fct_csm_action_items "
        "    group by csm_user_id)), "
        "(select count(*) from marts.fct_csm_work_queue where not is_on_list)"
    ).fetchone()
    assert longest <= capacity
    assert backlog > 0
    listed, queued_on_list = warehouse.sql(
        "select (select count(*) from marts.fct_csm_action_items), "
        "(select count(*) from marts.fct_csm_work_queue where is_on_list)"
    ).fetchone()
    assert listed == queued_on_list


def test_every_item_names_an_owner_and_says_why_in_words(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    unowned, no_why, coded_why = warehouse.sql(
        "select count(*) filter (where owner_user_id is null or owner_name is null), "
        "count(*) filter (where coalesce(why, '') = ''), "
        "count(*) filter (where why = 'open alerts' or why like '%\\_%' escape '\\') "
        "from marts.fct_csm_work_queue"
    ).fetchone()
    assert (unowned, no_why, coded_why) == (0, 0, 0)


def test_overdue_items_carry_days_overdue(warehouse: duckdb.DuckDBPyConnection) -> None:
    overdue, without_days, days_when_not_overdue = warehouse.sql(
        "select count(*) filter (where is_overdue), "
        "count(*) filter (where is_overdue and not days_overdue >= 0), "
        "count(*) filter (where not is_overdue and days_overdue is not null) "
        "from marts.fct_csm_work_queue"
    ).fetchone()
    assert overdue > 0
    assert (without_days, days_when_not_overdue) == (0, 0)
