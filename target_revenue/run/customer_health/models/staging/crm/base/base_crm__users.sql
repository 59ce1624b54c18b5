
  
  create view "wh_revenue"."staging"."base_crm__users__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/crm/user/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as user_id,
        -- attributes
        name as user_name,
        lower(trim(email)) as email,
        user_role,
        -- flags
        coalesce(is_active, false) as is_active,
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
            when user_id is null then 'missing_id'
        end as dq_reason,
        user_id is not null and user_name is not null and user_role is not null
            as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(user_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by user_id, dq_reason is null
            order by modified_at desc, loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
