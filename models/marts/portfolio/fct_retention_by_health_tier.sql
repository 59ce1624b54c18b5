{#- One row per month per health tier the accounts had twelve months earlier: 12-month NRR, GRR and
    logo retention of the accounts paying then, by the tier they were in at that month's end. -#}
with

account_mrr_12m as (
    select * from {{ ref('int_account_mrr_12m') }}
),

health_monthly as (
    select * from {{ ref('int_account_health_monthly') }}
),

-- the retention base with the tier each account held at the end of the base month
base_with_tier as (
    select
        account_mrr_12m.*,
        health_monthly.tier as tier_12m_ago,
        health_monthly.tier_rank as tier_rank_12m_ago
    from account_mrr_12m
    inner join health_monthly
        on
            account_mrr_12m.account_id = health_monthly.account_id
            and account_mrr_12m.month_start_date_12m_ago = health_monthly.month_start_date
),

tier_totals as (
    select
        month_start_date,
        tier_12m_ago,
        min(tier_rank_12m_ago) as tier_rank_12m_ago,
        count(*) as accounts_12m_ago,
        count(case when is_retained then 1 end) as accounts_retained,
        sum(mrr_12m_ago) as mrr_12m_ago,
        sum(mrr) as mrr_now,
        sum(gross_retained_mrr) as gross_retained_mrr
    from base_with_tier
    group by month_start_date, tier_12m_ago
),

final as (
    select
        -- keys
        month_start_date,
        tier_12m_ago,
        -- attributes
        tier_rank_12m_ago,
        -- measures
        accounts_12m_ago,
        accounts_retained,
        cast(mrr_12m_ago as decimal(18, 2)) as mrr_12m_ago,
        cast(mrr_now as decimal(18, 2)) as mrr_now,
        cast(mrr_now as double) / cast(mrr_12m_ago as double) as net_revenue_retention_12m,
        cast(gross_retained_mrr as double) / cast(mrr_12m_ago as double)
            as gross_revenue_retention_12m,
        cast(accounts_retained as double) / cast(accounts_12m_ago as double)
            as logo_retention_12m
    from tier_totals
)

select * from final
