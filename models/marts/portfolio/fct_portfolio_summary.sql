{%- set tiers = ['thriving', 'healthy', 'neutral', 'at-risk', 'critical'] -%}
{%- set revenue_metrics = [
    'arr', 'active_accounts', 'net_revenue_retention_12m', 'gross_revenue_retention_12m',
    'logo_retention_12m', 'new_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr',
] -%}
{%- set health_metrics = ['average_health_score', 'at_risk_arr', 'at_risk_arr_share'] -%}

with

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

revenue_retention as (
    select * from {{ ref('fct_revenue_retention') }}
    where segment = 'All'
),

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

targets as (
    select * from {{ ref('portfolio_targets') }}
),

-- the last month whose every day is on or before the as-of date
reporting_month as (
    select
        cast(
            {{ dbt.dateadd('month', -1, dbt.date_trunc('month', 'day_after_as_of')) }} as date
        ) as month_start_date
    from (
        select {{ dbt.dateadd('day', 1, 'as_of_date') }} as day_after_as_of
        from as_of
    ) as as_of_next_day
),

revenue_monthly as (
    select
        month_start_date,
        cast(arr as double) as arr,
        cast(active_accounts as double) as active_accounts,
        net_revenue_retention_12m,
        gross_revenue_retention_12m,
        logo_retention_12m,
        cast(new_mrr as double) as new_mrr,
        cast(expansion_mrr as double) as expansion_mrr,
        cast(contraction_mrr as double) as contraction_mrr,
        cast(churned_mrr as double) as churned_mrr
    from revenue_retention
),

-- A month's health is that of its last week (the week ending last in the month), as the weekly
-- mart shows it - ARR as known that week - and as the semantic layer's health metrics read it.
month_last_weeks as (
    select
        cast({{ dbt.date_trunc('month', 'week_end_date') }} as date) as month_start_date,
        max(week_end_date) as week_end_date
    from account_health
    group by {{ dbt.date_trunc('month', 'week_end_date') }}
),

month_end_health as (
    select
        month_last_weeks.month_start_date,
        coalesce(account_health.arr, 0) as arr,
        account_health.health_score,
        account_health.tier,
        account_health.is_at_risk
    from account_health
    inner join month_last_weeks
        on account_health.week_end_date = month_last_weeks.week_end_date
),

health_monthly_totals as (
    select
        month_start_date,
        avg(health_score) as average_health_score,
        cast(sum(case when is_at_risk then arr else 0 end) as double) as at_risk_arr,
        cast(sum(case when is_at_risk then arr else 0 end) / nullif(sum(arr), 0) as double)
            as at_risk_arr_share,
        {% for tier in tiers %}
            cast(count(case when tier = '{{ tier }}' then 1 end) as double)
                as tier_accounts_{{ tier | replace('-', '_') }},
            cast(sum(case when tier = '{{ tier }}' then arr else 0 end) as double)
                as tier_arr_{{ tier | replace('-', '_') }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from month_end_health
    group by month_start_date
),

metric_values as (
    {% for metric in revenue_metrics %}
        select
            month_start_date,
            '{{ metric }}' as metric_name,
            cast({{ metric }} as double) as metric_value
        from revenue_monthly
        union all
    {% endfor %}
    {% for metric in health_metrics %}
        select
            month_start_date,
            '{{ metric }}' as metric_name,
            {{ metric }} as metric_value
        from health_monthly_totals
        union all
    {% endfor %}
    {% for tier in tiers %}
        select
            month_start_date,
            'tier_accounts_{{ tier | replace('-', '_') }}' as metric_name,
            tier_accounts_{{ tier | replace('-', '_') }} as metric_value
        from health_monthly_totals
        union all
        select
            month_start_date,
            'tier_arr_{{ tier | replace('-', '_') }}' as metric_name,
            tier_arr_{{ tier | replace('-', '_') }} as metric_value
        from health_monthly_totals
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

compared as (
    select
        current_values.metric_name,
        reporting_month.month_start_date,
        current_values.metric_value,
        prior_month.metric_value as prior_month_value,
        prior_quarter.metric_value as prior_quarter_value
    from reporting_month
    inner join metric_values as current_values
        on reporting_month.month_start_date = current_values.month_start_date
    left join metric_values as prior_month
        on
            current_values.metric_name = prior_month.metric_name
            and prior_month.month_start_date
            = cast({{ dbt.dateadd('month', -1, 'reporting_month.month_start_date') }} as date)
    left join metric_values as prior_quarter
        on
            current_values.metric_name = prior_quarter.metric_name
            and prior_quarter.month_start_date
            = cast({{ dbt.dateadd('month', -3, 'reporting_month.month_start_date') }} as date)
),

final as (
    select
        -- keys
        compared.metric_name,
        compared.month_start_date,
        -- measures
        compared.metric_value,
        compared.prior_month_value,
        compared.prior_quarter_value,
        compared.metric_value - compared.prior_month_value as delta_vs_prior_month,
        compared.metric_value - compared.prior_quarter_value as delta_vs_prior_quarter,
        cast(targets.target_value as double) as target_value,
        -- flags
        case
            when targets.target_value is null or compared.metric_value is null then null
            when targets.direction = 'lower_is_better'
                then compared.metric_value <= targets.target_value
            else compared.metric_value >= targets.target_value
        end as is_on_target
    from compared
    left join targets
        on compared.metric_name = targets.metric_name
)

select * from final
