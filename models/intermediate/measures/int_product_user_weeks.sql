{#- One row per account reference (as sent) per product user per ISO week with activity: the days
    active (as a weekday mask), events, key-workflow events and the latest load. It holds no identity
    resolution (int_account_user_weeks resolves references to accounts), so a new or remapped CRM
    account never leaves it stale.
    Incremental: a run rebuilds every ISO week holding an event day that int_product_event_days
    rebuilds (product_periods_to_rebuild, from this model's own latest load, so a run this model missed
    is caught up). `dbt build --full-refresh` rebuilds every week. -#}
{{ config(**incremental_by_period()) }}
-- depends_on: {{ ref('base_product__tracks') }}

with

event_days as (
    select * from {{ ref('int_product_event_days') }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
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

-- Monday 0 to Sunday 6: the bit of the day in the weekday mask
event_weekdays as (
    select
        *,
        {{ dbt.datediff('week_start_date', 'event_date', 'day') }} as weekday_number  -- noqa: LT05
    from event_weeks
),

final as (
    select
        event_weekdays.account_ref_raw,
        event_weekdays.user_id,
        event_weekdays.week_start_date,
        bit_or(cast(power(2, event_weekdays.weekday_number) as {{ dbt.type_int() }}))
            as active_weekday_mask,
        sum(event_weekdays.event_count) as event_count,
        sum(case when feature_catalogue.is_key_workflow then event_weekdays.event_count else 0 end)
            as key_workflow_event_count,
        max(event_weekdays.event_date) as last_active_date,
        max(event_weekdays.last_loaded_at) as last_loaded_at,
        '{{ invocation_id }}' as dbt_invocation_id
    from event_weekdays
    {% if is_incremental() -%}
        inner join rebuilt_weeks
            on event_weekdays.week_start_date = rebuilt_weeks.week_start_date
    {% endif -%}
    left join feature_catalogue
        on event_weekdays.event_name = feature_catalogue.event_name
    group by
        event_weekdays.account_ref_raw,
        event_weekdays.user_id,
        event_weekdays.week_start_date
)

select * from final
