with

source as (
    {{ raw_source('crm', 'opportunity') }}
),

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as opportunity_id,
        {{ normalize_id('account_id') }} as account_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id_raw,
        -- attributes
        name as opportunity_name,
        type as opportunity_type,
        stage_name,
        lower(trim(currency_iso_code)) as currency,
        {{ safe_cast('amount', dbt.type_numeric()) }} as amount,
        -- flags
        coalesce(is_closed, false) as is_closed,
        coalesce(is_won, false) as is_won,
        coalesce(is_deleted, false) as is_deleted,
        -- dates and timestamps
        {{ safe_cast('close_date', 'date') }} as close_date,
        {{ safe_cast('created_date', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('system_modstamp', dbt.type_timestamp()) }} as modified_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when opportunity_id is null then 'missing_id'
            -- a single-currency Salesforce org has no currency_iso_code
            when {{ is_unknown_value('currency', iso_currency_codes(), nullable=true) }}
                then 'unknown_currency'
            when amount < 0 then 'negative_amount'
            when
                {{ is_out_of_window(
                    happened=['created_at', 'modified_at'], planned=['close_date']
                ) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        opportunity_id is not null and account_id is not null and close_date is not null
            as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies(
        'opportunity_id', 'modified_at desc, loaded_at desc', version='modified_at'
    ) }}
)

select * from final
