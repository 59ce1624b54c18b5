with

source as (
    {{ raw_source('billing', 'fx_rates') }}
),

renamed as (
    select
        -- keys
        lower(currency) as currency,
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
            when rate_to_usd is null or rate_to_usd <= 0 then 'invalid_rate'
        end as dq_reason,
        currency is not null and month_start_date is not null and rate_to_usd is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ number_duplicates('fx_rate_id', 'loaded_at desc') }}
)

select * from final
