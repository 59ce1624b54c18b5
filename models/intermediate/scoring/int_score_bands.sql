{#- One row per score a row can show (0.0 to 100.0 in steps of 0.1, as scores are rounded
    once): its tier and tier rank (seed health_tiers), colour and at-risk flag (seed health_colours)
    and 10-point band (0, 10, ..., 90; 100 joins the top band). The one lookup every model uses to
    name a score: an equality join on the rounded score, so a recount always agrees. -#}
with

tiers as (
    select * from {{ ref('health_tiers') }}
),

colours as (
    select * from {{ ref('health_colours') }}
),

scores as (
    select cast(generated_number - 1 as double) / 10 as score
    from ({{ dbt.generate_series(1001) }}) as series
),

-- each score takes the band with the highest floor at or below it
tiered as (
    select
        scores.score,
        max(tiers.min_score) as tier_min_score
    from scores
    inner join tiers
        on scores.score >= tiers.min_score
    group by scores.score
),

coloured as (
    select
        scores.score,
        max(colours.min_score) as colour_min_score
    from scores
    inner join colours
        on scores.score >= colours.min_score
    group by scores.score
),

final as (
    select
        -- keys
        tiered.score,
        -- attributes
        tiers.tier,
        colours.colour,
        -- measures
        tiers.tier_rank,
        tiers.min_score as tier_min_score,
        cast(least(floor(tiered.score / 10) * 10, 90) as integer) as score_band,
        -- flags
        colours.is_at_risk
    from tiered
    inner join coloured
        on tiered.score = coloured.score
    inner join tiers
        on tiered.tier_min_score = tiers.min_score
    inner join colours
        on coloured.colour_min_score = colours.min_score
)

select * from final
