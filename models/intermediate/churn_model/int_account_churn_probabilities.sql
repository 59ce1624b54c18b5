{#- One row per account per week: the churn model (int_churn_model_coefficients) applied - the
    probability that the account churns within 90 days, its log-odds, and the three features that
    push it up most (coefficient x standardized value, positive only). A missing (N/A) feature
    takes its training mean: standardized value 0, no contribution. Plain SQL: scoring runs on any
    engine that holds the coefficients table. -#}
with

measure_scores as (
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

contributions as (
    select
        measure_scores.account_id,
        measure_scores.week_start_date,
        coefficients.feature_id,
        coefficients.coefficient * coalesce(
            (measure_scores.score - coefficients.training_mean) / coefficients.training_sd, 0
        ) as contribution
    from measure_scores
    inner join coefficients
        on
            measure_scores.measure_id = coefficients.feature_id
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
        account_id,
        week_start_date,
        -- attributes
        model_version,
        risk_feature_1,
        risk_feature_2,
        risk_feature_3,
        -- measures
        1.0e0 / (1.0e0 + exp(-churn_log_odds)) as churn_probability,
        churn_log_odds,
        risk_feature_1_contribution,
        risk_feature_2_contribution,
        risk_feature_3_contribution
    from log_odds
)

select * from final
