-- The MRR bridge reconciles. Per account and month: starting + new + expansion + contraction +
-- churned + reactivation = ending, and starting = the previous month's ending (0 when the account
-- had no row; the ending itself on an opening balance). In total per month: the same identity,
-- the movements' ending MRR equals the billed MRR of int_mrr_by_account_month except in
-- late-renewal months, and fct_revenue_retention's 'All' row carries the same totals.
-- Returns the account-months and months that do not balance.
with

mrr_movements as (
    select * from {{ ref('fct_mrr_movements') }}
),

account_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

revenue_retention as (
    select * from {{ ref('fct_revenue_retention') }}
    where segment = 'All'
),

with_previous as (
    select
        mrr_movements.*,
        previous_month.ending_mrr as previous_ending_mrr
    from mrr_movements
    left join mrr_movements as previous_month
        on
            mrr_movements.account_id = previous_month.account_id
            and previous_month.month_start_date
            = cast({{ dbt.dateadd('month', -1, 'mrr_movements.month_start_date') }} as date)
),

unbalanced_accounts as (
    select
        account_id,
        month_start_date,
        'account' as failure_level
    from with_previous
    where
        starting_mrr + new_mrr + expansion_mrr + contraction_mrr + churned_mrr + reactivation_mrr
        != ending_mrr
        or (
            not is_opening_balance
            and starting_mrr != coalesce(previous_ending_mrr, 0)
        )
        or (is_opening_balance and starting_mrr != ending_mrr)
),

movement_totals as (
    select
        month_start_date,
        sum(starting_mrr) as starting_mrr,
        sum(new_mrr + expansion_mrr + contraction_mrr + churned_mrr + reactivation_mrr)
            as net_movement_mrr,
        sum(ending_mrr) as ending_mrr,
        sum(case when movement_type = 'late_renewal' then 0 else ending_mrr end)
            as ending_mrr_outside_late_renewals
    from mrr_movements
    group by month_start_date
),

billed_totals as (
    select
        month_start_date,
        sum(mrr) as billed_mrr
    from account_months
    group by month_start_date
),

unbalanced_months as (
    select
        cast(null as {{ dbt.type_string() }}) as account_id,
        billed_totals.month_start_date,
        'month' as failure_level
    from billed_totals
    left join movement_totals
        on billed_totals.month_start_date = movement_totals.month_start_date
    left join revenue_retention
        on billed_totals.month_start_date = revenue_retention.month_start_date
    where
        movement_totals.starting_mrr + movement_totals.net_movement_mrr
        != movement_totals.ending_mrr
        or coalesce(movement_totals.ending_mrr_outside_late_renewals, 0) != billed_totals.billed_mrr
        or revenue_retention.mrr is null
        or revenue_retention.mrr != coalesce(movement_totals.ending_mrr, 0)
        or revenue_retention.starting_mrr != coalesce(movement_totals.starting_mrr, 0)
)

select * from unbalanced_accounts
union all
select * from unbalanced_months
