{#- One row per account per week: MRR as known at the week's end - the MRR of the last month that
    ended on or before it (an account's MRR for a month is what is active at month end) - and its
    change against the month-end three months earlier. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

mrr_by_month as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

-- the month before the one the week ends in has ended by the week's end
known_months as (
    select
        account_id,
        week_start_date,
        cast({{ dbt.dateadd('month', -1, dbt.date_trunc('month', 'week_end_date')) }} as date)
            as known_month_start_date,
        cast({{ dbt.dateadd('month', -4, dbt.date_trunc('month', 'week_end_date')) }} as date)
            as earlier_month_start_date
    from account_weeks
),

final as (
    select
        known_months.account_id,
        known_months.week_start_date,
        known.mrr,
        cast(known.mrr as double) / nullif(three_months_earlier.mrr, 0) - 1 as mrr_change_90d
    from known_months
    left join mrr_by_month as known
        on
            known_months.account_id = known.account_id
            and known_months.known_month_start_date = known.month_start_date
    left join mrr_by_month as three_months_earlier
        on
            known_months.account_id = three_months_earlier.account_id
            and known_months.earlier_month_start_date = three_months_earlier.month_start_date
)

select * from final
