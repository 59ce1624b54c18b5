with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

uncatalogued as (
    select tracks.*
    from tracks
    left join feature_catalogue
        on tracks.event_name = feature_catalogue.event_name
    where feature_catalogue.event_name is null
),

final as (
    select
        -- keys
        event_name,
        -- measures
        count(*) as event_count,
        count(distinct account_ref) as account_count,
        count(distinct user_id) as user_count,
        -- timestamps
        min(event_at) as first_event_at,
        max(event_at) as last_event_at
    from uncatalogued
    group by event_name
)

select * from final
