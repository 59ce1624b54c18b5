
  
  create view "wh_revenue"."staging"."base_billing__invoices__dbt_tmp" as (
    with

source as (
    select * from read_parquet('/tmp/hs_demo/billing/invoices/*.parquet', union_by_name = true)
),

renamed as (
    select
        -- keys
        cast(id as TEXT) as invoice_id,
        cast(customer_id as TEXT) as customer_id,
        cast(subscription_id as TEXT) as subscription_id,
        -- attributes
        lower(status) as invoice_status,
        lower(currency) as currency,
        -- measures
        case
        when lower(currency) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast(try_cast(amount_due as decimal(18, 2)) as decimal(18, 2))
        else cast(try_cast(amount_due as decimal(18, 2)) / 100 as decimal(18, 2))
    end as amount_due,
        case
        when lower(currency) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast(try_cast(amount_paid as decimal(18, 2)) as decimal(18, 2))
        else cast(try_cast(amount_paid as decimal(18, 2)) / 100 as decimal(18, 2))
    end as amount_paid,
        case
        when lower(currency) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga',
            'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        )
            then cast(try_cast(total as decimal(18, 2)) as decimal(18, 2))
        else cast(try_cast(total as decimal(18, 2)) / 100 as decimal(18, 2))
    end as total_amount,
        -- timestamps
        make_timestamp(try_cast(period_start as bigint) * 1000000) as period_start_at,
        make_timestamp(try_cast(period_end as bigint) * 1000000) as period_end_at,
        make_timestamp(try_cast(created as bigint) * 1000000) as created_at,
        try_cast(_fivetran_synced as timestamp) as loaded_at
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
    select
        *,
        cast(invoice_id as TEXT) as dq_record_id,
        loaded_at as dq_loaded_at,
        row_number() over (
            partition by invoice_id, dq_reason is null
            order by loaded_at desc
        ) as dq_row_number
    from checked
)

select * from final
  );
