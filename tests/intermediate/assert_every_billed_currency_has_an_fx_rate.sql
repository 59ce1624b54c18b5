-- Every currency billed in a month of the MRR history has an FX rate in that month or an earlier
-- one (billing/fx_rates; with no FX feed at all, only the reporting currency, at 1). Otherwise that
-- month's MRR cannot be valued in the reporting currency and is null: the build stops here, naming
-- the currency and the first month without a rate, instead of reporting revenue short.
with

subscription_item_periods as (
    select * from {{ ref('int_subscription_item_periods') }}
),

mrr_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
    where mrr is null
),

customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
),

unvalued as (
    select
        subscription_item_periods.currency,
        min(mrr_months.month_start_date) as first_month_without_rate,
        count(distinct mrr_months.account_id) as account_count
    from mrr_months
    inner join customer_accounts
        on mrr_months.account_id = customer_accounts.account_id
    inner join subscription_item_periods
        on customer_accounts.customer_id = subscription_item_periods.customer_id
    group by subscription_item_periods.currency
)

select * from unvalued
