with

source as (
    {{ raw_source('billing', 'prices') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as price_id,
        cast(product_id as {{ dbt.type_string() }}) as product_id,
        -- attributes
        nickname as price_nickname,
        lower(currency) as currency,
        lower(recurring_interval) as billing_interval,
        {{ safe_cast('recurring_interval_count', dbt.type_int()) }} as billing_interval_count,
        -- measures
        {{ minor_to_major('unit_amount', 'currency') }} as unit_amount,
        -- flags
        coalesce(active, false) as is_active,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when price_id is null then 'missing_id'
            when unit_amount < 0 then 'negative_amount'
            when
                billing_interval not in ('day', 'week', 'month', 'year')
                or billing_interval_count is null
                or billing_interval_count < 1 then 'invalid_interval'
        end as dq_reason,
        price_id is not null and unit_amount is not null and currency is not null
        and billing_interval is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('price_id', 'loaded_at desc') }}
)

select * from final
