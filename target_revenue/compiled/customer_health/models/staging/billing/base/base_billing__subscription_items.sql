with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/subscription_items/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as subscription_item_id,
        cast(subscription_id as TEXT) as subscription_id,
        cast(price_id as TEXT) as price_id,
        -- measures
        try_cast(quantity as integer) as quantity,
        -- timestamps
        make_timestamp(try_cast(created as bigint) * 1000000) as created_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when subscription_item_id is null then 'missing_id'
            when quantity < 0 then 'negative_quantity'
        end as dq_reason,
        subscription_item_id is not null and subscription_id is not null and price_id is not null
        and quantity is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(subscription_item_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by subscription_item_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final