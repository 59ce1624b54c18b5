with

health_scores as (
    select * from {{ ref('int_flat_export_health_scores') }}
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

final as (
    select
        -- keys
        flat_export.account_id,
        scorecard_version.scorecard_version,
        -- attributes
        score_bands.tier,
        score_bands.colour,
        score_bands.is_at_risk,
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
        cast(flat_export.mrr as decimal(18, 2)) as mrr,
        cast(flat_export.mrr * 12 as decimal(18, 2)) as arr
    from flat_export
    cross join scorecard_version
    left join health_scores
        on flat_export.account_id = health_scores.account_id
    left join score_bands
        on health_scores.health_score = score_bands.score
)

select * from final
