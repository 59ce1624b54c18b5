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
        lower(trim(currency)) as currency,
        lower(trim(recurring_interval)) as billing_interval,
        {{ safe_cast('recurring_interval_count', dbt.type_int()) }} as billing_interval_count,
        -- measures
        {{ minor_to_major('unit_amount', 'currency') }} as unit_amount,
        -- flags
        coalesce(active, false) as is_active,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at,
        -- checks on raw values (dq_ columns are not staged)
        {{ has_fractional_minor_units(['unit_amount']) }} as dq_has_fractional_minor_units
    from source
),

checked as (
    select
        *,
        case
            when price_id is null then 'missing_id'
            when {{ is_unknown_value('currency', iso_currency_codes()) }} then 'unknown_currency'
            when dq_has_fractional_minor_units then 'fractional_minor_units'
            when unit_amount is null then 'missing_amount'
            when unit_amount < 0 then 'negative_amount'
            when
                {{ is_unknown_value('billing_interval', ['day', 'week', 'month', 'year']) }}
                or billing_interval_count is null
                or billing_interval_count < 1 then 'invalid_interval'
            when {{ is_out_of_window(happened=['created_at']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        price_id is not null and unit_amount is not null and currency is not null
        and billing_interval is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('price_id', 'loaded_at desc') }}
)

select * from final
