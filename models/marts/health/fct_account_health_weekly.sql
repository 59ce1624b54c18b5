with

scored_weeks as (
    select * from {{ ref('int_account_weeks_scored') }}
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

with_history as (
    select
        *,
        round(health_score - lag(health_score, 1) over account_weeks, 1) as health_change_1w,
        round(health_score - lag(health_score, 4) over account_weeks, 1) as health_change_4w,
        lag(tier) over account_weeks as previous_tier,
        lag(tier_rank) over account_weeks as previous_tier_rank
    from scored_weeks
    window account_weeks as (partition by account_id order by week_start_date)
),

final as (
    select
        -- keys
        with_history.account_id,
        with_history.week_start_date,
        accounts.csm_user_id,
        with_history.scorecard_id,
        -- the seeds' version, plus the learned weights' when they scored the week
        coalesce(with_history.scored_with_version, scorecard_version.scorecard_version)
            as scorecard_version,
        -- attributes
        accounts.account_name,
        with_history.segment,
        with_history.lifecycle_stage,
        with_history.tier,
        with_history.colour,
        with_history.previous_tier,
        with_history.driver_1_measure,
        with_history.driver_2_measure,
        with_history.driver_3_measure,
        -- the component costing the most points
        with_history.weakest_component,
        with_history.override_reason,
        with_history.override_author,
        -- scores
        with_history.health_score,
        with_history.computed_health_score,
        with_history.usage_score,
        with_history.engagement_score,
        with_history.support_score,
        with_history.growth_score,
        with_history.financial_score,
        with_history.usage_points_lost,
        with_history.engagement_points_lost,
        with_history.support_points_lost,
        with_history.growth_points_lost,
        with_history.financial_points_lost,
        with_history.health_change_1w,
        with_history.health_change_4w,
        with_history.driver_1_value,
        with_history.driver_1_score,
        with_history.driver_2_value,
        with_history.driver_2_score,
        with_history.driver_3_value,
        with_history.driver_3_score,
        with_history.measures_present,
        with_history.weight_present,
        with_history.tier_rank,
        -- revenue
        with_history.mrr,
        cast(with_history.mrr * 12 as decimal(18, 2)) as arr,
        -- flags
        with_history.is_at_risk,
        coalesce(with_history.tier != with_history.previous_tier, false) as is_tier_changed,
        coalesce(with_history.tier_rank > with_history.previous_tier_rank, false)
            as is_tier_worsened,
        with_history.is_override_applied,
        -- dates
        with_history.week_end_date,
        with_history.override_valid_until
    from with_history
    cross join scorecard_version
    inner join accounts
        on with_history.account_id = accounts.account_id
)

select * from final
