{#- One row per month per segment, plus one row per month for all segments ('All'): MRR, ARR,
    accounts, the month's movements, and retention ratios. Ratios are ratios of sums, null where
    undefined (no base, or less history than the window needs). -#}
with

mrr_movements as (
    select * from {{ ref('int_mrr_movements') }}
),

account_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

account_mrr_12m as (
    select * from {{ ref('int_account_mrr_12m') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

history_start as (
    select min(month_start_date) as first_month_date
    from mrr_movements
),

-- every account counts once in its segment and once in 'All'
account_segments as (
    select distinct
        mrr_movements.account_id,
        coalesce(accounts.segment, 'Unknown') as segment
    from mrr_movements
    left join accounts
        on mrr_movements.account_id = accounts.account_id
    union all
    select distinct
        account_id,
        'All' as segment
    from mrr_movements
),

segmented as (
    select
        mrr_movements.*,
        account_segments.segment
    from mrr_movements
    inner join account_segments
        on mrr_movements.account_id = account_segments.account_id
),

-- every month of the history, those where nobody pays included (they report MRR 0)
months as (
    select distinct month_start_date
    from account_months
),

segments as (
    select distinct segment
    from segmented
),

reporting_currency as (
    select min(currency) as currency
    from mrr_movements
),

month_segments as (
    select
        months.month_start_date,
        segments.segment,
        reporting_currency.currency
    from months
    cross join segments
    cross join reporting_currency
),

monthly as (
    select
        month_start_date,
        segment,
        sum(ending_mrr) as mrr,
        sum(case when ending_mrr > 0 then 1 else 0 end) as active_accounts,
        sum(starting_mrr) as starting_mrr,
        sum(new_mrr) as new_mrr,
        sum(expansion_mrr) as expansion_mrr,
        sum(contraction_mrr) as contraction_mrr,
        sum(churned_mrr) as churned_mrr,
        sum(reactivation_mrr) as reactivation_mrr,
        sum(case when starting_mrr > 0 then 1 else 0 end) as starting_accounts,
        sum(case when starting_mrr > 0 and ending_mrr > 0 then 1 else 0 end)
            as retained_accounts,
        sum(case when movement_type = 'new' then 1 else 0 end) as new_accounts,
        sum(case when movement_type = 'churn' then 1 else 0 end) as churned_accounts,
        sum(case when movement_type = 'reactivation' then 1 else 0 end) as reactivated_accounts
    from segmented
    group by month_start_date, segment
),

-- the accounts with MRR 12 months before each month, rolled up to the segment
trailing_12m as (
    select
        account_mrr_12m.month_start_date,
        account_segments.segment,
        count(*) as base_accounts_12m,
        sum(account_mrr_12m.mrr_12m_ago) as base_mrr_12m,
        sum(account_mrr_12m.mrr) as retained_mrr_12m,
        sum(account_mrr_12m.gross_retained_mrr) as gross_retained_mrr_12m,
        sum(case when account_mrr_12m.is_retained then 1 else 0 end) as retained_accounts_12m
    from account_mrr_12m
    inner join account_segments
        on account_mrr_12m.account_id = account_segments.account_id
    group by account_mrr_12m.month_start_date, account_segments.segment
),

combined as (
    select
        month_segments.month_start_date,
        month_segments.segment,
        month_segments.currency,
        coalesce(monthly.mrr, 0) as mrr,
        coalesce(monthly.active_accounts, 0) as active_accounts,
        coalesce(monthly.starting_mrr, 0) as starting_mrr,
        coalesce(monthly.new_mrr, 0) as new_mrr,
        coalesce(monthly.expansion_mrr, 0) as expansion_mrr,
        coalesce(monthly.contraction_mrr, 0) as contraction_mrr,
        coalesce(monthly.churned_mrr, 0) as churned_mrr,
        coalesce(monthly.reactivation_mrr, 0) as reactivation_mrr,
        coalesce(monthly.starting_accounts, 0) as starting_accounts,
        coalesce(monthly.retained_accounts, 0) as retained_accounts,
        coalesce(monthly.new_accounts, 0) as new_accounts,
        coalesce(monthly.churned_accounts, 0) as churned_accounts,
        coalesce(monthly.reactivated_accounts, 0) as reactivated_accounts,
        coalesce(trailing_12m.base_accounts_12m, 0) as base_accounts_12m,
        coalesce(trailing_12m.base_mrr_12m, 0) as base_mrr_12m,
        coalesce(trailing_12m.retained_mrr_12m, 0) as retained_mrr_12m,
        coalesce(trailing_12m.gross_retained_mrr_12m, 0) as gross_retained_mrr_12m,
        coalesce(trailing_12m.retained_accounts_12m, 0) as retained_accounts_12m,
        -- a month is measurable over a window only when the history covers the window's start
        month_segments.month_start_date > history_start.first_month_date as has_prior_month,
        cast({{ dbt.dateadd('month', -12, 'month_segments.month_start_date') }} as date)
        >= history_start.first_month_date as has_12_months_history
    from month_segments
    cross join history_start
    left join monthly
        on
            month_segments.month_start_date = monthly.month_start_date
            and month_segments.segment = monthly.segment
    left join trailing_12m
        on
            month_segments.month_start_date = trailing_12m.month_start_date
            and month_segments.segment = trailing_12m.segment
),

final as (
    select
        -- keys
        month_start_date,
        segment,
        -- attributes
        currency,
        -- measures: level
        cast(mrr as decimal(18, 2)) as mrr,
        cast(mrr * 12 as decimal(18, 2)) as arr,
        cast(active_accounts as bigint) as active_accounts,
        -- measures: the month's movements
        cast(starting_mrr as decimal(18, 2)) as starting_mrr,
        cast(new_mrr as decimal(18, 2)) as new_mrr,
        cast(expansion_mrr as decimal(18, 2)) as expansion_mrr,
        cast(contraction_mrr as decimal(18, 2)) as contraction_mrr,
        cast(churned_mrr as decimal(18, 2)) as churned_mrr,
        cast(reactivation_mrr as decimal(18, 2)) as reactivation_mrr,
        cast(new_accounts as bigint) as new_accounts,
        cast(churned_accounts as bigint) as churned_accounts,
        cast(reactivated_accounts as bigint) as reactivated_accounts,
        cast(starting_accounts as bigint) as starting_accounts,
        -- measures: trailing 12 months (each ratio's numerator and denominator, then the ratio)
        cast(base_accounts_12m as bigint) as base_accounts_12m,
        cast(retained_accounts_12m as bigint) as retained_accounts_12m,
        cast(base_mrr_12m as decimal(18, 2)) as base_mrr_12m,
        cast(retained_mrr_12m as decimal(18, 2)) as retained_mrr_12m,
        cast(gross_retained_mrr_12m as decimal(18, 2)) as gross_retained_mrr_12m,
        case
            when has_12_months_history and base_mrr_12m > 0
                then cast(retained_mrr_12m as double) / cast(base_mrr_12m as double)
        end as net_revenue_retention_12m,
        case
            when has_12_months_history and base_mrr_12m > 0
                then cast(gross_retained_mrr_12m as double) / cast(base_mrr_12m as double)
        end as gross_revenue_retention_12m,
        case
            when has_12_months_history and base_accounts_12m > 0
                then cast(retained_accounts_12m as double) / cast(base_accounts_12m as double)
        end as logo_retention_12m,
        -- measures: the month over the month before
        case
            when has_prior_month and starting_mrr > 0
                then
                    cast(starting_mrr + expansion_mrr + contraction_mrr + churned_mrr as double)
                    / cast(starting_mrr as double)
        end as net_revenue_retention_1m,
        case
            when has_prior_month and starting_mrr > 0
                then
                    cast(starting_mrr + contraction_mrr + churned_mrr as double)
                    / cast(starting_mrr as double)
        end as gross_revenue_retention_1m,
        case
            when has_prior_month and starting_accounts > 0
                then cast(retained_accounts as double) / cast(starting_accounts as double)
        end as logo_retention_1m,
        case
            when has_prior_month and starting_accounts > 0
                then cast(churned_accounts as double) / cast(starting_accounts as double)
        end as logo_churn_rate_1m,
        case
            when has_prior_month and starting_mrr > 0
                then cast(expansion_mrr as double) / cast(starting_mrr as double)
        end as expansion_rate_1m,
        case
            when has_prior_month and contraction_mrr + churned_mrr < 0
                then
                    cast(new_mrr + expansion_mrr + reactivation_mrr as double)
                    / cast(-(contraction_mrr + churned_mrr) as double)
        end as quick_ratio
    from combined
)

select * from final
