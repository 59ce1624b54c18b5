{#- One row per account per month, up to the as-of month, for each account that ended the month
    twelve months earlier with MRR: the base of the 12-month retention ratios. Its MRR then and now
    (0 when it has no movement row now), and what it adds to the numerator of each ratio. -#}
with

mrr_movements as (
    select * from {{ ref('int_mrr_movements') }}
),

as_of_month as (
    select max(month_start_date) as month_start_date
    from mrr_movements
),

base_months as (
    select
        account_id,
        month_start_date as month_start_date_12m_ago,
        cast({{ dbt.dateadd('month', 12, 'month_start_date') }} as date) as month_start_date,
        ending_mrr as mrr_12m_ago
    from mrr_movements
    where ending_mrr > 0
),

-- an account with no movement row twelve months on (at zero on both sides) counts as 0
paired as (
    select
        base_months.account_id,
        base_months.month_start_date,
        base_months.month_start_date_12m_ago,
        base_months.mrr_12m_ago,
        coalesce(later_months.ending_mrr, 0) as mrr
    from base_months
    cross join as_of_month
    left join mrr_movements as later_months
        on
            base_months.account_id = later_months.account_id
            and base_months.month_start_date = later_months.month_start_date
    where base_months.month_start_date <= as_of_month.month_start_date
),

final as (
    select
        -- keys
        account_id,
        month_start_date,
        -- measures
        mrr_12m_ago,
        mrr,
        -- gross retention counts an account at most at its MRR of twelve months earlier
        case when mrr < mrr_12m_ago then mrr else mrr_12m_ago end as gross_retained_mrr,
        -- flags
        mrr > 0 as is_retained,
        -- dates
        month_start_date_12m_ago
    from paired
)

select * from final
