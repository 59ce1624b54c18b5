with

source as (
    {{ raw_source('crm', 'account') }}
),

renamed as (
    select
        -- keys
        {{ normalize_id('id') }} as account_id,
        cast(id as {{ dbt.type_string() }}) as account_id_raw,
        {{ normalize_id('parent_id') }} as parent_account_id,
        cast(owner_id as {{ dbt.type_string() }}) as owner_user_id,
        -- attributes
        trim(name) as account_name,
        type as account_type,
        segment__c as segment,
        industry,
        billing_country,
        {{ safe_cast('number_of_employees', dbt.type_int()) }} as employee_count,
        -- flags
        coalesce(type in ('Internal', 'Test'), false) as is_test_account,
        coalesce(is_deleted, false) as is_deleted,
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
            when account_id is null then 'missing_id'
        end as dq_reason,
        account_id is not null and account_name is not null and owner_user_id is not null
        and created_at is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('account_id', 'modified_at desc, loaded_at desc') }}
)

select * from final
