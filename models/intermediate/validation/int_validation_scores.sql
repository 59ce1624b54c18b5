{#- One row per weight set per scored account week: the health score under the configured and under
    the learned weights, computed in the same build so validation can compare them on the same
    weeks. The same scoring as int_account_health_scores (macro health_scores, no override): what
    the weekly mart shows with var health_weights set to that weight set. -#}
with

measure_scores as (
    select * from {{ ref('int_account_measure_scores') }}
),

weight_sets as (
    select * from {{ ref('int_scorecard_weight_sets') }}
),

scores as (
    {{ health_scores(
        'measure_scores', 'weight_sets', weight_keys=['weight_set'], with_drivers=false
    ) }}
),

final as (
    select
        -- keys
        weight_set,
        account_id,
        week_start_date,
        -- measures
        health_score
    from scores
)

select * from final
