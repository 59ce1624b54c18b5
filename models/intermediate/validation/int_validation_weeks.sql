{#- One row per weight set per mature, scored account week before churn: the health score under the
    weight set, its 10-point score band, the churn label and the evaluation quarter, with whether
    the quarter is held out (starts on or after var learned_weights_cutoff_date), whether the score
    is at risk (its colour, seed health_colours) and whether the
    week's outcome was known before the cutoff. The population every validation mart evaluates. -#}
{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}

with

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
    where is_mature
),

scores as (
    select * from {{ ref('int_validation_scores') }}
),

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

final as (
    select
        -- keys
        scores.weight_set,
        outcomes.account_id,
        outcomes.week_start_date,
        -- attributes
        outcomes.segment,
        outcomes.lifecycle_stage,
        score_bands.score_band,
        -- measures
        scores.health_score,
        -- outcomes
        outcomes.churns_within_90d,
        -- flags
        score_bands.is_at_risk,
        {{ dbt.date_trunc('quarter', 'outcomes.week_start_date') }}
        >= cast('{{ cutoff }}' as date) as is_held_out,
        outcomes.outcome_window_end_date < cast('{{ cutoff }}' as date) as is_known_before_cutoff,
        -- every week in the 90 days before the churn is mature: the churn is fully observed
        coalesce(
            {{ dbt.dateadd('day', 89, 'outcomes.churn_date') }} <= as_of.as_of_date, false
        ) as is_churn_fully_observed,
        -- dates
        cast({{ dbt.date_trunc('quarter', 'outcomes.week_start_date') }} as date)
            as evaluation_quarter_start_date,
        outcomes.week_end_date,
        outcomes.churn_date
    from outcomes
    cross join as_of
    inner join scores
        on
            outcomes.account_id = scores.account_id
            and outcomes.week_start_date = scores.week_start_date
    inner join score_bands
        on scores.health_score = score_bands.score
)

select * from final
