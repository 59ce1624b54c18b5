{#- One row per evaluation window x slice x signal x lag: how well the signal's value, taken
    lag_days before the outcome week (in whole weeks), separates the weeks followed by churn within
    90 days from the others. Windows: `all` (every mature week; slices: each segment and 'All') and
    `before_cutoff` (weeks whose 90 days ended before var learned_weights_cutoff_date; slices: each
    established scorecard and 'all_established'; measures at the learning lag only) - the evidence
    the learned weights may use. AUC is oriented so a lower score means more churn risk; values are
    read in 0.1-point bins. -#}
{%- set lags = {0: 0, 30: 4, 60: 9, 90: 13, 120: 17} -%}
{%- set learning_lag_days = 0 -%}
{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}

with

signal_values as (
    select * from {{ ref('int_signal_values') }}
),

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
    where is_mature
),

lags as (
    {% for lag_days, lag_weeks in lags.items() %}
        select
            {{ lag_days }} as lag_days,
            {{ lag_weeks }} as lag_weeks
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- the outcome week and the week whose signal is read, lag_weeks earlier
outcome_lags as (
    select
        outcomes.account_id,
        outcomes.week_start_date,
        outcomes.segment,
        outcomes.scorecard_id,
        outcomes.lifecycle_stage,
        outcomes.churns_within_90d,
        outcomes.outcome_window_end_date < cast('{{ cutoff }}' as date) as is_before_cutoff,
        lags.lag_days,
        cast(
            {{ dbt.dateadd('day', '-7 * lags.lag_weeks', 'outcomes.week_start_date') }} as date
        ) as signal_week_start_date
    from outcomes
    cross join lags
),

observations as (
    select
        outcome_lags.*,
        signal_values.signal_type,
        signal_values.signal_id,
        signal_values.component,
        -- histograms of 0.1-point bins (the resolution of the health score): AUC and correlation
        -- are counted exactly over the binned values, ties included, from at most 1,001 values per
        -- signal instead of one per account-week
        round(signal_values.signal_value, 1) as signal_value
    from outcome_lags
    inner join signal_values
        on
            outcome_lags.account_id = signal_values.account_id
            and outcome_lags.signal_week_start_date = signal_values.week_start_date
),

-- one row per distinct value: AUC and correlation only need the churn / retained counts at each;
-- counted once at the grain both windows slice by, so the observations are read in one pass
{%- set count_grain = [
    'segment', 'scorecard_id', 'lifecycle_stage', 'is_before_cutoff',
    'signal_type', 'signal_id', 'component', 'lag_days', 'signal_value',
] %}
observation_counts as (
    select
        {{ count_grain | join(', ') }},
        sum(case when churns_within_90d then 1 else 0 end) as n_churned,
        sum(case when churns_within_90d then 0 else 1 end) as n_retained
    from observations
    group by {{ count_grain | join(', ') }}
),

segment_counts as (
    select
        'all' as evaluation_window,
        segment as slice,
        signal_type,
        signal_id,
        component,
        lag_days,
        signal_value,
        sum(n_churned) as n_churned,
        sum(n_retained) as n_retained
    from observation_counts
    group by segment, signal_type, signal_id, component, lag_days, signal_value
),

scorecard_counts as (
    select
        'before_cutoff' as evaluation_window,
        scorecard_id as slice,
        signal_type,
        signal_id,
        component,
        lag_days,
        signal_value,
        sum(n_churned) as n_churned,
        sum(n_retained) as n_retained
    from observation_counts
    where
        is_before_cutoff
        and lifecycle_stage = 'established'
        and signal_type = 'measure'
        and lag_days = {{ learning_lag_days }}
    group by scorecard_id, signal_type, signal_id, component, lag_days, signal_value
),

slice_counts as (
    select * from segment_counts
    union all
    select * from scorecard_counts
),

pooled_counts as (
    select
        evaluation_window,
        case evaluation_window when 'all' then 'All' else 'all_established' end as slice,
        signal_type,
        signal_id,
        component,
        lag_days,
        signal_value,
        sum(n_churned) as n_churned,
        sum(n_retained) as n_retained
    from slice_counts
    group by evaluation_window, signal_type, signal_id, component, lag_days, signal_value
),

value_counts as (
    select * from slice_counts
    union all
    select * from pooled_counts
),

-- Mann-Whitney AUC per signal, ranked by rising risk (falling score) with average ranks for ties
signal_aucs as (
    {{ rank_auc(
        'value_counts',
        partition_by=['evaluation_window', 'slice', 'signal_id', 'lag_days'],
        value_column='signal_value'
    ) }}
),

signal_sums as (
    select
        evaluation_window,
        slice,
        signal_type,
        signal_id,
        component,
        lag_days,
        sum(n_churned + n_retained) as n_observations,
        sum(n_churned) as n_churned,
        -- sums for Pearson's r of the value against the 0/1 churn label
        sum((n_churned + n_retained) * signal_value) as value_sum,
        sum((n_churned + n_retained) * signal_value * signal_value) as value_square_sum,
        sum(n_churned * signal_value) as churned_value_sum
    from value_counts
    group by evaluation_window, slice, signal_type, signal_id, component, lag_days
),

-- one AUC per signal id serves its type and component, which follow from the id
signal_stats as (
    select
        signal_sums.*,
        signal_aucs.auc
    from signal_sums
    inner join signal_aucs
        on
            signal_sums.evaluation_window = signal_aucs.evaluation_window
            and signal_sums.slice = signal_aucs.slice
            and signal_sums.signal_id = signal_aucs.signal_id
            and signal_sums.lag_days = signal_aucs.lag_days
),

final as (
    select
        -- keys
        evaluation_window,
        slice,
        signal_id,
        lag_days,
        -- attributes
        signal_type,
        component,
        -- measures
        n_observations,
        n_churned,
        auc,
        (n_observations * churned_value_sum - value_sum * n_churned)
        / nullif(
            sqrt(greatest(
                (n_observations * value_square_sum - value_sum * value_sum)
                * (cast(n_observations as double) * n_churned - n_churned * n_churned),
                0
            )),
            0
        ) as churn_correlation
    from signal_stats
)

select * from final
