{#- The warehouse's "today": the dbt var as_of_date when set, else the latest day product events
    were received, else (no product analytics) the latest day billing subscriptions were loaded.
    Never the wall clock, so a rebuild of the same data gives the same marts. -#}
with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

latest_received as (
    select max(cast(received_at as date)) as latest_received_date
    from tracks
),

latest_loaded as (
    select max(cast(loaded_at as date)) as latest_loaded_date
    from subscriptions
),

final as (
    select
        {% if var('as_of_date') -%}
            cast('{{ var("as_of_date") }}' as date) as as_of_date,
            'var' as as_of_origin
        {%- else -%}
            coalesce(
                latest_received.latest_received_date, latest_loaded.latest_loaded_date
            ) as as_of_date,
            case
                when latest_received.latest_received_date is not null then 'product_events'
                else 'billing_load'
            end as as_of_origin
        {%- endif %}
    from latest_received
    cross join latest_loaded
)

select * from final
