{#- Incremental: a run reclassifies every copy of the records loaded since the latest load it
    holds, less var incremental_lookback_days (copies are compared across loads, so all copies of a
    record id are read again and replace the ones held), and every row without an id (its copies
    are numbered together). `dbt build --full-refresh` reclassifies everything. -#}
{#- Spark: a table (replacing rows by key needs a merge, which plain Parquet tables lack). -#}
{{ config(
    materialized=('table' if target.type == 'spark' else 'incremental'),
    unique_key='dq_copy_key',
    incremental_strategy='delete+insert',
    on_schema_change='fail'
) }}

with

source as (
    {{ raw_source('product', 'tracks') }}
),

{% if is_incremental() %}
    watermark as (
        select
            {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(dq_loaded_at)') }}
                as loaded_after
        from {{ this }}
    ),

    reloaded_records as (
        select distinct source.id
        from source
        cross join watermark
        where
            {{ safe_cast('source.uuid_ts', dbt.type_timestamp()) }} > watermark.loaded_after
            or {{ safe_cast('source.uuid_ts', dbt.type_timestamp()) }} is null
            or watermark.loaded_after is null
    ),

    source_rows as (
        select source.*
        from source
        where
            source.id is null
            or source.id in (select reloaded_records.id from reloaded_records)
    ),
{% else %}
    source_rows as (
        select * from source
    ),
{% endif %}

renamed as (
    select
        -- keys
        cast(id as {{ dbt.type_string() }}) as track_id,
        cast(user_id as {{ dbt.type_string() }}) as user_id,
        cast(anonymous_id as {{ dbt.type_string() }}) as anonymous_id,
        cast(context_group_id as {{ dbt.type_string() }}) as account_ref_raw,
        {{ normalize_id('context_group_id') }} as account_ref,
        -- attributes
        lower(trim(event)) as event_name,
        event_text,
        -- timestamps
        {{ safe_cast(adapter.quote('timestamp'), dbt.type_timestamp()) }} as event_at,
        {{ safe_cast('sent_at', dbt.type_timestamp()) }} as sent_at,
        {{ safe_cast('received_at', dbt.type_timestamp()) }} as received_at,
        {{ safe_cast('uuid_ts', dbt.type_timestamp()) }} as loaded_at
    from source_rows
),

checked as (
    select
        *,
        received_at > {{ dbt.dateadd('day', 1, 'event_at') }} as is_late_arriving,
        case
            when track_id is null then 'missing_id'
            -- an event nobody did: Segment sends a user id or an anonymous id with every call
            when
                {{ normalize_id('user_id') }} is null
                and {{ normalize_id('anonymous_id') }} is null then 'missing_user_id'
            when event_at is null then 'null_timestamp'
            -- a client clock ahead of the server by more than a day cannot be trusted
            when event_at > {{ dbt.dateadd('day', 1, 'received_at') }} then 'future_timestamp'
            when {{ is_out_of_window(happened=['event_at', 'received_at']) }}
                then 'out_of_range_timestamp'
        end as dq_row_reason,
        track_id is not null and user_id is not null and account_ref is not null
        and event_name is not null and event_at is not null as dq_is_key_complete
    from renamed
),

-- a retry re-sends the same message: only its delivery times differ
classified as (
    {{ classify_copies(
        'track_id',
        'received_at desc, loaded_at desc',
        load_columns=['loaded_at', 'received_at', 'sent_at', 'is_late_arriving']
    ) }}
),

final as (
    select
        *,
        -- the incremental key: every copy of a record id, and all rows without an id, are replaced
        -- together
        coalesce(dq_record_id, '') as dq_copy_key
    from classified
)

select * from final
