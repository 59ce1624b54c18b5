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

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

tier_bands as (
    select * from score_bands
    where band_type = 'tier'
),

colour_bands as (
    select * from score_bands
    where band_type = 'colour'
),

final as (
    select
        -- keys
        flat_export.account_id,
        coalesce(health_scores.scorecard_version, scorecard_version.scorecard_version)
            as scorecard_version,
        -- attributes
        tier_bands.band_name as tier,
        colour_bands.band_name as colour,
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
