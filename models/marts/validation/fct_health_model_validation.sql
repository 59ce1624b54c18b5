{#- One row per evaluation period x segment (and 'All') x weight set: how well the health score of a
    week predicts churn within the next 90 days. Periods are calendar quarters of the week's start,
    plus two pooled periods: `training` (weeks whose outcome was known before the learned-weights
    cutoff), `held_out` (every quarter from the cutoff on) and `held_out_before_notice` (the same
    without the churn weeks on or after the churn's notice). Only mature weeks count. -#}
{%- set surprise_from = 60 -%}

with

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

-- the weeks each row counts (its quarter, the pooled periods; its segment and 'All')
group_weeks as (
    select * from {{ ref('int_validation_period_weeks') }}
),

band_predictions as (
    select * from {{ ref('int_score_band_predictions') }}
),

-- the riskiest decile: the lowest-scored tenth of the group's weeks (ties broken by account, week)
deciled as (
    select
        group_weeks.*,
        ntile(10) over (
            partition by group_weeks.evaluation_period, group_weeks.segment, group_weeks.weight_set
            order by group_weeks.health_score, group_weeks.account_id, group_weeks.week_start_date
        ) as risk_decile
    from group_weeks
),

value_counts as (
    select
        evaluation_period,
        segment,
        weight_set,
        health_score,
        sum(case when churns_within_90d then 1 else 0 end) as n_churned,
        sum(case when churns_within_90d then 0 else 1 end) as n_retained
    from group_weeks
    group by evaluation_period, segment, weight_set, health_score
),

-- Mann-Whitney AUC, ranked by rising risk (falling score) with average ranks for ties
auc as (
    {{ rank_auc(
        'value_counts',
        partition_by=['evaluation_period', 'segment', 'weight_set'],
        value_column='health_score'
    ) }}
),

-- surprise churn: a fully observed churn whose weeks in the 90 days before it all scored >=
-- surprise_from; each churn counts in the groups that hold its last such week. Before notice: the
-- last week before the notice scored >= surprise_from, and the churn counts where that week does
churn_events as (
    select
        weight_set,
        account_id,
        churn_date,
        min(health_score) as lowest_score,
        max(week_start_date) as last_week_start_date,
        max(case when not is_after_notice then week_start_date end)
            as last_week_before_notice_start_date
    from validation_weeks
    where churns_within_90d and is_churn_fully_observed
    group by weight_set, account_id, churn_date
),

surprises as (
    select
        group_weeks.evaluation_period,
        group_weeks.segment,
        group_weeks.weight_set,
        count(*) as n_churn_events,
        sum(
            case
                when
                    group_weeks.evaluation_period = 'held_out_before_notice'
                    and group_weeks.health_score >= {{ surprise_from }}
                    then 1
                when
                    group_weeks.evaluation_period != 'held_out_before_notice'
                    and churn_events.lowest_score >= {{ surprise_from }}
                    then 1
                else 0
            end
        ) as n_surprise_churns
    from group_weeks
    inner join churn_events
        on
            group_weeks.weight_set = churn_events.weight_set
            and group_weeks.account_id = churn_events.account_id
            and group_weeks.week_start_date = case
                when group_weeks.evaluation_period = 'held_out_before_notice'
                    then churn_events.last_week_before_notice_start_date
                else churn_events.last_week_start_date
            end
    group by group_weeks.evaluation_period, group_weeks.segment, group_weeks.weight_set
),

week_metrics as (
    select
        deciled.evaluation_period,
        deciled.segment,
        deciled.weight_set,
        max(deciled.evaluation_quarter_start_date) as evaluation_quarter_start_date,
        bool_and(deciled.is_held_out) as is_held_out,
        count(*) as n_weeks,
        count(distinct deciled.account_id) as n_accounts,
        sum(case when deciled.churns_within_90d then 1 else 0 end) as n_churn_weeks,
        sum(
            case
                when deciled.churns_within_90d and deciled.is_at_risk
                    then 1
                else 0
            end
        ) as true_positives,
        sum(
            case
                when not deciled.churns_within_90d and deciled.is_at_risk
                    then 1
                else 0
            end
        ) as false_positives,
        sum(case when deciled.risk_decile = 1 then 1 else 0 end) as n_top_decile_weeks,
        sum(
            case when deciled.risk_decile = 1 and deciled.churns_within_90d then 1 else 0 end
        ) as n_top_decile_churn_weeks
    from deciled
    group by deciled.evaluation_period, deciled.segment, deciled.weight_set
),

band_actuals as (
    select
        group_weeks.evaluation_period,
        group_weeks.segment,
        group_weeks.weight_set,
        group_weeks.score_band,
        count(*) as n_weeks,
        avg(case when group_weeks.churns_within_90d then 1.0e0 else 0.0e0 end) as actual_churn_rate,
        max(band_predictions.predicted_churn_probability) as predicted_churn_probability
    from group_weeks
    inner join band_predictions
        on
            group_weeks.weight_set = band_predictions.weight_set
            and group_weeks.score_band = band_predictions.score_band
    group by
        group_weeks.evaluation_period,
        group_weeks.segment,
        group_weeks.weight_set,
        group_weeks.score_band
),

calibration as (
    select
        evaluation_period,
        segment,
        weight_set,
        sum(n_weeks * abs(predicted_churn_probability - actual_churn_rate)) / sum(n_weeks)
            as calibration_error,
        -- mean of (p - y)^2 over the weeks: per band, p^2 - 2p x churn rate + churn rate (y^2 = y)
        sum(
            n_weeks * (
                predicted_churn_probability * predicted_churn_probability
                - 2 * predicted_churn_probability * actual_churn_rate
                + actual_churn_rate
            )
        ) / sum(n_weeks) as brier_score
    from band_actuals
    group by evaluation_period, segment, weight_set
),

final as (
    select
        -- keys
        week_metrics.evaluation_period,
        week_metrics.segment,
        week_metrics.weight_set,
        -- measures
        week_metrics.n_weeks,
        week_metrics.n_accounts,
        cast(week_metrics.n_churn_weeks as bigint) as n_churn_weeks,
        cast(coalesce(surprises.n_churn_events, 0) as bigint) as n_churn_events,
        cast(week_metrics.n_churn_weeks as double) / week_metrics.n_weeks as base_churn_rate,
        auc.auc,
        cast(week_metrics.true_positives as double)
        / nullif(week_metrics.true_positives + week_metrics.false_positives, 0)
            as at_risk_precision,
        cast(week_metrics.true_positives as double) / nullif(week_metrics.n_churn_weeks, 0)
            as at_risk_recall,
        2e0 * week_metrics.true_positives
        / nullif(
            2 * week_metrics.true_positives + week_metrics.false_positives
            + week_metrics.n_churn_weeks - week_metrics.true_positives,
            0
        ) as at_risk_f1,
        cast(week_metrics.false_positives as double)
        / nullif(week_metrics.n_weeks - week_metrics.n_churn_weeks, 0) as false_positive_rate,
        (
            cast(week_metrics.n_top_decile_churn_weeks as double) / week_metrics.n_top_decile_weeks
        )
        / nullif(cast(week_metrics.n_churn_weeks as double) / week_metrics.n_weeks, 0)
            as top_decile_lift,
        cast(surprises.n_surprise_churns as double) / nullif(surprises.n_churn_events, 0)
            as surprise_churn_rate,
        calibration.calibration_error,
        calibration.brier_score,
        -- flags
        week_metrics.is_held_out,
        -- dates
        week_metrics.evaluation_quarter_start_date
    from week_metrics
    inner join auc
        on
            week_metrics.evaluation_period = auc.evaluation_period
            and week_metrics.segment = auc.segment
            and week_metrics.weight_set = auc.weight_set
    inner join calibration
        on
            week_metrics.evaluation_period = calibration.evaluation_period
            and week_metrics.segment = calibration.segment
            and week_metrics.weight_set = calibration.weight_set
    left join surprises
        on
            week_metrics.evaluation_period = surprises.evaluation_period
            and week_metrics.segment = surprises.segment
            and week_metrics.weight_set = surprises.weight_set
)

select * from final
