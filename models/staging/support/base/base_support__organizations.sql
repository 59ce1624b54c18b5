with

source as (
    {{ raw_source('support', 'organizations') }}
),

renamed as (
    select
        -- keys
        {{ safe_cast('id', dbt.type_bigint()) }} as organization_id,
        cast(external_id as {{ dbt.type_string() }}) as account_ref_raw,
        {{ normalize_id('external_id') }} as account_ref,
        -- attributes
        name as organization_name,
        -- timestamps
        {{ safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ safe_cast('updated_at', dbt.type_timestamp()) }} as updated_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when organization_id is null then 'missing_id'
            when {{ is_out_of_window(happened=['created_at', 'updated_at']) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        organization_id is not null and account_ref is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies(
        'organization_id', 'updated_at desc, loaded_at desc', version='updated_at'
    ) }}
)

select * from final
