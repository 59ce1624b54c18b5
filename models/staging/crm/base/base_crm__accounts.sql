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

-- Two CRM records whose ids differ only by case or padding (Salesforce's 15-character ids are
-- case-sensitive) are one account in matching form: no reference can say which it means. Type,
-- segment and employee count are the company's own categories: never a reason to set an account
-- (and its revenue) aside; tests on them warn.
checked as (
    select
        *,
        case
            when account_id is null then 'missing_id'
            when
                min(account_id_raw) over (partition by account_id)
                != max(account_id_raw) over (partition by account_id)
                then 'ambiguous_account_id'
            when {{ is_out_of_window(happened=['created_at', 'modified_at']) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        account_id is not null and account_name is not null and owner_user_id is not null
        and created_at is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('account_id', 'modified_at desc, loaded_at desc', version='modified_at') }}
)

select * from final
