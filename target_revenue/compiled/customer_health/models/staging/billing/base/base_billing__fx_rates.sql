with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/fx_rates/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        lower(currency) as currency,
        try_cast(month_start as date) as month_start_date,
        -- measures
        try_cast(rate_to_usd as float) as rate_to_usd,
        -- timestamps
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        currency || ':' || cast(month_start_date as TEXT) as fx_rate_id,
        case
            when currency is null or month_start_date is null then 'missing_id'
            when rate_to_usd is null or rate_to_usd <= 0 then 'invalid_rate'
        end as dq_reason,
        currency is not null and month_start_date is not null and rate_to_usd is not null
            as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(fx_rate_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by fx_rate_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final