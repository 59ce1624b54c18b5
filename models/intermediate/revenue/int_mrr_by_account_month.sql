{#- One row per CRM account per month, from the account's first month with MRR to the as-of month:
    the MRR in force at the end of the month (at the end of the as-of date for the as-of month),
    in the reporting currency at that month's FX rate. -#}
{%- set reporting_currency = var('reporting_currency', 'usd') | lower -%}

with

subscription_item_periods as (
    select * from {{ ref('int_subscription_item_periods') }}
),

customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
),

staged_fx_rates as (
    select * from {{ ref('stg_billing__fx_rates') }}
),

warehouse_as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

-- A company that bills only in the reporting currency may have no FX feed at all: its rate is 1
-- from the first month anything was billed. Any other currency then has no rate: its MRR is null.
fx_rates as (
    select
        month_start_date,
        currency,
        rate_to_usd
    from staged_fx_rates
    union all
    select
        cast({{ dbt.date_trunc('month', 'min(valid_from_at)') }} as date) as month_start_date,
        '{{ reporting_currency }}' as currency,
        1.0 as rate_to_usd
    from subscription_item_periods
    where not exists (select 1 from staged_fx_rates)
),

fx_coverage as (
    select min(month_start_date) as first_month_date
    from fx_rates
),

month_numbers as (
    -- 1200 months, a century: more than any billing history; cut to the as-of month below
    {{ dbt.generate_series(1200) }}
),

as_of_bounds as (
    select
        as_of_date,
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }})
            as as_of_end_at
    from warehouse_as_of
),

-- The history starts with the FX feed: before it no month can be valued in the reporting currency.
month_starts as (
    select
        cast(
            {{ dbt.dateadd('month', 'month_numbers.generated_number - 1',
                'fx_coverage.first_month_date') }} as date
        ) as month_start_date,
        cast(
            {{ dbt.dateadd('month', 'month_numbers.generated_number',
                'fx_coverage.first_month_date') }} as {{ dbt.type_timestamp() }}
        ) as next_month_start_at
    from month_numbers
    cross join fx_coverage
),

-- The month-end snapshot is the first instant of the next month, exclusive: what is in force at
-- the last moment of the month. The as-of month is cut at the end of the as-of date.
months as (
    select
        month_starts.month_start_date,
        case
            when month_starts.next_month_start_at > as_of_bounds.as_of_end_at
                then as_of_bounds.as_of_end_at
            else month_starts.next_month_start_at
        end as snapshot_at
    from month_starts
    cross join as_of_bounds
    where month_starts.month_start_date <= as_of_bounds.as_of_date
),

subscription_months as (
    select
        customer_accounts.account_id,
        subscription_item_periods.subscription_id,
        subscription_item_periods.currency,
        months.month_start_date,
        -- money is summed in decimal: exact, so the cent a sum rounds to does not depend on the
        -- order of the sum
        sum(cast(subscription_item_periods.monthly_amount as decimal(28, 10))) as monthly_amount
    from subscription_item_periods
    inner join customer_accounts
        on subscription_item_periods.customer_id = customer_accounts.customer_id
    inner join months
        on
            subscription_item_periods.valid_from_at < months.snapshot_at
            and (
                subscription_item_periods.valid_to_at is null
                or subscription_item_periods.valid_to_at >= months.snapshot_at
            )
    group by
        customer_accounts.account_id,
        subscription_item_periods.subscription_id,
        subscription_item_periods.currency,
        months.month_start_date
),

-- A month without a published rate takes the latest earlier one.
fx_rates_ranked as (
    select
        months.month_start_date,
        fx_rates.currency,
        fx_rates.rate_to_usd,
        row_number() over (
            partition by months.month_start_date, fx_rates.currency
            order by fx_rates.month_start_date desc
        ) as recency
    from months
    inner join fx_rates
        on months.month_start_date >= fx_rates.month_start_date
),

fx_by_month as (
    select
        month_start_date,
        currency,
        rate_to_usd
    from fx_rates_ranked
    where recency = 1
),

converted as (
    select
        subscription_months.account_id,
        subscription_months.subscription_id,
        subscription_months.month_start_date,
        cast(
            subscription_months.monthly_amount
            * source_rates.rate_to_usd
            / reporting_rates.rate_to_usd
            as decimal(28, 10)
        ) as mrr
    from subscription_months
    left join fx_by_month as source_rates
        on
            subscription_months.month_start_date = source_rates.month_start_date
            and subscription_months.currency = source_rates.currency
    left join fx_by_month as reporting_rates
        on
            subscription_months.month_start_date = reporting_rates.month_start_date
            and reporting_rates.currency = '{{ reporting_currency }}'
),

account_mrr as (
    select
        account_id,
        month_start_date,
        -- a missing FX rate leaves the month null, never silently short
        case when count(mrr) = count(*) then sum(mrr) end as mrr,
        cast(sum(case when mrr > 0 then 1 else 0 end) as bigint) as paying_subscription_count
    from converted
    group by account_id, month_start_date
),

first_months as (
    select
        account_id,
        min(month_start_date) as first_mrr_month_date
    from account_mrr
    where mrr > 0 or mrr is null
    group by account_id
),

-- An account already paying when the billing history begins: its first month here is where the
-- history starts, not where its revenue did (a subscription was paying at the end of the month
-- before, which the history cannot value).
pre_history_accounts as (
    select distinct first_months.account_id
    from first_months
    inner join customer_accounts
        on first_months.account_id = customer_accounts.account_id
    inner join subscription_item_periods
        on customer_accounts.customer_id = subscription_item_periods.customer_id
    cross join fx_coverage
    where
        first_months.first_mrr_month_date = fx_coverage.first_month_date
        and subscription_item_periods.paying_from_at
        < cast(first_months.first_mrr_month_date as {{ dbt.type_timestamp() }})
        and (
            subscription_item_periods.paying_until_at is null
            or subscription_item_periods.paying_until_at
            >= cast(first_months.first_mrr_month_date as {{ dbt.type_timestamp() }})
        )
),

account_month_spine as (
    select
        first_months.account_id,
        first_months.first_mrr_month_date,
        months.month_start_date
    from first_months
    inner join months
        on first_months.first_mrr_month_date <= months.month_start_date
),

final as (
    select
        -- keys
        account_month_spine.account_id,
        account_month_spine.month_start_date,
        -- attributes
        '{{ reporting_currency }}' as currency,
        -- measures
        case
            when account_mrr.account_id is null then cast(0 as decimal(18, 2))
            else cast(round(account_mrr.mrr, 2) as decimal(18, 2))
        end as mrr,
        coalesce(account_mrr.paying_subscription_count, 0) as paying_subscription_count,
        -- flags
        pre_history_accounts.account_id is not null as has_mrr_before_history,
        -- dates
        account_month_spine.first_mrr_month_date
    from account_month_spine
    left join account_mrr
        on
            account_month_spine.account_id = account_mrr.account_id
            and account_month_spine.month_start_date = account_mrr.month_start_date
    left join pre_history_accounts
        on account_month_spine.account_id = pre_history_accounts.account_id
)

select * from final
