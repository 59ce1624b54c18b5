{#- One row per weight set per scored account week: the health score under the configured and under
    the learned weights, computed in the same build so validation can compare them on the same
    weeks. The same weighted mean over present measures as int_health_scores (no override): what the
    weekly mart shows with var health_weights set to that weight set. -#}
with

measure_scores as (
    select * from {{ ref('int_measure_scores') }}
    where scored_entity = 'account_week' and is_present
),

weight_sets as (
    select * from {{ ref('int_scorecard_weight_sets') }}
),

final as (
    select
        -- keys
        weight_sets.weight_set,
        measure_scores.account_id,
        measure_scores.week_start_date,
        -- measures
        sum(weight_sets.weight * measure_scores.score) / sum(weight_sets.weight) as health_score
    from measure_scores
    inner join weight_sets
        on
            measure_scores.scorecard_id = weight_sets.scorecard_id
            and measure_scores.measure_id = weight_sets.measure_id
    group by weight_sets.weight_set, measure_scores.account_id, measure_scores.week_start_date
)

select * from final
