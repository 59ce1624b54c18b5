{#- One row per account per calendar month with a scored week ending in it: the health of the last
    such week (the state at month end, overrides included), for joining health to monthly revenue. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks_scored') }}
),

month_weeks as (
    select
        *,
        cast({{ dbt.date_trunc('month', 'week_end_date') }} as date) as month_start_date,
        row_number() over (
            partition by account_id, {{ dbt.date_trunc('month', 'week_end_date') }}
            order by week_end_date desc
        ) as recency
    from account_weeks
),

final as (
    select
        account_id,
        month_start_date,
        segment,
        health_score,
        tier,
        tier_rank,
        colour,
        is_at_risk,
        weakest_component,
        week_start_date as last_week_start_date
    from month_weeks
    where recency = 1
)

select * from final
