{#- One row per training account week per feature: the week's measure score (0-100, null when N/A)
    and its churn label, for the weeks the churn probability is fitted on - mature weeks whose
    90-day outcome was known before var learned_weights_cutoff_date, before the notice of their
    churn (int_validation_weeks); every mature week when none was known by then. The features are
    the measure scores the health score weighs. week_index and feature_index number the weeks (by
    account and week) and the features (by id) from 0, so the fit (int_churn_model_coefficients)
    reads numbers only: at 100,000 accounts these are 61M rows, which as text in pandas took over
    20 GiB. -#}
with

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

measure_scores as {{ inlined() }} (
    select * from {{ ref('int_account_measure_scores') }}
),

-- every weight set holds the same weeks: one is enough
candidate_weeks as (
    select
        account_id,
        week_start_date,
        churn_date,
        churns_within_90d,
        is_known_before_cutoff
    from validation_weeks
    where
        weight_set = 'configured'
        and not is_after_notice
),

-- a history that ends before any outcome is known at the cutoff (a warehouse younger than the
-- cutoff plus 90 days) is fitted on all its mature weeks: in-sample, as its verdicts say
training_weeks as (
    select
        *,
        row_number() over (order by account_id, week_start_date) - 1 as week_index
    from candidate_weeks
    where
        is_known_before_cutoff
        or not exists (
            select 1 from candidate_weeks as known
            where known.is_known_before_cutoff
        )
),

features as (
    select
        measure_id,
        row_number() over (order by measure_id) - 1 as feature_index
    from (select distinct measure_id from measure_scores) as measure_ids
),

final as (
    select
        -- keys
        training_weeks.account_id,
        training_weeks.week_start_date,
        measure_scores.measure_id as feature_id,
        training_weeks.week_index,
        features.feature_index,
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
    inner join features
        on measure_scores.measure_id = features.measure_id
)

select * from final
