{#- One row per real account per ISO week (Monday start), from the week of the account's first
    subscription or product activity to the week its last subscription stopped paying, or the as-of
    week. Weeks before the product history begins are not scored: with no usage data they would read
    as dormant. -#}
with

as_of as (
    select
        as_of_date,
        cast({{ dbt.date_trunc('week', 'as_of_date') }} as date) as as_of_week
    from {{ ref('int_warehouse_as_of') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

subscription_item_periods as (
    select * from {{ ref('int_subscription_item_periods') }}
),

user_weeks as {{ inlined() }} (
    select * from {{ ref('int_account_user_weeks') }}
),

-- ten years of weeks is more history than any scorecard reads
week_numbers as (
    {{ dbt.generate_series(520) }}
),

-- A subscription ends when it stops paying, as the MRR model decides it: a notice
-- (cancel_at_period_end) pays until its period ends. One that never paid ended when it ended.
paying_windows as (
    select distinct
        subscription_id,
        paying_until_at
    from subscription_item_periods
),

subscription_ends as (
    select
        subscriptions.customer_id,
        subscriptions.started_at,
        case
            when paying_windows.subscription_id is not null then paying_windows.paying_until_at
            else coalesce(subscriptions.ended_at, subscriptions.canceled_at)
        end as ended_at
    from subscriptions
    left join paying_windows
        on subscriptions.subscription_id = paying_windows.subscription_id
),

account_subscriptions as (
    select
        customer_accounts.account_id,
        min(subscription_ends.started_at) as first_started_at,
        -- null while any subscription is live
        max(subscription_ends.ended_at) as last_ended_at,
        count(*) - count(subscription_ends.ended_at) as live_count
    from subscription_ends
    inner join customer_accounts
        on subscription_ends.customer_id = customer_accounts.customer_id
    group by customer_accounts.account_id
),

first_activity as (
    select
        account_id,
        min(week_start_date) as first_active_week
    from user_weeks
    group by account_id
),

product_history as (
    select min(week_start_date) as first_history_week
    from user_weeks
),

account_starts as (
    select
        accounts.account_id,
        accounts.segment,
        cast({{ dbt.date_trunc('week', 'account_subscriptions.first_started_at') }} as date)
            as first_subscription_week,
        first_activity.first_active_week,
        account_subscriptions.live_count,
        cast({{ dbt.date_trunc('week', 'account_subscriptions.last_ended_at') }} as date)
            as last_ended_week
    from accounts
    left join account_subscriptions
        on accounts.account_id = account_subscriptions.account_id
    left join first_activity
        on accounts.account_id = first_activity.account_id
),

account_bounds as (
    select
        account_starts.account_id,
        account_starts.segment,
        -- the earlier of first subscription and first activity, whichever exist
        least(
            coalesce(account_starts.first_subscription_week, account_starts.first_active_week),
            coalesce(account_starts.first_active_week, account_starts.first_subscription_week)
        ) as account_start_date,
        case
            when account_starts.live_count = 0
                then least(account_starts.last_ended_week, as_of.as_of_week)
            else as_of.as_of_week
        end as last_week_start_date,
        product_history.first_history_week,
        as_of.as_of_date
    from account_starts
    cross join as_of
    cross join product_history
),

first_weeks as (
    select
        *,
        greatest(first_history_week, account_start_date) as first_week_start_date
    from account_bounds
),

candidate_weeks as (
    select
        first_weeks.*,
        cast(
            {{ dbt.dateadd('week', 'week_numbers.generated_number - 1', 'first_week_start_date') }}
            as date
        ) as week_start_date
    from first_weeks
    cross join week_numbers
),

final as (
    select
        account_id,
        week_start_date,
        -- the week's last day, or the as-of date for the current, unfinished week
        least(cast({{ dbt.dateadd('day', 6, 'week_start_date') }} as date), as_of_date)
            as week_end_date,
        segment,
        account_start_date,
        {{ dbt.datediff('account_start_date', 'week_start_date', 'day') }} + 6 as tenure_days  -- noqa: LT05
    from candidate_weeks
    where week_start_date <= last_week_start_date
)

select * from final
