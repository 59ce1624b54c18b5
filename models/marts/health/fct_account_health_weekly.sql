with

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

health_scores as (
    select * from {{ ref('int_health_scores') }}
    where scored_entity = 'account_week'
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

overrides as (
    select * from {{ ref('health_overrides') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

tier_bands as (
    select * from score_bands
    where band_type = 'tier'
),

colour_bands as (
    select * from score_bands
    where band_type = 'colour'
),

scored_weeks as (
    select
        account_measures.account_id,
        account_measures.week_start_date,
        account_measures.week_end_date,
        account_measures.scorecard_id,
        account_measures.segment,
        account_measures.lifecycle_stage,
        account_measures.mrr_usd,
        health_scores.health_score as computed_health_score,
        health_scores.scorecard_version as scored_with_version,
        health_scores.usage_score,
        health_scores.engagement_score,
        health_scores.support_score,
        health_scores.growth_score,
        health_scores.financial_score,
        health_scores.usage_points_lost,
        health_scores.engagement_points_lost,
        health_scores.support_points_lost,
        health_scores.growth_points_lost,
        health_scores.financial_points_lost,
        health_scores.driver_1_measure,
        health_scores.driver_1_value,
        health_scores.driver_1_score,
        health_scores.driver_2_measure,
        health_scores.driver_2_value,
        health_scores.driver_2_score,
        health_scores.driver_3_measure,
        health_scores.driver_3_value,
        health_scores.driver_3_score,
        health_scores.measures_present,
        health_scores.weight_present
    from account_measures
    left join health_scores
        on
            account_measures.account_id = health_scores.account_id
            and account_measures.week_start_date = health_scores.week_start_date
),

-- an override applies in the weeks whose end falls inside its validity window
overridden as (
    select
        scored_weeks.*,
        overrides.override_score,
        overrides.override_tier,
        overrides.reason as override_reason,
        overrides.author as override_author,
        overrides.valid_until as override_valid_until,
        overrides.account_id is not null as is_override_applied,
        coalesce(overrides.override_score, scored_weeks.computed_health_score) as health_score
    from scored_weeks
    left join overrides
        on
            scored_weeks.account_id = overrides.account_id
            and scored_weeks.week_end_date >= overrides.valid_from
            and scored_weeks.week_end_date <= overrides.valid_until
),

tiered as (
    select
        overridden.*,
        coalesce(overridden.override_tier, tier_bands.band_name) as tier
    from overridden
    left join tier_bands
        on
            overridden.health_score >= tier_bands.min_score
            and (
                overridden.health_score < tier_bands.next_min_score
                or tier_bands.next_min_score is null
            )
),

coloured as (
    select
        tiered.*,
        tier_ranks.band_rank as tier_rank,
        colour_bands.band_name as colour
    from tiered
    left join tier_bands as tier_ranks
        on tiered.tier = tier_ranks.band_name
    -- an overridden tier without a score takes the colour of its tier's floor
    left join colour_bands
        on
            coalesce(
                tiered.override_score,
                case when tiered.override_tier is not null then tier_ranks.min_score end,
                tiered.health_score
            ) >= colour_bands.min_score
            and (
                coalesce(
                    tiered.override_score,
                    case when tiered.override_tier is not null then tier_ranks.min_score end,
                    tiered.health_score
                ) < colour_bands.next_min_score
                or colour_bands.next_min_score is null
            )
),

with_history as (
    select
        *,
        health_score - lag(health_score, 1) over account_weeks as health_change_1w,
        health_score - lag(health_score, 4) over account_weeks as health_change_4w,
        lag(tier) over account_weeks as previous_tier,
        lag(tier_rank) over account_weeks as previous_tier_rank
    from coloured
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
        case greatest(
            with_history.usage_points_lost, with_history.engagement_points_lost,
            with_history.support_points_lost, with_history.growth_points_lost,
            with_history.financial_points_lost
        )
            when with_history.usage_points_lost then 'usage'
            when with_history.engagement_points_lost then 'engagement'
            when with_history.support_points_lost then 'support'
            when with_history.growth_points_lost then 'growth'
            else 'financial'
        end as weakest_component,
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
        with_history.mrr_usd,
        with_history.mrr_usd * 12 as arr_usd,
        -- flags
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
