{#- The warehouse's "today": the dbt var as_of_date when set, else the latest day product events
    were received. Never the wall clock, so a rebuild of the same data gives the same marts. -#}
with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

latest_received as (
    select max(cast(received_at as date)) as latest_received_date
    from tracks
),

final as (
    select
        {% if var('as_of_date') -%}
            cast('{{ var("as_of_date") }}' as date) as as_of_date,
            'var' as as_of_origin
        {%- else -%}
            latest_received_date as as_of_date,
            'data' as as_of_origin
        {%- endif %}
    from latest_received
)

select * from final
