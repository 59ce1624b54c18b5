
  
  create view "wh_revenue"."staging"."base_crm__accounts__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/crm/account/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        nullif(upper(trim(id)), '') as account_id,
        cast(id as TEXT) as account_id_raw,
        nullif(upper(trim(parent_id)), '') as parent_account_id,
        cast(owner_id as TEXT) as owner_user_id,
        -- attributes
        trim(name) as account_name,
        type as account_type,
        segment__c as segment,
        industry,
        billing_country,
        try_cast(number_of_employees as integer) as employee_count,
        -- flags
        coalesce(type in ('Internal', 'Test'), false) as is_test_account,
        coalesce(is_deleted, false) as is_deleted,
        -- timestamps
        try_cast(created_date as timestamp) as created_at,
        try_cast(system_modstamp as timestamp) as modified_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
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
    select
        *,
        cast(account_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by account_id, dq_reason is null
            order by modified_at desc, loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
