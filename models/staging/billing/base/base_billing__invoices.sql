with

source as (
    {{ raw_source('billing', 'invoices') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as invoice_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(subscription_id as {{ dbt.type_string() }}) as subscription_id,
        -- attributes
        lower(trim(status)) as invoice_status,
        lower(trim(currency)) as currency,
        -- measures
        {{ minor_to_major('amount_due', 'currency') }} as amount_due,
        {{ minor_to_major('amount_paid', 'currency') }} as amount_paid,
        {{ minor_to_major('total', 'currency') }} as total_amount,
        -- timestamps
        {{ epoch_to_timestamp('period_start') }} as period_start_at,
        {{ epoch_to_timestamp('period_end') }} as period_end_at,
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at,
        -- checks on raw values (dq_ columns are not staged)
        {{ has_fractional_minor_units(['amount_due', 'amount_paid', 'total']) }}
            as dq_has_fractional_minor_units
    from source
),

checked as (
    select
        *,
        case
            when invoice_id is null then 'missing_id'
            when created_at is null then 'null_timestamp'
            when
                {{ is_unknown_value(
                    'invoice_status', ['draft', 'open', 'paid', 'uncollectible', 'void']
                ) }}
                then 'unknown_invoice_status'
            when {{ is_unknown_value('currency', iso_currency_codes()) }} then 'unknown_currency'
            when dq_has_fractional_minor_units then 'fractional_minor_units'
            when amount_due < 0 or amount_paid < 0 then 'negative_amount'
            when
                {{ is_out_of_window(
                    happened=['created_at'], planned=['period_start_at', 'period_end_at']
                ) }}
                then 'out_of_range_timestamp'
            when period_end_at < period_start_at then 'period_ends_before_start'
        end as dq_row_reason,
        invoice_id is not null and customer_id is not null and created_at is not null
        and total_amount is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('invoice_id', 'loaded_at desc') }}
)

select * from final
