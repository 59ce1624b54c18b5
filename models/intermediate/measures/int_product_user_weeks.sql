{#- One row per real account per product user per ISO week with activity: active days, events and
    key-workflow events. The weekly base of every usage measure. -#}
with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

track_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'product.tracks'
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

account_events as (
    select
        track_accounts.account_id,
        tracks.user_id,
        tracks.event_at,
        coalesce(feature_catalogue.is_key_workflow, false) as is_key_workflow
    from tracks
    inner join track_accounts
        on tracks.account_ref_raw = track_accounts.account_ref_raw
    left join feature_catalogue
        on tracks.event_name = feature_catalogue.event_name
),

final as (
    select
        account_id,
        user_id,
        cast({{ dbt.date_trunc('week', 'event_at') }} as date) as week_start_date,
        count(distinct cast(event_at as date)) as active_days,
        count(*) as event_count,
        count(case when is_key_workflow then 1 end) as key_workflow_event_count,
        max(cast(event_at as date)) as last_active_date
    from account_events
    group by account_id, user_id, cast({{ dbt.date_trunc('week', 'event_at') }} as date)
)

select * from final
