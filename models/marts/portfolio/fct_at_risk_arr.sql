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
        arr
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
        cast(coalesce(sum(arr), 0) as decimal(18, 2)) as at_risk_arr
    from at_risk_weeks
    group by week_start_date, segment, tier, weakest_component
)

select * from final
