{#- One row per flat-export account per measure the export carries, named as the scorecard names it.
    Scored with the flat_export scorecard; every value is current as of the var flat_export_date. -#}
{%- set measure_columns = {
    'logins_30d': 'logins_30d',
    'features_used_30d': 'features_used',
    'days_since_last_activity': 'days_since_last_login',
    'open_tickets': 'open_tickets',
    'net_promoter_score': 'net_promoter_score',
} -%}

with

flat_export as (
    select * from {{ ref('stg_flat_export__accounts') }}
),

final as (
    {% for measure_id, column in measure_columns.items() %}
        select
            account_id,
            cast('{{ var("flat_export_date") }}' as date) as week_start_date,
            'flat_export' as scorecard_id,
            '{{ measure_id }}' as measure_id,
            cast({{ column }} as double) as raw_value,
            cast('{{ var("flat_export_date") }}' as date) as observed_date,
            cast('{{ var("flat_export_date") }}' as date) as as_of_date
        from flat_export
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from final
