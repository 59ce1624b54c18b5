{#- One row per account reference (as sent) per product user per day per event name: the events
    staging kept, counted. The only model that reads every product event: user weeks, feature weeks
    and everything after them read this reduction. It holds no identity resolution and no catalogue,
    so a new CRM account or a catalogue edit never leaves it stale.
    Incremental: a run rebuilds the event days touched by rows loaded since the latest load it holds,
    less var incremental_lookback_days - every day that holds a copy of a record loaded in that
    window, so a late copy that turns an old day's event into a duplicate or a conflict reaches
    it too. `dbt build --full-refresh` rebuilds every day. -#}
{{ config(**incremental_by_period('event_date')) }}
-- depends_on: {{ ref('base_product__tracks') }}

with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

{% if is_incremental() %}
    rebuilt_days as (
        {{ product_periods_to_rebuild(ref('base_product__tracks'), this) | indent(8) }}
    ),
{% endif %}

final as (
    select
        tracks.account_ref_raw,
        tracks.user_id,
        cast(tracks.event_at as date) as event_date,
        tracks.event_name,
        count(*) as event_count,
        max(tracks.loaded_at) as last_loaded_at,
        '{{ invocation_id }}' as dbt_invocation_id
    from tracks
    {% if is_incremental() -%}
        inner join rebuilt_days
            on cast(tracks.event_at as date) = rebuilt_days.event_date
    {%- endif %}
    group by
        tracks.account_ref_raw,
        tracks.user_id,
        cast(tracks.event_at as date),
        tracks.event_name
)

select * from final
