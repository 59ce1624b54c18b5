{#- One row per real account per catalogued feature per ISO week in which the feature was used. -#}
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

final as (
    select distinct
        track_accounts.account_id,
        feature_catalogue.feature_name,
        feature_catalogue.feature_class,
        cast({{ dbt.date_trunc('week', 'event_days.event_date') }} as date) as week_start_date
    from event_days
    inner join track_accounts
        on event_days.account_ref_raw = track_accounts.account_ref_raw
    inner join feature_catalogue
        on event_days.event_name = feature_catalogue.event_name
)

select * from final
