with

source as (
    select * from read_parquet('/tmp/hs_demo/product/identifies/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as identify_id,
        cast(user_id as TEXT) as user_id,
        cast(anonymous_id as TEXT) as anonymous_id,
        cast(context_group_id as TEXT) as account_ref_raw,
        nullif(upper(trim(context_group_id)), '') as account_ref,
        -- attributes
        lower(trim(email)) as email,
        name as user_name,
        lower(trim(role)) as user_role,
        -- timestamps
        try_cast("timestamp" as timestamp) as identified_at,
        try_cast(received_at as timestamp) as received_at,
        try_cast(uuid_ts as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when identify_id is null then 'missing_id'
            when user_id is null then 'missing_user_id'
            when identified_at is null then 'null_timestamp'
        end as dq_reason,
        identify_id is not null and user_id is not null and account_ref is not null
        and identified_at is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(identify_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by identify_id, dq_reason is null
            order by received_at desc, loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final