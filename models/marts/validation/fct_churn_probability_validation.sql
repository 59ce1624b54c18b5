{#- One row per evaluation period x segment (and 'All'): how well the churn probability
    (int_account_churn_probabilities) predicts churn within 90 days on exactly the weeks that
    fct_health_model_validation judges the health score on (int_validation_period_weeks): AUC,
    lift of the riskiest decile, calibration error over ten 10-point probability bins and Brier
    score. -#}
{%- set n_bins = 10 -%}

with

period_weeks as (
    select * from {{ ref('int_validation_period_weeks') }}
    -- every weight set holds the same weeks: one is enough
    where weight_set = 'configured'
),

probabilities as (
    select * from {{ ref('int_account_churn_probabilities') }}
),

group_weeks as (
    select
        period_weeks.evaluation_period,
        period_weeks.segment,
        period_weeks.account_id,
        period_weeks.week_start_date,
        period_weeks.churns_within_90d,
        period_weeks.is_held_out,
        period_weeks.evaluation_quarter_start_date,
        probabilities.model_version,
        probabilities.churn_probability,
        case when period_weeks.churns_within_90d then 1.0e0 else 0.0e0 end as churned,
        least(floor(probabilities.churn_probability * {{ n_bins }}), {{ n_bins - 1 }})
            as probability_bin
    from period_weeks
    inner join probabilities
        on
            period_weeks.account_id = probabilities.account_id
            and period_weeks.week_start_date = probabilities.week_start_date
),

-- the riskiest decile: the tenth of the group's weeks with the highest probability (ties broken
-- by account, week)
deciled as (
    select
        group_weeks.*,
        ntile(10) over (
            partition by group_weeks.evaluation_period, group_weeks.segment
            order by
                group_weeks.churn_probability desc,
                group_weeks.account_id asc,
                group_weeks.week_start_date asc
        ) as risk_decile
    from group_weeks
),

value_counts as (
    select
        evaluation_period,
        segment,
        -churn_probability as safety_value,
        sum(case when churns_within_90d then 1 else 0 end) as n_churned,
        sum(case when churns_within_90d then 0 else 1 end) as n_retained
    from group_weeks
    group by evaluation_period, segment, -churn_probability
),

-- Mann-Whitney AUC, ranked by rising probability with average ranks for ties
auc as (
    {{ rank_auc(
        'value_counts',
        partition_by=['evaluation_period', 'segment'],
        value_column='safety_value'
    ) }}
),

bin_actuals as (
    select
        evaluation_period,
        segment,
        probability_bin,
        count(*) as n_weeks,
        avg(churn_probability) as predicted_churn_rate,
        avg(churned) as actual_churn_rate
    from group_weeks
    group by evaluation_period, segment, probability_bin
),

calibration as (
    select
        evaluation_period,
        segment,
        sum(n_weeks * abs(predicted_churn_rate - actual_churn_rate)) / sum(n_weeks)
            as calibration_error
    from bin_actuals
    group by evaluation_period, segment
),

week_metrics as (
    select
        evaluation_period,
        segment,
        max(model_version) as model_version,
        max(evaluation_quarter_start_date) as evaluation_quarter_start_date,
        bool_and(is_held_out) as is_held_out,
        count(*) as n_weeks,
        sum(churned) as n_churn_weeks,
        avg(churn_probability) as mean_churn_probability,
        avg((churn_probability - churned) * (churn_probability - churned)) as brier_score,
        sum(case when risk_decile = 1 then 1 else 0 end) as n_top_decile_weeks,
        sum(case when risk_decile = 1 then churned else 0 end) as n_top_decile_churn_weeks
    from deciled
    group by evaluation_period, segment
),

final as (
    select
        -- keys
        week_metrics.evaluation_period,
        week_metrics.segment,
        -- attributes
        week_metrics.model_version,
        -- measures
        week_metrics.n_weeks,
        cast(week_metrics.n_churn_weeks as bigint) as n_churn_weeks,
        week_metrics.n_churn_weeks / week_metrics.n_weeks as base_churn_rate,
        week_metrics.mean_churn_probability,
        auc.auc,
        (week_metrics.n_top_decile_churn_weeks / week_metrics.n_top_decile_weeks)
        / nullif(week_metrics.n_churn_weeks / week_metrics.n_weeks, 0) as top_decile_lift,
        calibration.calibration_error,
        week_metrics.brier_score,
        -- flags
        week_metrics.is_held_out,
        -- dates
        week_metrics.evaluation_quarter_start_date
    from week_metrics
    inner join auc
        on
            week_metrics.evaluation_period = auc.evaluation_period
            and week_metrics.segment = auc.segment
    inner join calibration
        on
            week_metrics.evaluation_period = calibration.evaluation_period
            and week_metrics.segment = calibration.segment
)

select * from final
