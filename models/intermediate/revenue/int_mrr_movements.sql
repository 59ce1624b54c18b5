{#- One row per account per month in which the account starts or ends with MRR (so the churn month,
    the month after the last active one, is included; months at zero on both sides are not).
    starting_mrr + new + expansion + contraction + churned + reactivation = ending_mrr on every row. -#}
{%- set grace_months = var('mrr_grace_months', 1) -%}

with

account_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

-- Each positive month opens a run that holds it and the zero months after it.
runs as (
    select
        *,
        sum(case when mrr > 0 then 1 else 0 end) over (
            partition by account_id
            order by month_start_date
            rows between unbounded preceding and current row
        ) as run_number
    from account_months
),

runs_measured as (
    select
        *,
        max(case when mrr > 0 then mrr end) over (
            partition by account_id, run_number
        ) as run_mrr,
        count(*) over (partition by account_id, run_number) - 1 as run_zero_months,
        max(month_start_date) over (partition by account_id, run_number) as run_last_month_date,
        max(month_start_date) over (partition by account_id) as last_month_date
    from runs
),

-- A stretch of zero months no longer than the grace window, after which MRR returns, is a late
-- renewal: the account never left, so those months carry the MRR it had before the lapse.
-- A stretch still open at the as-of month is churn for now; a later build restates it as a late
-- renewal if MRR returns in time.
graced as (
    select
        *,
        mrr = 0
        and run_zero_months <= {{ grace_months }}
        and run_last_month_date < last_month_date as is_late_renewal_gap,
        run_zero_months <= {{ grace_months }}
        and run_last_month_date = last_month_date as is_run_within_grace_at_as_of
    from runs_measured
),

retained as (
    select
        *,
        case when is_late_renewal_gap then run_mrr else mrr end as ending_mrr,
        has_mrr_before_history and month_start_date = first_mrr_month_date as is_opening_balance
    from graced
),

bridged as (
    select
        *,
        case
            -- the MRR the account brought into the history: no movement is known for it
            when is_opening_balance then ending_mrr
            else coalesce(
                lag(ending_mrr) over (partition by account_id order by month_start_date),
                0
            )
        end as starting_mrr
    from retained
),

-- Zero starts are tested first: an account returning from zero is new or reactivated, never
-- "expansion", whatever its MRR compared with before.
classified as (
    select
        *,
        case
            when is_opening_balance then 'opening_balance'
            when starting_mrr = 0 and month_start_date = first_mrr_month_date then 'new'
            when starting_mrr = 0 then 'reactivation'
            when ending_mrr = 0 then 'churn'
            when is_late_renewal_gap then 'late_renewal'
            when ending_mrr > starting_mrr then 'expansion'
            when ending_mrr < starting_mrr then 'contraction'
            else 'unchanged'
        end as movement_type
    from bridged
    where starting_mrr != 0 or ending_mrr != 0
),

final as (
    select
        -- keys
        account_id,
        month_start_date,
        -- attributes
        currency,
        movement_type,
        -- measures
        cast(starting_mrr as decimal(18, 2)) as starting_mrr,
        cast(case when movement_type = 'new' then ending_mrr else 0 end as decimal(18, 2))
            as new_mrr,
        cast(
            case
                when starting_mrr > 0 and ending_mrr > starting_mrr
                    then ending_mrr - starting_mrr
                else 0
            end as decimal(18, 2)
        ) as expansion_mrr,
        cast(
            case
                when ending_mrr > 0 and ending_mrr < starting_mrr then ending_mrr - starting_mrr
                else 0
            end as decimal(18, 2)
        ) as contraction_mrr,
        cast(case when movement_type = 'churn' then -starting_mrr else 0 end as decimal(18, 2))
            as churned_mrr,
        cast(
            case when movement_type = 'reactivation' then ending_mrr else 0 end as decimal(18, 2)
        ) as reactivation_mrr,
        cast(ending_mrr as decimal(18, 2)) as ending_mrr,
        cast(mrr as decimal(18, 2)) as billed_mrr,
        -- flags
        movement_type = 'churn' and is_run_within_grace_at_as_of as is_churn_provisional,
        is_opening_balance,
        -- dates
        first_mrr_month_date
    from classified
)

select * from final
