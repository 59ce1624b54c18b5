{#- One row per account week per measure, weighted or not: the raw value and its 0-100 score by the
    measure's method (macro score_measures), null when N/A (missing, or older than the measure's
    TTL). Weights are applied downstream (int_account_health_scores, and validation for the learned
    set), so the learned weights can be fitted on these scores without a cycle. -#}
with

measure_values as (
    select * from {{ ref('int_account_measure_values') }}
),

final as (
    {{ score_measures('measure_values') }}
)

select * from final
