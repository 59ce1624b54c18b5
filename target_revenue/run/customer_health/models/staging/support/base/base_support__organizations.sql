
  
  create view "wh_revenue"."staging"."base_support__organizations__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/support/organizations/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        try_cast(id as bigint) as organization_id,
        cast(external_id as TEXT) as account_ref_raw,
        nullif(upper(trim(external_id)), '') as account_ref,
        -- attributes
        name as organization_name,
        -- timestamps
        try_cast(created_at as timestamp) as created_at,
        try_cast(updated_at as timestamp) as updated_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when organization_id is null then 'missing_id'
        end as dq_reason,
        organization_id is not null and account_ref is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(organization_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by organization_id, dq_reason is null
            order by updated_at desc, loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
