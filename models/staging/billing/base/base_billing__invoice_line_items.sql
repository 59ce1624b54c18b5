with

source as (
    {{ raw_source('billing', 'invoice_line_items') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as invoice_line_item_id,
        cast(invoice_id as {{ dbt.type_string() }}) as invoice_id,
        cast(subscription_id as {{ dbt.type_string() }}) as subscription_id,
        cast(price_id as {{ dbt.type_string() }}) as price_id,
        -- attributes
        lower(type) as line_type,
        lower(currency) as currency,
        -- measures
        {{ safe_cast('quantity', dbt.type_int()) }} as quantity,
        {{ minor_to_major('amount', 'currency') }} as amount,
        -- flags
        coalesce(proration, false) as is_proration,
        -- timestamps
        {{ epoch_to_timestamp('period_start') }} as period_start_at,
        {{ epoch_to_timestamp('period_end') }} as period_end_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when invoice_line_item_id is null then 'missing_id'
            when quantity < 0 then 'negative_quantity'
            when period_start_at is null then 'null_timestamp'
        end as dq_reason,
        invoice_line_item_id is not null and invoice_id is not null and price_id is not null
        and period_start_at is not null and amount is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('invoice_line_item_id', 'loaded_at desc') }}
)

select * from final
