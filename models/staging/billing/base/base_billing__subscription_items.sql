with

source as (
    {{ raw_source('billing', 'subscription_items') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as subscription_item_id,
        cast(subscription_id as {{ dbt.type_string() }}) as subscription_id,
        cast(price_id as {{ dbt.type_string() }}) as price_id,
        -- measures
        {{ safe_cast('quantity', dbt.type_int()) }} as quantity,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

-- Items are the subscriptions' current items: zero seats on one would silently zero its MRR.
checked as (
    select
        *,
        case
            when subscription_item_id is null then 'missing_id'
            when quantity is null then 'missing_quantity'
            when quantity < 0 then 'negative_quantity'
            when quantity = 0 then 'zero_quantity'
            when {{ is_out_of_window(happened=['created_at']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        subscription_item_id is not null and subscription_id is not null and price_id is not null
        and quantity is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('subscription_item_id', 'loaded_at desc') }}
)

select * from final
