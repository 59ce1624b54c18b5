{#- One row per account week with at least one weighted measure present: the health score, component
    scores, points lost per component, weakest component and the top three risk drivers (macro
    health_scores). The weight set is chosen when the project compiles, by var health_weights:
    'configured' (default) reads only seed scorecard_weights; 'learned' reads the weights learned
    from history (int_learned_scorecard_weights), and only then does the score depend on validation.
    scorecard_version names the seeds and, for learned weights, the learned set.
    Incremental by ISO week: a row's score depends only on its account week's measure scores, whose
    input_hash (int_account_measure_scores) it keeps, and on the weights, which scorecard_version
    names. A run rebuilds every week where an account's input_hash differs from the stored one, or an
    account week is new or gone, and every week when scorecard_version changes (a scorecard seed
    edit, or another learned set). `dbt build --full-refresh` rebuilds every week. -#}
{%- set health_weights = var('health_weights', 'configured') -%}
{%- if health_weights not in ['configured', 'learned'] -%}
    {{ exceptions.raise_compiler_error(
        "var health_weights must be 'configured' or 'learned', got '" ~ health_weights ~ "'"
    ) }}
{%- endif -%}
{{ config(
    pre_hook="{{ delete_vanished_weeks(
        'select week_start_date from ' ~ ref('int_account_measure_scores') ~ ' where is_present'
    ) }}",
    **incremental_by_period()
) }}

with

measure_scores as {{ inlined() }} (
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

weights_version as (
    select
        scorecard_version.scorecard_version
        || coalesce('+' || max(weights.weights_version), '') as scorecard_version
    from scorecard_version
    cross join weights
    group by scorecard_version.scorecard_version
),

-- the account weeks scored (a weighted measure present), the hash of their measures' inputs and
-- the version of the weights
input_hashes as (
    select
        measure_scores.account_id,
        measure_scores.week_start_date,
        max(measure_scores.input_hash) as input_hash,
        max(weights_version.scorecard_version) as scorecard_version
    from measure_scores
    cross join weights_version
    where
        measure_scores.is_present
        and exists (
            select 1 from weights
            where
                weights.scorecard_id = measure_scores.scorecard_id
                and weights.measure_id = measure_scores.measure_id
        )
    group by measure_scores.account_id, measure_scores.week_start_date
),

-- the weeks with a new, changed or vanished account week; every week on another version
rebuilt_scores as {{ inlined() }} (
    select * from measure_scores
    {{ where_inputs_changed('input_hashes', this, ['input_hash', 'scorecard_version']) }}
),

health_scores as (
    {{ health_scores('rebuilt_scores', 'weights') }}
),

final as (
    select
        health_scores.*,
        input_hashes.scorecard_version,
        input_hashes.input_hash,
        '{{ invocation_id }}' as dbt_invocation_id
    from health_scores
    inner join input_hashes
        on
            health_scores.account_id = input_hashes.account_id
            and health_scores.week_start_date = input_hashes.week_start_date
)

select * from final
