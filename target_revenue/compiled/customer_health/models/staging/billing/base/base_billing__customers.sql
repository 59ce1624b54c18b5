with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/customers/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as customer_id,
        cast(metadata_account_id as TEXT) as account_ref_raw,
        nullif(upper(trim(metadata_account_id)), '') as account_ref,
        -- attributes
        lower(trim(email)) as email,
        name as customer_name,
        lower(currency) as currency,
        -- flags
        coalesce(delinquent, false) as is_delinquent,
        coalesce(is_deleted, false) as is_deleted,
        -- timestamps
        make_timestamp(try_cast(created as bigint) * 1000000) as created_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when customer_id is null then 'missing_id'
        end as dq_reason,
        customer_id is not null and account_ref is not null and currency is not null
            as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(customer_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by customer_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final