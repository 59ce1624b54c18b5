{#- One row per account week of the weekly spine (int_account_measures_weekly): the health score
    after overrides, its tier, tier rank, colour and at-risk flag (read from int_score_bands), and the
    computed score's components, points lost and drivers. Overrides live here once, so the weekly mart
    and the monthly view of health (int_account_health_monthly) agree. -#}
with

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

health_scores as (
    select * from {{ ref('int_account_health_scores') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

tiers as (
    select * from {{ ref('health_tiers') }}
),

overrides as (
    select * from {{ ref('health_overrides') }}
),

scored_weeks as (
    select
        account_measures.account_id,
        account_measures.week_start_date,
        account_measures.week_end_date,
        account_measures.scorecard_id,
        account_measures.segment,
        account_measures.lifecycle_stage,
        account_measures.mrr,
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
        health_scores.weakest_component,
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

-- an override applies in the weeks whose end falls inside its validity window; its score is
-- rounded like a computed one
overridden as (
    select
        scored_weeks.*,
        round(overrides.override_score, 1) as override_score,
        overrides.override_tier,
        overrides.reason as override_reason,
        overrides.author as override_author,
        overrides.valid_until as override_valid_until,
        overrides.account_id is not null as is_override_applied,
        coalesce(round(overrides.override_score, 1), scored_weeks.computed_health_score)
            as health_score
    from scored_weeks
    left join overrides
        on
            scored_weeks.account_id = overrides.account_id
            and scored_weeks.week_end_date >= overrides.valid_from
            and scored_weeks.week_end_date <= overrides.valid_until
),

-- an overridden tier without a score takes the colour (and at-risk flag) of its tier's floor
final as (
    select
        overridden.*,
        coalesce(override_tiers.tier, score_tiers.tier) as tier,
        coalesce(override_tiers.tier_rank, score_tiers.tier_rank) as tier_rank,
        score_colours.colour,
        score_colours.is_at_risk
    from overridden
    left join tiers as override_tiers
        on overridden.override_tier = override_tiers.tier
    left join score_bands as score_tiers
        on overridden.health_score = score_tiers.score
    left join score_bands as score_colours
        on
            coalesce(overridden.override_score, override_tiers.min_score, overridden.health_score)
            = score_colours.score
)

select * from final
