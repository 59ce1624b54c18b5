-- Every scorecard of the learned weight set weighs its measures to a total of 1, and no component
-- of a learned scorecard holds more than 40% of the weight (a scorecard whose learned set weighs
-- fewer than three components keeps its configured weights, so the cap always holds).
with

learned_weights as (
    select * from {{ ref('int_learned_scorecard_weights') }}
),

measures as (
    select * from {{ ref('scorecard_measures') }}
),

scorecard_totals as (
    select
        scorecard_id,
        sum(weight) as total_weight
    from learned_weights
    group by scorecard_id
),

component_totals as (
    select
        learned_weights.scorecard_id,
        measures.component,
        sum(learned_weights.weight) as component_weight
    from learned_weights
    inner join measures
        on learned_weights.measure_id = measures.measure_id
    where learned_weights.weight_source != 'configured'
    group by learned_weights.scorecard_id, measures.component
),

failures as (
    select
        scorecard_id,
        'total ' || cast(total_weight as {{ dbt.type_string() }}) as failure
    from scorecard_totals
    where abs(total_weight - 1) > 1e-6
    union all
    select
        scorecard_id,
        component || ' ' || cast(component_weight as {{ dbt.type_string() }}) as failure
    from component_totals
    where component_weight > 0.4 + 1e-6
)

select * from failures
