{#- One row per weight set per scorecard per weighted measure: the configured weights (seed
    scorecard_weights) and the weights learned from history (int_learned_scorecard_weights), side by
    side so validation can score both in one build. weights_version is null for the configured set
    (the seeds' scorecard_version names it) and the learned set's version otherwise. -#}
with

configured_weights as (
    select * from {{ ref('scorecard_weights') }}
),

learned_weights as (
    select * from {{ ref('int_learned_scorecard_weights') }}
),

final as (
    select
        'configured' as weight_set,
        scorecard_id,
        measure_id,
        cast(null as {{ dbt.type_string() }}) as weights_version,
        weight
    from configured_weights
    union all
    select
        'learned' as weight_set,
        scorecard_id,
        measure_id,
        learned_weights_version as weights_version,
        weight
    from learned_weights
)

select * from final
