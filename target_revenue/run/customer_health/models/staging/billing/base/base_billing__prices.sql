
  
  create view "wh_revenue"."staging"."base_billing__prices__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/prices/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as price_id,
        cast(product_id as TEXT) as product_id,
        -- attributes
        nickname as price_nickname,
        lower(currency) as currency,
        lower(recurring_interval) as billing_interval,
        try_cast(recurring_interval_count as integer) as billing_interval_count,
        -- measures
        case
        when lower(currency) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast(try_cast(unit_amount as decimal(18, 2)) as decimal(18, 2))
        else cast(try_cast(unit_amount as decimal(18, 2)) / 100 as decimal(18, 2))
    end as unit_amount,
        -- flags
        coalesce(active, false) as is_active,
        -- timestamps
        make_timestamp(try_cast(created as bigint) * 1000000) as created_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when price_id is null then 'missing_id'
            when unit_amount < 0 then 'negative_amount'
            when
                billing_interval not in ('day', 'week', 'month', 'year')
                or billing_interval_count is null
                or billing_interval_count < 1 then 'invalid_interval'
        end as dq_reason,
        price_id is not null and unit_amount is not null and currency is not null
        and billing_interval is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(price_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by price_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
