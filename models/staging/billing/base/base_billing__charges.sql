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
        lower(status) as charge_status,
        lower(currency) as currency,
        failure_code,
        -- measures
        {{ minor_to_major('amount', 'currency') }} as amount,
        -- flags
        coalesce(lower(status) = 'failed', false) as is_failed,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when charge_id is null then 'missing_id'
            when created_at is null then 'null_timestamp'
        end as dq_reason,
        charge_id is not null and customer_id is not null and created_at is not null
        and charge_status is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('charge_id', 'loaded_at desc') }}
)

select * from final
