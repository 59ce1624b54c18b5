{#- One row per training account week per feature: the week's measure score (0-100, null when N/A)
    and its churn label, for the weeks the churn probability is fitted on - mature weeks whose
    90-day outcome was known before var learned_weights_cutoff_date, before the notice of their
    churn (int_validation_weeks). The features are the measure scores the health score weighs. -#}
with

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

measure_scores as (
    select * from {{ ref('int_account_measure_scores') }}
),

-- every weight set holds the same weeks: one is enough
training_weeks as (
    select
        account_id,
        week_start_date,
        churn_date,
        churns_within_90d
    from validation_weeks
    where
        weight_set = 'configured'
        and is_known_before_cutoff
        and not is_after_notice
),

final as (
    select
        -- keys
        training_weeks.account_id,
        training_weeks.week_start_date,
        measure_scores.measure_id as feature_id,
        -- measures
        measure_scores.score as feature_value,
        -- outcomes
        training_weeks.churns_within_90d,
        -- dates
        training_weeks.churn_date
    from training_weeks
    inner join measure_scores
        on
            training_weeks.account_id = measure_scores.account_id
            and training_weeks.week_start_date = measure_scores.week_start_date
)

select * from final
