with

source as (
    {{ raw_source('crm', 'user') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as user_id,
        -- attributes
        name as user_name,
        lower(trim(email)) as email,
        user_role,
        -- flags
        coalesce(is_active, false) as is_active,
        -- timestamps
        {{ safe_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('system_modstamp', dbt.type_timestamp()) }} as modified_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when user_id is null then 'missing_id'
        end as dq_reason,
        user_id is not null and user_name is not null and user_role is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('user_id', 'modified_at desc, loaded_at desc') }}
)

select * from final
