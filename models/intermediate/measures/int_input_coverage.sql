{#- One row per optional input a measure can need (seed measure_inputs): how many rows the warehouse
    holds of it and whether it holds any. An input with no rows at all (a company without a support
    tool, no NPS survey, no product analytics yet, events the feature catalogue does not name) makes
    its measures N/A for every account, instead of scoring the absence as a perfect or a worst value. -#}
{%- set table_inputs = {
    'product.tracks': 'stg_product__tracks',
    'survey.nps_responses': 'stg_survey__nps_responses',
    'crm.activity': 'stg_crm__activities',
    'crm.contact': 'stg_crm__contacts',
    'support.tickets': 'stg_support__tickets',
    'billing.charges': 'stg_billing__charges',
} -%}

with

tracks as (
    select * from {{ ref('stg_product__tracks') }}
),

feature_catalogue as (
    select * from {{ ref('feature_catalogue') }}
),

input_rows as (
    {% for input_name, model in table_inputs.items() %}
        select
            '{{ input_name }}' as input_name,
            count(*) as input_rows
        from {{ ref(model) }}
        union all
    {% endfor %}
    -- adoption needs events the feature catalogue names
    select
        'product.catalogued_events' as input_name,
        count(*) as input_rows
    from tracks
    inner join feature_catalogue
        on tracks.event_name = feature_catalogue.event_name
),

final as (
    select
        input_name,
        input_rows,
        input_rows > 0 as has_rows
    from input_rows
)

select * from final
