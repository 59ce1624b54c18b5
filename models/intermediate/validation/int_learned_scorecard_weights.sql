{#- One row per scorecard per weighted measure: the weights learned from history before var
    learned_weights_cutoff_date, in the shape of seed scorecard_weights. Each established scorecard
    takes the weights its measures' predictive power earns on its own mature weeks before the cutoff
    (int_signal_weights), or, with fewer than min_churn_weeks churn weeks there, those earned on all
    established weeks pooled; onboarding scorecards and flat_export keep the configured weights (too
    little history per account, and a flat export has no outcomes). learned_weights_version names
    the set: a hash of its rows and the cutoff. -#}
{%- set learning_lag_days = 0 -%}
{%- set min_churn_weeks = 200 -%}
{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}

with

scorecards as (
    select * from {{ ref('scorecards') }}
),

configured_weights as (
    select * from {{ ref('scorecard_weights') }}
),

measures as (
    select * from {{ ref('scorecard_measures') }}
),

signal_weights as (
    select * from {{ ref('int_signal_weights') }}
    where evaluation_window = 'before_cutoff' and lag_days = {{ learning_lag_days }}
),

performance as (
    select * from {{ ref('int_signal_performance') }}
    where
        evaluation_window = 'before_cutoff'
        and lag_days = {{ learning_lag_days }}
        and signal_type = 'measure'
),

-- churn weeks seen per slice: a measure is missing for some weeks, so the best-covered counts
slice_evidence as (
    select
        slice,
        max(n_churned) as n_churned
    from performance
    group by slice
),

slices_with_weights as (
    select distinct slice
    from signal_weights
),

-- the slice each established scorecard learns from
learning_slices as (
    select
        scorecards.scorecard_id,
        case
            when
                scorecard_slices.slice is not null
                and slice_evidence.n_churned >= {{ min_churn_weeks }}
                then scorecards.scorecard_id
            when pooled_slice.slice is not null then 'all_established'
        end as learning_slice
    from scorecards
    left join slices_with_weights as scorecard_slices
        on scorecards.scorecard_id = scorecard_slices.slice
    left join slice_evidence
        on scorecards.scorecard_id = slice_evidence.slice
    left join slices_with_weights as pooled_slice
        on pooled_slice.slice = 'all_established'
    where scorecards.lifecycle_stage = 'established'
),

learned_candidates as (
    select
        learning_slices.scorecard_id,
        signal_weights.measure_id,
        signal_weights.weight,
        case learning_slices.learning_slice
            when 'all_established' then 'learned_pooled'
            else 'learned_scorecard'
        end as weight_source
    from learning_slices
    inner join signal_weights
        on learning_slices.learning_slice = signal_weights.slice
),

-- A set that weighs fewer than three components cannot honour the 40% component cap (too little
-- history, or too few measures that predict churn): that scorecard keeps its configured weights.
learned_components as (
    select
        learned_candidates.scorecard_id,
        count(distinct measures.component) as weighted_components
    from learned_candidates
    inner join measures
        on learned_candidates.measure_id = measures.measure_id
    where learned_candidates.weight > 0
    group by learned_candidates.scorecard_id
),

learned as (
    select learned_candidates.*
    from learned_candidates
    inner join learned_components
        on learned_candidates.scorecard_id = learned_components.scorecard_id
    where learned_components.weighted_components >= 3
),

-- every scorecard without learned weights keeps its configured ones
kept as (
    select
        configured_weights.scorecard_id,
        configured_weights.measure_id,
        cast(configured_weights.weight as double) as weight,
        'configured' as weight_source
    from configured_weights
    where configured_weights.scorecard_id not in (select learned.scorecard_id from learned)
),

weight_rows as (
    select * from learned
    union all
    select * from kept
),

version as (
    select
        'lw-' || {{ dbt.right(
            dbt.hash(
                "'" ~ cutoff ~ "' || '#' || "
                ~ dbt.listagg(
                    "scorecard_id || ':' || measure_id || ':' || cast(round(weight, 6) as string)",
                    "'|'",
                    "order by scorecard_id, measure_id"
                )
            ),
            12
        ) }} as learned_weights_version
    from weight_rows
),

final as (
    select
        -- keys
        weight_rows.scorecard_id,
        weight_rows.measure_id,
        -- attributes
        weight_rows.weight_source,
        version.learned_weights_version,
        -- measures
        weight_rows.weight
    from weight_rows
    cross join version
)

select * from final
