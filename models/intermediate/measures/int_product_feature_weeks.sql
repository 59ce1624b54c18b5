{#- One row per real account per catalogued feature per ISO week in which the feature was used. -#}
with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

final as (
    select distinct
        accounts.account_id,
        feature_catalogue.feature_name,
        feature_catalogue.feature_class,
        cast({{ dbt.date_trunc('week', 'tracks.event_at') }} as date) as week_start_date
    from tracks
    inner join accounts
        on tracks.account_ref = accounts.account_id
    inner join feature_catalogue
        on tracks.event_name = feature_catalogue.event_name
)

select * from final
