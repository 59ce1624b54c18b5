with

source as (
    select * from read_parquet('/tmp/hs_demo/product/tracks/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as track_id,
        cast(user_id as TEXT) as user_id,
        cast(anonymous_id as TEXT) as anonymous_id,
        cast(context_group_id as TEXT) as account_ref_raw,
        nullif(upper(trim(context_group_id)), '') as account_ref,
        -- attributes
        lower(trim(event)) as event_name,
        event_text,
        -- timestamps
        try_cast("timestamp" as timestamp) as event_at,
        try_cast(sent_at as timestamp) as sent_at,
        try_cast(received_at as timestamp) as received_at,
        try_cast(uuid_ts as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        received_at > 

    (event_at + cast(1 as bigint) * interval 1 day) as is_late_arriving,
        case
            when track_id is null then 'missing_id'
            when event_at is null then 'null_timestamp'
            -- a client clock ahead of the server by more than a day cannot be trusted
            when event_at > 

    (received_at + cast(1 as bigint) * interval 1 day) then 'future_timestamp'
        end as dq_reason,
        track_id is not null and user_id is not null and account_ref is not null
        and event_name is not null and event_at is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(track_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by track_id, dq_reason is null
            order by received_at desc, loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final