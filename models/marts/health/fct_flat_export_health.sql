with

health_scores as (
    select * from {{ ref('int_health_scores') }}
    where scored_entity = 'flat_export'
),

flat_export as (
    select * from {{ ref('stg_flat_export__accounts') }}
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

tiers as (
    select * from {{ ref('health_tiers') }}
),

colours as (
    select * from {{ ref('health_colours') }}
),

tier_bands as (
    select
        *,
        lead(min_score) over (order by min_score) as next_min_score
    from tiers
),

colour_bands as (
    select
        *,
        lead(min_score) over (order by min_score) as next_min_score
    from colours
),

final as (
    select
        -- keys
        flat_export.account_id,
        scorecard_version.scorecard_version,
        -- attributes
        tier_bands.tier,
        colour_bands.colour,
        health_scores.driver_1_measure,
        health_scores.driver_2_measure,
        health_scores.driver_3_measure,
        -- scores
        health_scores.health_score,
        rank() over (order by health_scores.health_score desc) as health_rank,
        health_scores.usage_score,
        health_scores.engagement_score,
        health_scores.support_score,
        health_scores.usage_points_lost,
        health_scores.engagement_points_lost,
        health_scores.support_points_lost,
        health_scores.measures_present,
        health_scores.weight_present,
        -- revenue
        flat_export.mrr,
        flat_export.mrr * 12 as arr
    from flat_export
    cross join scorecard_version
    left join health_scores
        on flat_export.account_id = health_scores.account_id
    left join tier_bands
        on
            health_scores.health_score >= tier_bands.min_score
            and (
                health_scores.health_score < tier_bands.next_min_score
                or tier_bands.next_min_score is null
            )
    left join colour_bands
        on
            health_scores.health_score >= colour_bands.min_score
            and (
                health_scores.health_score < colour_bands.next_min_score
                or colour_bands.next_min_score is null
            )
)

select * from final
