{#- The event days (grain 'day': event_date) or ISO weeks (grain 'week': week_start_date) an
    incremental product model rebuilds: those holding a copy (kept or quarantined) of a record loaded
    since the latest load the model holds, less var incremental_lookback_days. A late copy that turns
    an old event into a duplicate or a conflict, or moves it to another day, reaches every day it
    touches. A model that holds no rows yet rebuilds everything. -#}
{% macro product_periods_to_rebuild(classified_tracks, watermark_relation, grain='day') -%}
    {%- set period = 'cast(copies.event_at as date)' -%}
    {%- if grain == 'week' -%}
        {%- set period = 'cast(' ~ dbt.date_trunc('week', period) ~ ' as date)' -%}
    {%- endif -%}
    select distinct {{ period }} as {{ 'week_start_date' if grain == 'week' else 'event_date' }}
    from {{ classified_tracks }} as copies
    inner join (
        select distinct reloaded.dq_record_id
        from {{ classified_tracks }} as reloaded
        cross join (
            select
                {{ dbt.dateadd('day', -var('incremental_lookback_days'), 'max(last_loaded_at)') }}
                    as loaded_after
            from {{ watermark_relation }}
        ) as watermark
        where
            reloaded.dq_loaded_at > watermark.loaded_after
            or watermark.loaded_after is null
    ) as reloaded_records
        on copies.dq_record_id = reloaded_records.dq_record_id
    where copies.event_at is not null
{%- endmacro %}
