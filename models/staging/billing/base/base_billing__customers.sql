with

source as (
    {{ raw_source('billing', 'customers') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as customer_id,
        cast(metadata_account_id as {{ dbt.type_string() }}) as account_ref_raw,
        {{ normalize_id('metadata_account_id') }} as account_ref,
        -- attributes
        lower(trim(email)) as email,
        name as customer_name,
        lower(trim(currency)) as currency,
        -- flags
        coalesce(delinquent, false) as is_delinquent,
        coalesce(is_deleted, false) as is_deleted,
        -- timestamps
        {{ epoch_to_timestamp('created') }} as created_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when customer_id is null then 'missing_id'
            -- Stripe sets a customer's currency with its first charge
            when {{ is_unknown_value('currency', iso_currency_codes(), nullable=true) }}
                then 'unknown_currency'
            when {{ is_out_of_window(happened=['created_at']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        customer_id is not null and account_ref is not null and currency is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('customer_id', 'loaded_at desc') }}
)

select * from final
