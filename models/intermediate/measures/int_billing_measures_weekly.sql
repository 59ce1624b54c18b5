{#- One row per account per week: licensed seats (the quantities int_subscription_item_periods, the
    periods MRR is built from, has in force at the week's end), contract and renewal timing from the
    billed periods in force then, and payment failures up to the week's end. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
),

subscription_item_periods as (
    select * from {{ ref('int_subscription_item_periods') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

subscription_items as (
    select * from {{ ref('stg_billing__subscription_items') }}
),

prices as (
    select * from {{ ref('stg_billing__prices') }}
),

-- a billing period steps back at most this many intervals from the current one (10 years of weeks)
interval_steps as (
    {{ dbt.generate_series(520) }}
),

invoice_line_items as (
    select * from {{ ref('stg_billing__invoice_line_items') }}
),

charges as (
    select * from {{ ref('stg_billing__charges') }}
),

-- Seats are the quantities in force at the week's end (a period counts when it started before the
-- next day and ends at or after it, as MRR's month-end snapshot): recurring lines without void
-- copies, mid-period changes from their proration, current items where the history stops.
seats_in_force as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        sum(subscription_item_periods.quantity) as licensed_seats
    from account_weeks
    inner join customer_accounts
        on account_weeks.account_id = customer_accounts.account_id
    inner join subscription_item_periods
        on
            customer_accounts.customer_id = subscription_item_periods.customer_id
            and subscription_item_periods.valid_from_at
            < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
            and (
                subscription_item_periods.valid_to_at is null
                or subscription_item_periods.valid_to_at
                >= {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
            )
    group by account_weeks.account_id, account_weeks.week_start_date
),

-- Renewal timing needs whole billing periods (the item periods are cut at the as-of date and at
-- the paying window), so it reads the recurring lines; a void invoice's lines are its re-issue's.
invoiced_periods as (
    select
        customer_accounts.account_id,
        invoice_line_items.subscription_id,
        invoice_line_items.period_start_at,
        invoice_line_items.period_end_at,
        -- noqa: disable=LT05
        {{ dbt.datediff('invoice_line_items.period_start_at', 'invoice_line_items.period_end_at', 'day') }}
            as period_days
    -- noqa: enable=LT05
    from invoice_line_items
    inner join invoices
        on invoice_line_items.invoice_id = invoices.invoice_id
    inner join subscriptions
        on invoice_line_items.subscription_id = subscriptions.subscription_id
    inner join customer_accounts
        on subscriptions.customer_id = customer_accounts.customer_id
    where
        invoices.invoice_status != 'void'
        and invoice_line_items.line_type = 'subscription'
        and not invoice_line_items.is_proration
),

-- A subscription with no invoice lines in the warehouse (a company that exports subscriptions but
-- not invoices) bills in periods of its price's interval: step back from its current period.
subscription_intervals as (
    select
        subscription_items.subscription_id,
        max(prices.billing_interval) as billing_interval,
        max(prices.billing_interval_count) as billing_interval_count
    from subscription_items
    inner join prices
        on subscription_items.price_id = prices.price_id
    group by subscription_items.subscription_id
),

uninvoiced_subscriptions as (
    select
        customer_accounts.account_id,
        subscriptions.subscription_id,
        subscriptions.started_at,
        subscriptions.current_period_end_at,
        subscription_intervals.billing_interval,
        subscription_intervals.billing_interval_count
    from subscriptions
    inner join customer_accounts
        on subscriptions.customer_id = customer_accounts.customer_id
    inner join subscription_intervals
        on subscriptions.subscription_id = subscription_intervals.subscription_id
    where
        subscriptions.current_period_end_at is not null
        and subscriptions.subscription_id not in (
            select invoiced_periods.subscription_id from invoiced_periods
            where invoiced_periods.subscription_id is not null
        )
),

-- the n-th period back ends n - 1 intervals before the current period's end
stepped_periods as (
    select
        uninvoiced_subscriptions.account_id,
        {%- for bound, steps in [('end', 'interval_steps.generated_number - 1'),
                                 ('start', 'interval_steps.generated_number')] %}
            case uninvoiced_subscriptions.billing_interval
                {%- for unit in ['day', 'week', 'month', 'year'] %}
                    when '{{ unit }}' then {{ dbt.dateadd(
                        unit,
                        '-(' ~ steps ~ ') * uninvoiced_subscriptions.billing_interval_count',
                        'uninvoiced_subscriptions.current_period_end_at'
                    ) }}
                {%- endfor %}
            end as period_{{ bound }}_at,
        {%- endfor %}
        uninvoiced_subscriptions.started_at
    from uninvoiced_subscriptions
    cross join interval_steps
),

billed_periods as (
    select
        account_id,
        period_start_at,
        period_end_at,
        period_days
    from invoiced_periods
    union all
    select
        account_id,
        period_start_at,
        period_end_at,
        -- noqa: disable=LT05
        {{ dbt.datediff('period_start_at', 'period_end_at', 'day') }} as period_days
    -- noqa: enable=LT05
    from stepped_periods
    where period_end_at > started_at
),

periods_in_force as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        min(billed_periods.period_end_at) as current_period_end_at,
        max(billed_periods.period_days) as longest_period_days
    from account_weeks
    inner join billed_periods
        on
            account_weeks.account_id = billed_periods.account_id
            and billed_periods.period_start_at
            < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
            and billed_periods.period_end_at
            >= {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

account_charges as (
    select
        customer_accounts.account_id,
        charges.is_failed,
        charges.created_at
    from charges
    inner join customer_accounts
        on charges.customer_id = customer_accounts.customer_id
),

charge_windows as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(case
            when
                account_charges.is_failed
                and account_charges.created_at
                > {{ dbt.dateadd('day', -90, 'account_weeks.week_end_date') }}
                then 1
        end) as failed_payments_90d,
        max(case when account_charges.is_failed then account_charges.created_at end)
            as last_failed_at,
        max(case when not account_charges.is_failed then account_charges.created_at end)
            as last_succeeded_at
    from account_weeks
    inner join account_charges
        on
            account_weeks.account_id = account_charges.account_id
            and account_charges.created_at
            < {{ dbt.dateadd('day', 1, 'account_weeks.week_end_date') }}
    group by account_weeks.account_id, account_weeks.week_start_date
),

final as (
    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        seats_in_force.licensed_seats,
        seats_in_force.licensed_seats * 1.0e0 / nullif(
            lag(seats_in_force.licensed_seats, 13) over (
                partition by account_weeks.account_id order by account_weeks.week_start_date
            ),
            0
        ) - 1 as seat_trend_90d,
        coalesce(charge_windows.failed_payments_90d, 0) as failed_payments_90d,
        coalesce(
            charge_windows.last_failed_at
            > {{ dbt.dateadd('day', -28, 'account_weeks.week_end_date') }}
            and (
                charge_windows.last_succeeded_at is null
                or charge_windows.last_succeeded_at < charge_windows.last_failed_at
            ),
            false
        ) as is_past_due,
        -- noqa: disable=LT05
        {{ dbt.datediff('account_weeks.week_end_date', 'periods_in_force.current_period_end_at', 'day') }}
            as days_to_renewal,
        -- noqa: enable=LT05
        periods_in_force.longest_period_days >= 360 as is_annual_contract
    from account_weeks
    left join seats_in_force
        on
            account_weeks.account_id = seats_in_force.account_id
            and account_weeks.week_start_date = seats_in_force.week_start_date
    left join periods_in_force
        on
            account_weeks.account_id = periods_in_force.account_id
            and account_weeks.week_start_date = periods_in_force.week_start_date
    left join charge_windows
        on
            account_weeks.account_id = charge_windows.account_id
            and account_weeks.week_start_date = charge_windows.week_start_date
)

select * from final
