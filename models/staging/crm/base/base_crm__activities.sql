with

source as (
    {{ raw_source('crm', 'activity') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as activity_id,
        {{ normalize_id('account_id') }} as account_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id_raw,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,
        -- attributes
        type as activity_type,
        subject,
        status as activity_status,
        -- flags
        coalesce(status = 'Completed', false) as is_completed,
        coalesce(status = 'Cancelled', false) as is_cancelled,
        coalesce(status = 'No Show', false) as is_no_show,
        coalesce(is_deleted, false) as is_deleted,
        -- dates and timestamps
        {{ safe_cast('activity_date', 'date') }} as activity_date,
        {{ safe_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('system_modstamp', dbt.type_timestamp()) }} as modified_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when activity_id is null then 'missing_id'
            when activity_date is null then 'null_timestamp'
            when
                {{ is_unknown_value(
                    'activity_status', ['Scheduled', 'Completed', 'Cancelled', 'No Show']
                ) }}
                then 'unknown_activity_status'
            when
                {{ is_out_of_window(
                    happened=['created_at', 'modified_at'], planned=['activity_date']
                ) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        activity_id is not null and account_id is not null and activity_date is not null
        and activity_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('activity_id', 'modified_at desc, loaded_at desc', version='modified_at') }}
)

select * from final
