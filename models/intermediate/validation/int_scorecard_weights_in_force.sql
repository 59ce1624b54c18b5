{#- One row per scorecard per weighted measure: the weights the health score uses, chosen by var
    health_weights: 'configured' (default: seed scorecard_weights) or 'learned' (weights learned
    from history before var learned_weights_cutoff_date). -#}
{%- set health_weights = var('health_weights', 'configured') -%}
{%- if health_weights not in ['configured', 'learned'] -%}
    {{ exceptions.raise_compiler_error(
        "var health_weights must be 'configured' or 'learned', got '" ~ health_weights ~ "'"
    ) }}
{%- endif -%}

with

weight_sets as (
    select * from {{ ref('int_scorecard_weight_sets') }}
),

final as (
    select
        scorecard_id,
        measure_id,
        weight_set,
        weights_version,
        weight
    from weight_sets
    where weight_set = '{{ health_weights }}'
)

select * from final
