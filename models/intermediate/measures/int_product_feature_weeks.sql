{#- One row per account reference (as sent) per event name per ISO week in which the event was sent,
    with the latest load. It holds no identity resolution and no catalogue
    (int_account_feature_weeks joins both), so a new CRM account or a catalogue edit never leaves it
    stale.
    Incremental: a run rebuilds every ISO week holding an event day that int_product_event_days
    rebuilds (product_periods_to_rebuild, from this model's own latest load). `dbt build
    --full-refresh` rebuilds every week. -#}
{{ config(**incremental_by_period()) }}
-- depends_on: {{ ref('base_product__tracks') }}

with

event_days as (
    select * from {{ ref('int_product_event_days') }}
),

{% if is_incremental() %}
    rebuilt_weeks as (
        {{ product_periods_to_rebuild(
            ref('base_product__tracks'), this, grain='week'
        ) | indent(8) }}
    ),
{% endif %}

event_weeks as (
    select
        event_days.*,
        cast({{ dbt.date_trunc('week', 'event_days.event_date') }} as date) as week_start_date
    from event_days
),

final as (
    select
        event_weeks.account_ref_raw,
        event_weeks.event_name,
        event_weeks.week_start_date,
        max(event_weeks.last_loaded_at) as last_loaded_at,
        '{{ invocation_id }}' as dbt_invocation_id
    from event_weeks
    {% if is_incremental() -%}
        inner join rebuilt_weeks
            on event_weeks.week_start_date = rebuilt_weeks.week_start_date
    {% endif -%}
    group by
        event_weeks.account_ref_raw,
        event_weeks.event_name,
        event_weeks.week_start_date
)

select * from final
