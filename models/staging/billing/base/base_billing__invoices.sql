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
        lower(status) as invoice_status,
        lower(currency) as currency,
        -- measures
        {{ minor_to_major('amount_due', 'currency') }} as amount_due,
        {{ minor_to_major('amount_paid', 'currency') }} as amount_paid,
        {{ minor_to_major('total', 'currency') }} as total_amount,
        -- timestamps
        {{ epoch_to_timestamp('period_start') }} as period_start_at,
        {{ epoch_to_timestamp('period_end') }} as period_end_at,
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when invoice_id is null then 'missing_id'
            when created_at is null then 'null_timestamp'
        end as dq_reason,
        invoice_id is not null and customer_id is not null and created_at is not null
        and total_amount is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('invoice_id', 'loaded_at desc') }}
)

select * from final
