-- The outcomes describe exactly the weeks of the weekly health mart, less the weeks after a churn:
-- no outcome week is missing from the mart, and every mart week without an outcome comes after a
-- churn movement of its account.
with

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
),

health_weeks as (
    select * from {{ ref('fct_account_health_weekly') }}
),

movements as (
    select * from {{ ref('fct_mrr_movements') }}
    where movement_type = 'churn'
),

outcomes_not_in_mart as (
    select
        outcomes.account_id,
        outcomes.week_start_date,
        'outcome week not in the mart' as failure
    from outcomes
    left join health_weeks
        on
            outcomes.account_id = health_weeks.account_id
            and outcomes.week_start_date = health_weeks.week_start_date
    where health_weeks.account_id is null
),

mart_weeks_without_outcome as (
    select
        health_weeks.account_id,
        health_weeks.week_start_date,
        'mart week without outcome, not after a churn' as failure
    from health_weeks
    left join outcomes
        on
            health_weeks.account_id = outcomes.account_id
            and health_weeks.week_start_date = outcomes.week_start_date
    where
        outcomes.account_id is null
        and not exists (
            select 1
            from movements
            where
                movements.account_id = health_weeks.account_id
                and movements.month_start_date <= health_weeks.week_end_date
        )
)

select * from outcomes_not_in_mart
union all
select * from mart_weeks_without_outcome
