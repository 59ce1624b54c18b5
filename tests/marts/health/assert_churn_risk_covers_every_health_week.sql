-- Every account week of fct_account_health_weekly has exactly one churn probability in
-- fct_account_churn_risk, and the churn risk mart has no week the health mart lacks.
with

health_weeks as (
    select
        account_id,
        week_start_date
    from {{ ref('fct_account_health_weekly') }}
),

risk_weeks as (
    select
        account_id,
        week_start_date,
        count(*) as n_rows
    from {{ ref('fct_account_churn_risk') }}
    group by account_id, week_start_date
),

mismatches as (
    select
        coalesce(health_weeks.account_id, risk_weeks.account_id) as account_id,
        coalesce(health_weeks.week_start_date, risk_weeks.week_start_date) as week_start_date,
        risk_weeks.n_rows
    from health_weeks
    full outer join risk_weeks
        on
            health_weeks.account_id = risk_weeks.account_id
            and health_weeks.week_start_date = risk_weeks.week_start_date
    where
        health_weeks.account_id is null
        or risk_weeks.account_id is null
        or risk_weeks.n_rows != 1
)

select * from mismatches
