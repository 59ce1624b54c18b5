{#- One row: the version of the scorecard seeds in force, a hash of every measure, band, weight,
    tier and colour row. Any edit to the scorecard changes it; it is stamped on every scored row. -#}
{%- set seeds = {
    'scorecard_measures': "measure_id || ':' || component || ':' || scoring_method || ':'
        || coalesce(cast(worst_value as string), '') || ':' || coalesce(cast(best_value as string), '')
        || ':' || coalesce(trend_measure_id, '') || ':' || cast(ttl_days as string)",
    'scorecard_measure_bands': "measure_id || ':' || cast(lower_bound as string) || ':' || cast(score as string)",
    'scorecard_weights': "scorecard_id || ':' || measure_id || ':' || cast(weight as string)",
    'scorecards': "scorecard_id || ':' || coalesce(segment, '') || ':' || coalesce(lifecycle_stage, '')",
    'health_tiers': "tier || ':' || cast(min_score as string)",
    'health_colours': "colour || ':' || cast(min_score as string)",
} -%}

with

{% for seed, row_text in seeds.items() %}
    {{ seed }}_text as (
        select {{ dbt.listagg(row_text, "'|'", 'order by ' ~ row_text) }} as seed_text
        from {{ ref(seed) }}
    ),
{% endfor %}

{%- set hash_input -%}
    {% for seed in seeds %}{{ seed }}_text.seed_text{% if not loop.last %} || '#' || {% endif %}{% endfor %}
{%- endset %}

final as (
    select 'sc-' || {{ dbt.right(dbt.hash(hash_input), 12) }} as scorecard_version
    from
    {% for seed in seeds -%}
        {{ seed }}_text{% if not loop.last %} cross join {% endif %}
    {%- endfor %}
)

select * from final
