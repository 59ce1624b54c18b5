with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/invoice_line_items/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as invoice_line_item_id,
        cast(invoice_id as TEXT) as invoice_id,
        cast(subscription_id as TEXT) as subscription_id,
        cast(price_id as TEXT) as price_id,
        -- attributes
        lower(type) as line_type,
        lower(currency) as currency,
        -- measures
        try_cast(quantity as integer) as quantity,
        case
        when lower(currency) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast(try_cast(amount as decimal(18, 2)) as decimal(18, 2))
        else cast(try_cast(amount as decimal(18, 2)) / 100 as decimal(18, 2))
    end as amount,
        -- flags
        coalesce(proration, false) as is_proration,
        -- timestamps
        make_timestamp(try_cast(period_start as bigint) * 1000000) as period_start_at,
        make_timestamp(try_cast(period_end as bigint) * 1000000) as period_end_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when invoice_line_item_id is null then 'missing_id'
            when quantity < 0 then 'negative_quantity'
            when period_start_at is null then 'null_timestamp'
        end as dq_reason,
        invoice_line_item_id is not null and invoice_id is not null and price_id is not null
        and period_start_at is not null and amount is not null as dq_is_key_complete
    from renamed
),

final as (
    select
        *,
        cast(invoice_line_item_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by invoice_line_item_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final