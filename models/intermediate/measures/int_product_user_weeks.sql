{#- One row per real account per product user per ISO week with activity: active days, events and
    key-workflow events. The weekly base of every usage measure. -#}
with

event_days as (
    select * from {{ ref('int_product_event_days') }}
),

track_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'product.tracks'
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

account_event_days as (
    select
        track_accounts.account_id,
        event_days.user_id,
        event_days.event_date,
        event_days.event_count,
        case when feature_catalogue.is_key_workflow then event_days.event_count else 0 end
            as key_workflow_event_count
    from event_days
    inner join track_accounts
        on event_days.account_ref_raw = track_accounts.account_ref_raw
    left join feature_catalogue
        on event_days.event_name = feature_catalogue.event_name
),

final as (
    select
        account_id,
        user_id,
        cast({{ dbt.date_trunc('week', 'event_date') }} as date) as week_start_date,
        count(distinct event_date) as active_days,
        sum(event_count) as event_count,
        sum(key_workflow_event_count) as key_workflow_event_count,
        max(event_date) as last_active_date
    from account_event_days
    group by account_id, user_id, cast({{ dbt.date_trunc('week', 'event_date') }} as date)
)

select * from final
