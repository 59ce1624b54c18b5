with

source as (
    {{ raw_source('billing', 'subscriptions') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as subscription_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        -- attributes
        lower(trim(status)) as subscription_status,
        -- flags
        coalesce(cancel_at_period_end, false) as is_cancel_at_period_end,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ epoch_to_timestamp('start_date') }} as started_at,
        {{ epoch_to_timestamp('current_period_start') }} as current_period_start_at,
        {{ epoch_to_timestamp('current_period_end') }} as current_period_end_at,
        {{ epoch_to_timestamp('trial_start') }} as trial_start_at,
        {{ epoch_to_timestamp('trial_end') }} as trial_end_at,
        {{ epoch_to_timestamp('canceled_at') }} as canceled_at,
        {{ epoch_to_timestamp('ended_at') }} as ended_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

-- The MRR rules are written for these six statuses; any other (incomplete, a typo) is set aside
-- rather than counted as live.
checked as (
    select
        *,
        case
            when subscription_id is null then 'missing_id'
            when started_at is null then 'null_timestamp'
            when
                {{ is_unknown_value(
                    'subscription_status',
                    ['trialing', 'active', 'past_due', 'unpaid', 'paused', 'canceled']
                ) }}
                then 'unknown_subscription_status'
            when
                {{ is_out_of_window(
                    happened=[
                        'created_at', 'started_at', 'current_period_start_at', 'trial_start_at',
                        'canceled_at', 'ended_at'
                    ],
                    planned=['current_period_end_at', 'trial_end_at']
                ) }}
                then 'out_of_range_timestamp'
            when
                current_period_end_at < current_period_start_at
                or trial_end_at < trial_start_at
                or ended_at < started_at then 'period_ends_before_start'
        end as dq_row_reason,
        subscription_id is not null and customer_id is not null and started_at is not null
        and subscription_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('subscription_id', 'loaded_at desc') }}
)

select * from final
