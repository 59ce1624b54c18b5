{#- One row per account week of the weekly health mart before the account churned: what happened to
    its MRR in the 90 days after the week's end (churn, contraction, expansion) and whether those 90
    days are over by the warehouse's as-of date (is_mature). Read from the mart's spine
    (int_account_measures_weekly), not the mart, so the learned weights that feed the mart can use
    these outcomes without a cycle. -#}
{%- set horizon_days = 90 -%}

with

account_weeks as (
    select * from {{ ref('int_account_measures_weekly') }}
),

movements as (
    select * from {{ ref('int_mrr_movements') }}
),

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

-- a movement is known at the end of its month: MRR is what is in force at month end
movement_events as (
    select
        account_id,
        movement_type,
        is_churn_provisional,
        month_start_date,
        cast({{ dbt.last_day('month_start_date', 'month') }} as date) as month_end_date
    from movements
    where movement_type in ('churn', 'contraction', 'expansion', 'new', 'reactivation')
),

weeks as (
    select
        account_id,
        week_start_date,
        week_end_date,
        scorecard_id,
        segment,
        lifecycle_stage,
        cast({{ dbt.dateadd('day', horizon_days, 'week_end_date') }} as date)
            as outcome_window_end_date
    from account_weeks
),

-- each week against its account's movements up to the end of its outcome window: the history
-- says whether the account had already churned, the window what happens next
week_events as (
    select
        weeks.account_id,
        weeks.week_start_date,
        max(
            case
                when
                    movement_events.movement_type = 'churn'
                    and movement_events.month_end_date <= weeks.week_end_date
                    then movement_events.month_end_date
            end
        ) as last_churn_date,
        max(
            case
                when
                    movement_events.movement_type in ('new', 'reactivation')
                    and movement_events.month_start_date <= weeks.week_end_date
                    then movement_events.month_start_date
            end
        ) as last_return_month_date,
        min(
            case
                when
                    movement_events.movement_type = 'churn'
                    and movement_events.month_end_date > weeks.week_end_date
                    then movement_events.month_end_date
            end
        ) as churn_date,
        bool_or(
            movement_events.movement_type = 'churn'
            and movement_events.month_end_date > weeks.week_end_date
            and movement_events.is_churn_provisional
        ) as is_churn_provisional,
        bool_or(
            movement_events.movement_type = 'contraction'
            and movement_events.month_end_date > weeks.week_end_date
        ) as contracts_within_90d,
        bool_or(
            movement_events.movement_type = 'expansion'
            and movement_events.month_end_date > weeks.week_end_date
        ) as expands_within_90d
    from weeks
    inner join movement_events
        on
            weeks.account_id = movement_events.account_id
            and weeks.outcome_window_end_date >= movement_events.month_end_date
    group by weeks.account_id, weeks.week_start_date
),

final as (
    select
        -- keys
        weeks.account_id,
        weeks.week_start_date,
        weeks.scorecard_id,
        -- attributes
        weeks.segment,
        weeks.lifecycle_stage,
        -- outcomes
        week_events.churn_date is not null as churns_within_90d,
        coalesce(week_events.contracts_within_90d, false) as contracts_within_90d,
        coalesce(week_events.expands_within_90d, false) as expands_within_90d,
        -- flags
        coalesce(week_events.is_churn_provisional, false) as is_churn_provisional,
        weeks.outcome_window_end_date <= as_of.as_of_date as is_mature,
        -- dates
        weeks.week_end_date,
        weeks.outcome_window_end_date,
        week_events.churn_date
    from weeks
    cross join as_of
    left join week_events
        on
            weeks.account_id = week_events.account_id
            and weeks.week_start_date = week_events.week_start_date
    -- a week after a churn (and before any return of MRR) is not a customer week
    where
        week_events.last_churn_date is null
        or week_events.last_return_month_date > week_events.last_churn_date
)

select * from final
