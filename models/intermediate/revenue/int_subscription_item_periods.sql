{#- One row per stretch of time over which a subscription's price carried a quantity, from the
    billing history (invoice lines) or, where the history stops, from the current subscription items.
    A row is in force at instants t with valid_from_at <= t < valid_to_at (null: open-ended);
    quantities of overlapping rows for the same subscription and price add up. -#}
with

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

subscription_items as (
    select * from {{ ref('stg_billing__subscription_items') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

invoice_line_items as (
    select * from {{ ref('stg_billing__invoice_line_items') }}
),

prices as (
    select * from {{ ref('stg_billing__prices') }}
),

warehouse_as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

-- When each subscription pays: from the end of its trial until it ends. A paused subscription
-- carries no date for its pause, so it stops counting at the as-of date (its status is the
-- present); cancel_at_period_end keeps it counting until its current period ends.
subscription_bounds as (
    select
        subscriptions.subscription_id,
        subscriptions.customer_id,
        subscriptions.subscription_status,
        cast(warehouse_as_of.as_of_date as {{ dbt.type_timestamp() }}) as as_of_at,
        case
            when subscriptions.trial_end_at > subscriptions.started_at
                then subscriptions.trial_end_at
            else subscriptions.started_at
        end as paying_from_at,
        case
            when subscriptions.ended_at is not null then subscriptions.ended_at
            when subscriptions.subscription_status = 'canceled'
                then coalesce(
                    case
                        when subscriptions.is_cancel_at_period_end
                            then subscriptions.current_period_end_at
                    end,
                    subscriptions.canceled_at,
                    subscriptions.current_period_end_at
                )
            when subscriptions.subscription_status = 'paused'
                then cast(warehouse_as_of.as_of_date as {{ dbt.type_timestamp() }})
            when subscriptions.is_cancel_at_period_end then subscriptions.current_period_end_at
        end as paying_until_at
    from subscriptions
    cross join warehouse_as_of
),

-- Recurring lines say what each period billed. A proration pair marks a change inside a period:
-- the credit (negative amount) takes the old quantity away from the change on, the charge adds
-- the new one, so quantities summed at any instant give the state then. Proration amounts are
-- never used as MRR. Lines of void invoices are replaced by their re-issue and dropped.
billed_lines as (
    select
        invoice_line_items.invoice_line_item_id as subscription_item_period_id,
        invoice_line_items.subscription_id,
        invoice_line_items.price_id,
        case
            when not invoice_line_items.is_proration then 'invoice_line'
            when invoice_line_items.amount < 0 then 'proration_credit'
            else 'proration_charge'
        end as period_source,
        case
            when invoice_line_items.is_proration and invoice_line_items.amount < 0
                then -invoice_line_items.quantity
            else invoice_line_items.quantity
        end as quantity,
        invoice_line_items.period_start_at as valid_from_at,
        invoice_line_items.period_end_at as valid_to_at
    from invoice_line_items
    inner join invoices
        on invoice_line_items.invoice_id = invoices.invoice_id
    where
        invoices.invoice_status != 'void'
        and invoice_line_items.period_end_at is not null
        and (
            (invoice_line_items.line_type = 'subscription' and not invoice_line_items.is_proration)
            or invoice_line_items.is_proration
        )
),

history_coverage as (
    select
        subscription_id,
        max(case when period_source = 'invoice_line' then valid_to_at end) as covered_until_at
    from billed_lines
    group by subscription_id
),

subscriptions_with_items as (
    select distinct subscription_id
    from subscription_items
),

-- The current items take over where the history stops: after the last billed period, and at
-- the as-of date in any case, since changes not yet invoiced (pending prorations) are only there.
handover as (
    select
        subscription_bounds.subscription_id,
        case
            when subscriptions_with_items.subscription_id is null then null
            when
                coalesce(history_coverage.covered_until_at, subscription_bounds.paying_from_at)
                < subscription_bounds.as_of_at
                then coalesce(history_coverage.covered_until_at, subscription_bounds.paying_from_at)
            else subscription_bounds.as_of_at
        end as items_from_at
    from subscription_bounds
    left join history_coverage
        on subscription_bounds.subscription_id = history_coverage.subscription_id
    left join subscriptions_with_items
        on subscription_bounds.subscription_id = subscriptions_with_items.subscription_id
),

history_periods as (
    select
        billed_lines.subscription_item_period_id,
        billed_lines.subscription_id,
        billed_lines.price_id,
        billed_lines.period_source,
        billed_lines.quantity,
        billed_lines.valid_from_at,
        case
            when handover.items_from_at < billed_lines.valid_to_at then handover.items_from_at
            else billed_lines.valid_to_at
        end as valid_to_at
    from billed_lines
    inner join handover
        on billed_lines.subscription_id = handover.subscription_id
),

item_periods as (
    select
        subscription_items.subscription_item_id as subscription_item_period_id,
        subscription_items.subscription_id,
        subscription_items.price_id,
        'current_item' as period_source,
        subscription_items.quantity,
        handover.items_from_at as valid_from_at,
        cast(null as {{ dbt.type_timestamp() }}) as valid_to_at
    from subscription_items
    inner join handover
        on subscription_items.subscription_id = handover.subscription_id
),

all_periods as (
    select * from history_periods
    union all
    select * from item_periods
),

-- Trials count nothing: every period is clipped to the subscription's paying window.
clipped as (
    select
        all_periods.subscription_item_period_id,
        all_periods.subscription_id,
        subscription_bounds.customer_id,
        all_periods.price_id,
        subscription_bounds.subscription_status,
        all_periods.period_source,
        all_periods.quantity,
        subscription_bounds.paying_from_at,
        subscription_bounds.paying_until_at,
        case
            when all_periods.valid_from_at < subscription_bounds.paying_from_at
                then subscription_bounds.paying_from_at
            else all_periods.valid_from_at
        end as valid_from_at,
        case
            when all_periods.valid_to_at is null then subscription_bounds.paying_until_at
            when subscription_bounds.paying_until_at < all_periods.valid_to_at
                then subscription_bounds.paying_until_at
            else all_periods.valid_to_at
        end as valid_to_at
    from all_periods
    inner join subscription_bounds
        on all_periods.subscription_id = subscription_bounds.subscription_id
),

-- Prices normalized to a month: per-period price x periods per year / 12 / interval_count, i.e.
-- week x 52/12, day x 365/12, year / 12; one division, so exact amounts stay exact.
priced as (
    select
        clipped.*,
        prices.currency,
        prices.unit_amount,
        prices.billing_interval,
        prices.billing_interval_count,
        case prices.billing_interval
            when 'day' then 365
            when 'week' then 52
            when 'month' then 12
            when 'year' then 1
        end as intervals_per_year
    from clipped
    left join prices
        on clipped.price_id = prices.price_id
),

final as (
    select
        -- keys
        subscription_item_period_id,
        subscription_id,
        customer_id,
        price_id,
        -- attributes
        subscription_status,
        period_source,
        currency,
        billing_interval,
        billing_interval_count,
        -- measures
        quantity,
        unit_amount,
        quantity * unit_amount * intervals_per_year / (12e0 * billing_interval_count)
            as monthly_amount,
        -- timestamps
        valid_from_at,
        valid_to_at,
        paying_from_at,
        paying_until_at
    from priced
    where valid_to_at is null or valid_from_at < valid_to_at
)

select * from final
