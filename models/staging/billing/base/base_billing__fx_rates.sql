with

source as (
    {{ raw_source('billing', 'fx_rates') }}
),

renamed as (
    select
        -- keys
        lower(trim(currency)) as currency,
        {{ safe_cast('month_start', 'date') }} as month_start_date,
        -- measures
        {{ safe_cast('rate_to_usd', 'double') }} as rate_to_usd,
        -- timestamps
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        currency || ':' || cast(month_start_date as {{ dbt.type_string() }}) as fx_rate_id,
        case
            when currency is null or month_start_date is null then 'missing_id'
            when {{ is_unknown_value('currency', iso_currency_codes()) }} then 'unknown_currency'
            -- rates join months on their first day: any other day would never be read
            when {{ dbt.date_trunc('month', 'month_start_date') }} != month_start_date
                then 'invalid_month_start'
            when
                rate_to_usd is null
                or rate_to_usd <= 0
                or (currency = 'usd' and rate_to_usd != 1) then 'invalid_rate'
            -- a finance feed may publish budget rates for months ahead
            when {{ is_out_of_window(planned=['month_start_date']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        currency is not null and month_start_date is not null and rate_to_usd is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('fx_rate_id', 'loaded_at desc') }}
)

select * from final
