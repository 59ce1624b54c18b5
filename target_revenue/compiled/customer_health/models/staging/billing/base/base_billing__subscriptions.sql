with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/subscriptions/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as subscription_id,
        cast(customer_id as TEXT) as customer_id,
        -- attributes
        lower(status) as subscription_status,
        -- flags
        coalesce(cancel_at_period_end, false) as is_cancel_at_period_end,
        -- timestamps
        make_timestamp(try_cast(created as bigint) * 1000000) as created_at,
        make_timestamp(try_cast(start_date as bigint) * 1000000) as started_at,
        make_timestamp(try_cast(current_period_start as bigint) * 1000000) as current_period_start_at,
        make_timestamp(try_cast(current_period_end as bigint) * 1000000) as current_period_end_at,
        make_timestamp(try_cast(trial_start as bigint) * 1000000) as trial_start_at,
        make_timestamp(try_cast(trial_end as bigint) * 1000000) as trial_end_at,
        make_timestamp(try_cast(canceled_at as bigint) * 1000000) as canceled_at,
        make_timestamp(try_cast(ended_at as bigint) * 1000000) as ended_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
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
    select
        *,
        cast(subscription_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by subscription_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final