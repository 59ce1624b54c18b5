{#- One row per real account per catalogued feature per ISO week in which the feature was used:
    int_product_feature_weeks (by account reference and event name, incremental) resolved to
    accounts and catalogued each run. -#}
with

reference_event_weeks as (
    select * from {{ ref('int_product_feature_weeks') }}
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
        reference_event_weeks.week_start_date
    from reference_event_weeks
    inner join track_accounts
        on reference_event_weeks.account_ref_raw = track_accounts.account_ref_raw
    inner join feature_catalogue
        on reference_event_weeks.event_name = feature_catalogue.event_name
)

select * from final
