{#- One row per account week per signal with a value: every measure's 0-100 score, the five
    component scores and the health score, the last two with the configured (seed) weights and no
    override. The candidate leading indicators that fct_signal_correlations and the learned weights
    evaluate. Reads the seed weights, never the set in force, so learning cannot feed on itself. -#}

{%- set components = ['usage', 'engagement', 'support', 'growth', 'financial'] -%}

with

measure_scores as {{ inlined() }} (
    select * from {{ ref('int_account_measure_scores') }}
),

measure_signals as (
    select
        account_id,
        week_start_date,
        'measure' as signal_type,
        measure_id as signal_id,
        component,
        score as signal_value
    from measure_scores
    where is_present
),

{% if var('health_weights', 'configured') == 'configured' %}
    -- the seed weights are in force: the health scores are these very scores, computed once
    configured_scores as {{ inlined() }} (
        select * from {{ ref('int_account_health_scores') }}
    ),
{% else %}
    configured_weights as (
        select * from {{ ref('scorecard_weights') }}
    ),

    -- the same scoring as int_account_health_scores (macro health_scores), with the seed weights
    configured_scores as {{ inlined() }} (
        {{ health_scores('measure_scores', 'configured_weights', with_drivers=false) }}
    ),
{% endif %}

component_signals as (
    {% for component in components %}
        select
            account_id,
            week_start_date,
            'component' as signal_type,
            '{{ component }}_score' as signal_id,
            '{{ component }}' as component,
            {{ component }}_score as signal_value
        from configured_scores
        where {{ component }}_score is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

health_signals as (
    select
        account_id,
        week_start_date,
        'health_score' as signal_type,
        'health_score' as signal_id,
        cast(null as {{ dbt.type_string() }}) as component,
        health_score as signal_value
    from configured_scores
),

final as (
    select * from measure_signals
    union all
    select * from component_signals
    union all
    select * from health_signals
)

select * from final
