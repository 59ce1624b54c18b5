{#- One row per measure - every raw measure of the weekly scorecard, then the health score and its
    five component scores: the accounts with an outcome in the 12 months to the as-of month, renewed
    or expanded vs churned, compared on each account's mean over the 13 weeks before its outcome.
    Group means, medians and standard deviations, and the effect size (Cohen's d: the difference of
    means over the pooled standard deviation; positive = higher for the renewed). The method's first
    step: which measures separate the accounts that stayed from those that left?
    Compile with `dbt compile --select renewed_vs_churned_measures` and run the SQL in
    target/compiled/ against the warehouse (python_checks/test_analyses.py does). -#}
{%- set score_columns = [
    'health_score', 'usage_score', 'engagement_score', 'support_score', 'growth_score',
    'financial_score',
] -%}

with

mrr_movements as (
    select * from {{ ref('fct_mrr_movements') }}
),

measure_values as (
    select * from {{ ref('int_account_measure_values') }}
),

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

scorecard_measures as (
    select * from {{ ref('scorecard_measures') }}
),

window_months as (
    select
        max(month_start_date) as as_of_month_date,
        cast({{ dbt.dateadd('month', -12, 'max(month_start_date)') }} as date) as year_before_date
    from mrr_movements
),

-- churned: MRR went to 0 in the 12 months to the as-of month (the latest such month)
churned as (
    select
        mrr_movements.account_id,
        'churned' as outcome,
        max(mrr_movements.month_start_date) as outcome_month_date
    from mrr_movements
    cross join window_months
    where
        mrr_movements.movement_type = 'churn'
        and mrr_movements.month_start_date > window_months.year_before_date
    group by mrr_movements.account_id
),

-- renewed or expanded: paying 12 months before the as-of month and in it, with no churn between
renewed as (
    select
        as_of_months.account_id,
        'renewed_or_expanded' as outcome,
        as_of_months.month_start_date as outcome_month_date
    from mrr_movements as as_of_months
    inner join window_months
        on as_of_months.month_start_date = window_months.as_of_month_date
    inner join mrr_movements as year_before_months
        on
            as_of_months.account_id = year_before_months.account_id
            and window_months.year_before_date = year_before_months.month_start_date
    left join churned
        on as_of_months.account_id = churned.account_id
    where
        as_of_months.ending_mrr > 0
        and year_before_months.ending_mrr > 0
        and churned.account_id is null
),

outcomes as (
    select * from churned
    union all
    select * from renewed
),

score_names as (
    {% for column in score_columns %}
        select '{{ column }}' as measure_id
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- the health score and its components as measures: one row per account week per score
score_values as (
    select
        account_health.account_id,
        score_names.measure_id,
        'score' as kind,
        account_health.week_end_date,
        case score_names.measure_id
            {% for column in score_columns %}
                when '{{ column }}' then account_health.{{ column }}
            {% endfor %}
        end as measure_value
    from account_health
    cross join score_names
),

weekly_values as (
    select
        account_id,
        measure_id,
        'measure' as kind,
        as_of_date as week_end_date,
        raw_value as measure_value
    from measure_values
    union all
    select * from score_values
),

-- each account's mean over the 13 weeks that ended in the 91 days before its outcome month
account_means as (
    select
        outcomes.account_id,
        outcomes.outcome,
        weekly_values.measure_id,
        weekly_values.kind,
        avg(weekly_values.measure_value) as account_mean
    from outcomes
    inner join weekly_values
        on
            outcomes.account_id = weekly_values.account_id
            and outcomes.outcome_month_date > weekly_values.week_end_date
            and cast({{ dbt.dateadd('day', -91, 'outcomes.outcome_month_date') }} as date)
            <= weekly_values.week_end_date
    group by outcomes.account_id, outcomes.outcome, weekly_values.measure_id, weekly_values.kind
),

group_stats as (
    select
        measure_id,
        kind,
        outcome,
        count(*) as account_count,
        avg(account_mean) as mean_value,
        percentile_cont(0.5) within group (order by account_mean) as median_value,
        stddev_samp(account_mean) as sd_value
    from account_means
    where account_mean is not null
    group by measure_id, kind, outcome
),

compared as (
    select
        measure_id,
        kind,
        max(case when outcome = 'renewed_or_expanded' then account_count end) as renewed_accounts,
        max(case when outcome = 'churned' then account_count end) as churned_accounts,
        max(case when outcome = 'renewed_or_expanded' then mean_value end) as renewed_mean,
        max(case when outcome = 'churned' then mean_value end) as churned_mean,
        max(case when outcome = 'renewed_or_expanded' then median_value end) as renewed_median,
        max(case when outcome = 'churned' then median_value end) as churned_median,
        max(case when outcome = 'renewed_or_expanded' then sd_value end) as renewed_sd,
        max(case when outcome = 'churned' then sd_value end) as churned_sd
    from group_stats
    group by measure_id, kind
),

pooled as (
    select
        *,
        sqrt(
            (
                (renewed_accounts - 1) * renewed_sd * renewed_sd
                + (churned_accounts - 1) * churned_sd * churned_sd
            )
            / nullif(renewed_accounts + churned_accounts - 2, 0)
        ) as pooled_sd
    from compared
),

final as (
    select
        pooled.measure_id,
        pooled.kind,
        coalesce(scorecard_measures.component, replace(pooled.measure_id, '_score', ''))
            as component,
        coalesce(scorecard_measures.direction, 'higher_is_better') as direction,
        pooled.renewed_accounts,
        pooled.churned_accounts,
        pooled.renewed_mean,
        pooled.churned_mean,
        pooled.renewed_median,
        pooled.churned_median,
        pooled.renewed_mean - pooled.churned_mean as mean_difference,
        (pooled.renewed_mean - pooled.churned_mean) / nullif(pooled.pooled_sd, 0) as cohens_d,
        case coalesce(scorecard_measures.direction, 'higher_is_better')
            when 'higher_is_better' then pooled.renewed_mean > pooled.churned_mean
            when 'lower_is_better' then pooled.renewed_mean < pooled.churned_mean
        end as is_in_expected_direction
    from pooled
    left join scorecard_measures
        on pooled.measure_id = scorecard_measures.measure_id
)

select * from final
order by abs(cohens_d) desc nulls last, measure_id
