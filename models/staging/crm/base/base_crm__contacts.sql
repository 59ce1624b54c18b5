with

source as (
    {{ raw_source('crm', 'contact') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as contact_id,
        {{ normalize_id('account_id') }} as account_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id_raw,
        -- attributes
        first_name,
        last_name,
        lower(trim(email)) as email,
        title,
        contact_role__c as contact_role,
        -- flags
        coalesce(contact_role__c = 'Champion', false) as is_champion,
        coalesce(contact_role__c = 'Executive Sponsor', false) as is_executive_sponsor,
        left_company_date__c is not null as has_left_company,
        coalesce(is_deleted, false) as is_deleted,
        -- dates and timestamps
        {{ safe_cast('left_company_date__c', dbt.type_timestamp()) }} as left_company_at,
        {{ safe_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('system_modstamp', dbt.type_timestamp()) }} as modified_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when contact_id is null then 'missing_id'
            when
                {{ is_unknown_value(
                    'contact_role', ['Champion', 'Executive Sponsor', 'User', 'Billing'],
                    nullable=true
                ) }}
                then 'unknown_contact_role'
            when {{ is_out_of_window(happened=['created_at', 'modified_at', 'left_company_at']) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        contact_id is not null and account_id is not null and created_at is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('contact_id', 'modified_at desc, loaded_at desc', version='modified_at') }}
)

select * from final
