{#- One row per signal x lag x segment (and 'All'): how well the signal, read lag_days before the
    outcome week, predicts churn within 90 days of that week, on every mature week; and the weight
    its predictive power earns among the measures of the same segment and lag. -#}
with

performance as (
    select * from {{ ref('int_signal_performance') }}
    where evaluation_window = 'all'
),

signal_weights as (
    select * from {{ ref('int_signal_weights') }}
    where evaluation_window = 'all'
),

final as (
    select
        -- keys
        performance.signal_id,
        performance.lag_days,
        performance.slice as segment,
        -- attributes
        performance.signal_type,
        performance.component,
        -- measures
        cast(performance.n_observations as bigint) as n_observations,
        cast(performance.n_churned as bigint) as n_churned,
        cast(performance.n_churned as double) / performance.n_observations as churn_rate,
        performance.churn_correlation,
        performance.auc,
        case
            when performance.signal_type = 'measure' then coalesce(signal_weights.weight, 0)
        end as recommended_weight,
        -- flags
        coalesce(performance.auc >= 0.55, false) as is_predictive
    from performance
    left join signal_weights
        on
            performance.slice = signal_weights.slice
            and performance.lag_days = signal_weights.lag_days
            and performance.signal_id = signal_weights.measure_id
)

select * from final
