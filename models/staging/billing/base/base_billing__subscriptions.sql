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
        lower(status) as subscription_status,
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

checked as (
    select
        *,
        case
            when subscription_id is null then 'missing_id'
            when started_at is null then 'null_timestamp'
        end as dq_reason,
        subscription_id is not null and customer_id is not null and started_at is not null
        and subscription_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('subscription_id', 'loaded_at desc') }}
)

select * from final
