{#- One row per account week with at least one weighted measure present: the health score, component
    scores, points lost per component, weakest component and the top three risk drivers (macro
    health_scores). The weight set is chosen when the project compiles, by var health_weights:
    'configured' (default) reads only seed scorecard_weights; 'learned' reads the weights learned
    from history (int_learned_scorecard_weights), and only then does the score depend on validation.
    scorecard_version names the seeds and, for learned weights, the learned set. -#}
{%- set health_weights = var('health_weights', 'configured') -%}
{%- if health_weights not in ['configured', 'learned'] -%}
    {{ exceptions.raise_compiler_error(
        "var health_weights must be 'configured' or 'learned', got '" ~ health_weights ~ "'"
    ) }}
{%- endif -%}

with

measure_scores as (
    select * from {{ ref('int_account_measure_scores') }}
),

scorecard_version as (
    select * from {{ ref('int_scorecard_version') }}
),

{% if health_weights == 'learned' %}
    weights as (
        select
            scorecard_id,
            measure_id,
            learned_weights_version as weights_version,
            weight
        from {{ ref('int_learned_scorecard_weights') }}
    ),
{% else %}
    weights as (
        select
            scorecard_id,
            measure_id,
            cast(null as {{ dbt.type_string() }}) as weights_version,
            weight
        from {{ ref('scorecard_weights') }}
    ),
{% endif %}

health_scores as (
    {{ health_scores('measure_scores', 'weights') }}
),

weights_version as (
    select
        scorecard_version.scorecard_version
        || coalesce('+' || max(weights.weights_version), '') as scorecard_version
    from scorecard_version
    cross join weights
    group by scorecard_version.scorecard_version
),

final as (
    select
        health_scores.*,
        weights_version.scorecard_version
    from health_scores
    cross join weights_version
)

select * from final
