with

source as (
    {{ raw_source('billing', 'charges') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as charge_id,
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(invoice_id as {{ dbt.type_string() }}) as invoice_id,
        -- attributes
        lower(trim(status)) as charge_status,
        lower(trim(currency)) as currency,
        failure_code,
        -- measures
        {{ minor_to_major('amount', 'currency') }} as amount,
        -- flags
        coalesce(lower(trim(status)) = 'failed', false) as is_failed,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at,
        -- checks on raw values (dq_ columns are not staged)
        {{ has_fractional_minor_units(['amount']) }} as dq_has_fractional_minor_units
    from source
),

checked as (
    select
        *,
        case
            when charge_id is null then 'missing_id'
            when created_at is null then 'null_timestamp'
            when {{ is_unknown_value('charge_status', ['succeeded', 'failed', 'pending']) }}
                then 'unknown_charge_status'
            when {{ is_unknown_value('currency', iso_currency_codes()) }} then 'unknown_currency'
            when dq_has_fractional_minor_units then 'fractional_minor_units'
            when amount < 0 then 'negative_amount'
            when {{ is_out_of_window(happened=['created_at']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        charge_id is not null and customer_id is not null and created_at is not null
        and charge_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('charge_id', 'loaded_at desc') }}
)

select * from final
