{#- One row per account week per signal with a value: every measure's 0-100 score, the five
    component scores and the health score, the last two with the configured (seed) weights and no
    override. The candidate leading indicators that fct_signal_correlations and the learned weights
    evaluate. Reads the seed weights, never the set in force, so learning cannot feed on itself. -#}

with

measure_scores as (
    select * from {{ ref('int_measure_scores') }}
    where scored_entity = 'account_week'
),

configured_weights as (
    select * from {{ ref('scorecard_weights') }}
),

measure_signals as (
    select
        account_id,
        week_start_date,
        'measure' as signal_type,
        measure_id as signal_id,
        component,
        score as signal_value
    from measure_scores
    where is_present
),

weighted as (
    select
        measure_scores.account_id,
        measure_scores.week_start_date,
        measure_scores.component,
        measure_scores.score,
        configured_weights.weight
    from measure_scores
    inner join configured_weights
        on
            measure_scores.scorecard_id = configured_weights.scorecard_id
            and measure_scores.measure_id = configured_weights.measure_id
    where measure_scores.is_present
),

-- the same weighted mean over present measures as int_health_scores, with the seed weights
component_signals as (
    select
        account_id,
        week_start_date,
        'component' as signal_type,
        component || '_score' as signal_id,
        component,
        sum(weight * score) / sum(weight) as signal_value
    from weighted
    group by account_id, week_start_date, component
),

health_signals as (
    select
        account_id,
        week_start_date,
        'health_score' as signal_type,
        'health_score' as signal_id,
        cast(null as {{ dbt.type_string() }}) as component,
        sum(weight * score) / sum(weight) as signal_value
    from weighted
    group by account_id, week_start_date
),

final as (
    select * from measure_signals
    union all
    select * from component_signals
    union all
    select * from health_signals
)

select * from final
