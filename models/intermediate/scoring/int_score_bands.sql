{#- One row per tier and per colour: the score range it covers, [min_score, next band's min_score),
    the top band open-ended. The lookup both health marts use to name a score. -#}
with

tiers as (
    select * from {{ ref('health_tiers') }}
),

colours as (
    select * from {{ ref('health_colours') }}
),

bands as (
    select
        'tier' as band_type,
        tier as band_name,
        tier_rank as band_rank,
        min_score
    from tiers
    union all
    select
        'colour' as band_type,
        colour as band_name,
        cast(null as integer) as band_rank,
        min_score
    from colours
),

final as (
    select
        *,
        lead(min_score) over (partition by band_type order by min_score) as next_min_score
    from bands
)

select * from final
