{#- One row per weight set per scored account week: the health score under the configured and under
    the learned weights, computed in the same build so validation can compare them on the same
    weeks. The same scoring as int_account_health_scores (macro health_scores, no override): what
    the weekly mart shows with var health_weights set to that weight set. The set in force is read
    from int_account_health_scores (scored there already); only the other set is scored here. -#}
{%- set weights_in_force = var('health_weights', 'configured') -%}

with

measure_scores as (
    select * from {{ ref('int_account_measure_scores') }}
),

health_scores as (
    select * from {{ ref('int_account_health_scores') }}
),

-- the weight set not in force: scored here
other_weights as (
    select * from {{ ref('int_scorecard_weight_sets') }}
    where weight_set != '{{ weights_in_force }}'
),

other_scores as (
    {{ health_scores(
        'measure_scores', 'other_weights', weight_keys=['weight_set'], with_drivers=false
    ) }}
),

final as (
    select
        -- keys
        '{{ weights_in_force }}' as weight_set,
        account_id,
        week_start_date,
        -- measures
        health_score
    from health_scores
    union all
    select
        weight_set,
        account_id,
        week_start_date,
        health_score
    from other_scores
)

select * from final
