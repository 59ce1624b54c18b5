with

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

at_risk_weeks as (
    select
        week_start_date,
        segment,
        tier,
        weakest_component,
        account_id,
        arr_usd
    from account_health
    where is_at_risk
),

final as (
    select
        week_start_date,
        segment,
        tier,
        weakest_component,
        count(*) as at_risk_accounts,
        cast(coalesce(sum(arr_usd), 0) as double) as at_risk_arr_usd
    from at_risk_weeks
    group by week_start_date, segment, tier, weakest_component
)

select * from final
