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
        lower(trim(type)) as line_type,
        lower(trim(currency)) as currency,
        -- measures
        {{ safe_cast('quantity', dbt.type_int()) }} as quantity,
        {{ minor_to_major('amount', 'currency') }} as amount,
        -- flags
        coalesce(proration, false) as is_proration,
        -- timestamps
        {{ epoch_to_timestamp('period_start') }} as period_start_at,
        {{ epoch_to_timestamp('period_end') }} as period_end_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at,
        -- checks on raw values (dq_ columns are not staged)
        {{ has_fractional_minor_units(['amount']) }} as dq_has_fractional_minor_units
    from source
),

checked as (
    select
        *,
        case
            when invoice_line_item_id is null then 'missing_id'
            when {{ is_unknown_value('line_type', ['subscription', 'invoiceitem']) }}
                then 'unknown_line_type'
            when {{ is_unknown_value('currency', iso_currency_codes()) }} then 'unknown_currency'
            when dq_has_fractional_minor_units then 'fractional_minor_units'
            when amount is null then 'missing_amount'
            when quantity is null then 'missing_quantity'
            when quantity < 0 then 'negative_quantity'
            -- a recurring line of zero seats would silently zero the period's MRR
            when quantity = 0 and line_type = 'subscription' and not is_proration
                then 'zero_quantity'
            when period_start_at is null then 'null_timestamp'
            when {{ is_out_of_window(planned=['period_start_at', 'period_end_at']) }}
                then 'out_of_range_timestamp'
            when period_end_at < period_start_at then 'period_ends_before_start'
        end as dq_row_reason,
        invoice_line_item_id is not null and invoice_id is not null and price_id is not null
        and period_start_at is not null and amount is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('invoice_line_item_id', 'loaded_at desc') }}
)

select * from final
