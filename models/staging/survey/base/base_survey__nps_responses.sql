with

source as (
    {{ raw_source('survey', 'nps_responses') }}
),

renamed as (
    select
        -- keys
        cast(response_id as {{ dbt.type_string() }}) as response_id,
        cast(account_id as {{ dbt.type_string() }}) as account_ref_raw,
        {{ normalize_id('account_id') }} as account_ref,
        lower(trim(email)) as email,
        -- measures
        {{ safe_cast('score', dbt.type_int()) }} as nps_score,
        -- attributes
        comment as nps_comment,
        -- timestamps
        {{ safe_cast('responded_at', dbt.type_timestamp()) }} as responded_at,
        {{ safe_cast('_fivetran_synced', dbt.type_timestamp()) }} as loaded_at
    from source
),

checked as (
    select
        *,
        case
            when nps_score >= 9 then 'promoter'
            when nps_score >= 7 then 'passive'
            else 'detractor'
        end as nps_category,
        case
            when response_id is null then 'missing_id'
            when nps_score is null or nps_score not between 0 and 10 then 'out_of_range_score'
            when responded_at is null then 'null_timestamp'
            when {{ is_out_of_window(happened=['responded_at']) }} then 'out_of_range_timestamp'
        end as dq_row_reason,
        response_id is not null and account_ref is not null and nps_score is not null
        and responded_at is not null as dq_is_key_complete
    from renamed
),

final as (
    {{ classify_copies('response_id', 'loaded_at desc, responded_at desc') }}
)

select * from final
