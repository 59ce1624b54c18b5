with

source as (
    {{ raw_source('product', 'identifies') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as identify_id,
        cast(user_id as {{ dbt.type_string() }}) as user_id,
        cast(anonymous_id as {{ dbt.type_string() }}) as anonymous_id,
        cast(context_group_id as {{ dbt.type_string() }}) as account_ref_raw,
        {{ normalize_id('context_group_id') }} as account_ref,
        -- attributes
        lower(trim(email)) as email,
        name as user_name,
        lower(trim(role)) as user_role,
        -- timestamps
        {{ safe_cast(adapter.quote('timestamp'), dbt.type_timestamp()) }} as identified_at,
        {{ safe_cast('received_at', dbt.type_timestamp()) }} as received_at,
        {{ safe_cast('uuid_ts', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when identify_id is null then 'missing_id'
            when user_id is null then 'missing_user_id'
            when identified_at is null then 'null_timestamp'
            when {{ is_out_of_window(happened=['identified_at', 'received_at']) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        identify_id is not null and user_id is not null and account_ref is not null
        and identified_at is not null as dq_is_key_complete
    from renamed
),

-- a retry re-sends the same message: only its delivery times differ
final as (
    {{ classify_copies(
        'identify_id',
        'received_at desc, loaded_at desc',
        load_columns=['loaded_at', 'received_at']
    ) }}
)

select * from final
