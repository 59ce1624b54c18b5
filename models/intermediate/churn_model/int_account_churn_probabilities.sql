{#- One row per account per week: the churn model (int_churn_model_coefficients) applied - the
    probability that the account churns within 90 days, its log-odds, and the three features that
    push it up most (coefficient x standardized value, positive only). A missing (N/A) feature
    takes its training mean: standardized value 0, no contribution. Plain SQL: scoring runs on any
    engine that holds the coefficients table.
    Incremental by ISO week: a row depends only on its account week's measure scores, whose
    input_hash (int_account_measure_scores) it keeps, and on the fitted model, which model_version
    names (a fingerprint of the coefficients). A run rebuilds every week where an account's
    input_hash differs from the stored one, or an account week is new or gone, and every week when
    the model is refitted to other coefficients. `dbt build --full-refresh` rebuilds every week. -#}
{{ config(
    pre_hook="{{ delete_vanished_weeks(
        'select week_start_date from ' ~ ref('int_account_measure_scores')
        ~ ' where exists (select 1 from ' ~ ref('int_churn_model_coefficients') ~ ' where is_intercept)'
    ) }}",
    **incremental_by_period()
) }}

with

measure_scores as {{ inlined() }} (
    select * from {{ ref('int_account_measure_scores') }}
),

coefficients as (
    select * from {{ ref('int_churn_model_coefficients') }}
),

intercepts as (
    select
        model_version,
        coefficient as intercept
    from coefficients
    where is_intercept
),

-- the account weeks to score, the hash of their measures' inputs and the model's version
input_hashes as (
    select
        measure_scores.account_id,
        measure_scores.week_start_date,
        max(measure_scores.input_hash) as input_hash,
        max(intercepts.model_version) as model_version
    from measure_scores
    cross join intercepts
    group by measure_scores.account_id, measure_scores.week_start_date
),

-- the weeks with a new, changed or vanished account week; every week on a refitted model
rebuilt_scores as (
    select * from measure_scores
    {{ where_inputs_changed('input_hashes', this, ['input_hash', 'model_version']) }}
),

contributions as (
    select
        rebuilt_scores.account_id,
        rebuilt_scores.week_start_date,
        coefficients.feature_id,
        coefficients.coefficient * coalesce(
            (rebuilt_scores.score - coefficients.training_mean) / coefficients.training_sd, 0
        ) as contribution
    from rebuilt_scores
    inner join coefficients
        on
            rebuilt_scores.measure_id = coefficients.feature_id
            and not coefficients.is_intercept
),

ranked as (
    select
        *,
        row_number() over (
            partition by account_id, week_start_date
            order by contribution desc, feature_id asc
        ) as contribution_rank
    from contributions
),

log_odds as (
    select
        ranked.account_id,
        ranked.week_start_date,
        intercepts.model_version,
        {% for rank in range(1, 4) %}
            max(
                case
                    when ranked.contribution_rank = {{ rank }} and ranked.contribution > 0
                        then ranked.feature_id
                end
            ) as risk_feature_{{ rank }},
            max(
                case
                    when ranked.contribution_rank = {{ rank }} and ranked.contribution > 0
                        then ranked.contribution
                end
            ) as risk_feature_{{ rank }}_contribution,
        {% endfor %}
        max(intercepts.intercept) + sum(ranked.contribution) as churn_log_odds
    from ranked
    cross join intercepts
    group by ranked.account_id, ranked.week_start_date, intercepts.model_version
),

final as (
    select
        -- keys
        log_odds.account_id,
        log_odds.week_start_date,
        -- attributes
        log_odds.model_version,
        log_odds.risk_feature_1,
        log_odds.risk_feature_2,
        log_odds.risk_feature_3,
        input_hashes.input_hash,
        '{{ invocation_id }}' as dbt_invocation_id,
        -- measures
        1.0e0 / (1.0e0 + exp(-log_odds.churn_log_odds)) as churn_probability,
        log_odds.churn_log_odds,
        log_odds.risk_feature_1_contribution,
        log_odds.risk_feature_2_contribution,
        log_odds.risk_feature_3_contribution
    from log_odds
    inner join input_hashes
        on
            log_odds.account_id = input_hashes.account_id
            and log_odds.week_start_date = input_hashes.week_start_date
)

select * from final
