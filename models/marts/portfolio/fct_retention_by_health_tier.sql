with

mrr_movements as (
    select * from {{ ref('fct_mrr_movements') }}
),

health_monthly as (
    select * from {{ ref('int_account_health_monthly') }}
),

-- accounts paying in a month, with the tier they were in at that month's end
paying_with_tier as (
    select
        mrr_movements.account_id,
        mrr_movements.month_start_date,
        mrr_movements.ending_mrr,
        health_monthly.tier,
        health_monthly.tier_rank,
        cast({{ dbt.dateadd('month', 12, 'mrr_movements.month_start_date') }} as date)
            as month_start_date_12m_later
    from mrr_movements
    inner join health_monthly
        on
            mrr_movements.account_id = health_monthly.account_id
            and mrr_movements.month_start_date = health_monthly.month_start_date
    where mrr_movements.ending_mrr > 0
),

latest_month as (
    select max(month_start_date) as month_start_date
    from mrr_movements
),

-- each of them twelve months later (an account with no MRR row then counts as 0)
cohorts as (
    select
        earlier.month_start_date_12m_later as month_start_date,
        earlier.tier as tier_12m_ago,
        earlier.tier_rank as tier_rank_12m_ago,
        earlier.account_id,
        earlier.ending_mrr as mrr_12m_ago,
        coalesce(later.ending_mrr, 0) as mrr_now
    from paying_with_tier as earlier
    cross join latest_month
    left join mrr_movements as later
        on
            earlier.account_id = later.account_id
            and earlier.month_start_date_12m_later = later.month_start_date
    where earlier.month_start_date_12m_later <= latest_month.month_start_date
),

final as (
    select
        month_start_date,
        tier_12m_ago,
        min(tier_rank_12m_ago) as tier_rank_12m_ago,
        count(*) as accounts_12m_ago,
        count(case when mrr_now > 0 then 1 end) as accounts_retained,
        cast(sum(mrr_12m_ago) as double) as mrr_12m_ago,
        cast(sum(mrr_now) as double) as mrr_now,
        cast(sum(mrr_now) / sum(mrr_12m_ago) as double) as net_revenue_retention_12m,
        cast(sum(least(mrr_now, mrr_12m_ago)) / sum(mrr_12m_ago) as double)
            as gross_revenue_retention_12m,
        count(case when mrr_now > 0 then 1 end) * 1.0 / count(*) as logo_retention_12m
    from cohorts
    group by month_start_date, tier_12m_ago
)

select * from final
