{#- One row per evaluation period x segment x weight set x metric: the metric's value beside its
    target (seed validation_targets) and the verdict. The verdict is withheld (passes null) where the period
    has fewer than min_churn_events fully observed churns, and on in-sample periods (not held out: the
    learned weights and the band probabilities were fitted on their weeks). AUC and lift carry 95%
    bootstrap intervals (segment 'All'): n_replicates Poisson(1) resamples of the accounts, each
    account's weight drawn from a hash of its id and the replicate number, so every build draws the
    same replicates. -#}
{%- set min_churn_events = 20 -%}
{%- set n_replicates = 200 -%}
{%- set detected_from_days = 60 -%}
{%- set hex_digits = "'0123456789abcdef'" -%}

with

validation as (
    select * from {{ ref('fct_health_model_validation') }}
),

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

targets as (
    select * from {{ ref('validation_targets') }}
),

-- each week in every validation row it counts in: its quarter, the pooled held_out or training
-- period, its segment and 'All' (the mart's rows are the list of periods)
period_weeks as (
    select
        validation.evaluation_period,
        validation.segment,
        validation_weeks.weight_set,
        validation_weeks.account_id,
        validation_weeks.week_start_date,
        validation_weeks.health_score,
        validation_weeks.churns_within_90d
    from validation_weeks
    inner join validation
        on
            validation_weeks.weight_set = validation.weight_set
            and validation.segment in (validation_weeks.segment, 'All')
            and (
                validation_weeks.evaluation_quarter_start_date
                = validation.evaluation_quarter_start_date
                or (validation.evaluation_period = 'held_out' and validation_weeks.is_held_out)
                or (
                    validation.evaluation_period = 'held_out_before_notice'
                    and validation_weeks.is_held_out
                    and not validation_weeks.is_after_notice
                )
                or (
                    validation.evaluation_period = 'training'
                    and validation_weeks.is_known_before_cutoff
                )
            )
),

-- time to detection, per fully observed churn: days from the end of its first at-risk week in the
-- 90 days before the churn to the churn (null when never flagged); before notice: of the weeks
-- before the churn's notice
churn_events as (
    select
        weight_set,
        account_id,
        churn_date,
        max(week_start_date) as last_week_start_date,
        max(case when not is_after_notice then week_start_date end)
            as last_week_before_notice_start_date,
        min(case when is_at_risk then week_end_date end) as first_flagged_week_end_date,
        min(case when is_at_risk and not is_after_notice then week_end_date end)
            as first_flagged_before_notice_week_end_date
    from validation_weeks
    where churns_within_90d and is_churn_fully_observed
    group by weight_set, account_id, churn_date
),

-- a churn counts in the rows that hold its last week before the churn (before notice: its last
-- week before the notice), as surprise churn does
period_churn_events as (
    select
        period_weeks.evaluation_period,
        period_weeks.segment,
        period_weeks.weight_set,
        case
            when period_weeks.evaluation_period = 'held_out_before_notice'
                then {{ dbt.datediff(
                    'churn_events.first_flagged_before_notice_week_end_date',
                    'churn_events.churn_date',
                    'day'
                ) }}
            else {{ dbt.datediff(
                'churn_events.first_flagged_week_end_date', 'churn_events.churn_date', 'day'
            ) }}
        end as days_flagged_ahead
    from churn_events
    inner join period_weeks
        on
            churn_events.weight_set = period_weeks.weight_set
            and churn_events.account_id = period_weeks.account_id
            and period_weeks.week_start_date = case
                when period_weeks.evaluation_period = 'held_out_before_notice'
                    then churn_events.last_week_before_notice_start_date
                else churn_events.last_week_start_date
            end
),

detection as (
    select
        evaluation_period,
        segment,
        weight_set,
        percentile_cont(0.5) within group (order by days_flagged_ahead)
            as median_days_to_detection,
        avg(case when days_flagged_ahead >= {{ detected_from_days }} then 1.0e0 else 0.0e0 end)
            as share_detected_60d_ahead
    from period_churn_events
    group by evaluation_period, segment, weight_set
),

{# bootstrap: the pooled and quarterly rows of segment 'All' only, to keep the cost down #}
replicates as (
    {{ dbt.generate_series(n_replicates) }}
),

accounts as (
    select distinct account_id from validation_weeks
),

account_hashes as (
    select
        accounts.account_id,
        replicates.generated_number as replicate_number,
        {{ dbt.hash(dbt.concat([
            'accounts.account_id', "'|'", 'cast(replicates.generated_number as ' ~ dbt.type_string() ~ ')'
        ])) }} as draw_hash
    from accounts
    cross join replicates
),

-- the hash's first five hex digits as a uniform draw in [0, 1), inverted through the Poisson(1)
-- distribution function: how many times the account is drawn into the replicate
account_draws as (
    select
        account_id,
        replicate_number,
        (
            {%- for digit in range(1, 6) %}
                ({{ dbt.position('substring(draw_hash, ' ~ digit ~ ', 1)', hex_digits) }} - 1)
                * {{ 16 ** (5 - digit) }}{{ ' +' if not loop.last }}
            {%- endfor %}
        ) / {{ 16 ** 5 }}e0 as draw
    from account_hashes
),

account_weights as (
    select
        account_id,
        replicate_number,
        case
            when draw < 0.367879 then 0
            when draw < 0.735759 then 1
            when draw < 0.919699 then 2
            when draw < 0.981012 then 3
            when draw < 0.996340 then 4
            when draw < 0.999406 then 5
            else 6
        end as draw_weight
    from account_draws
),

replicate_weeks as (
    select
        period_weeks.evaluation_period,
        period_weeks.weight_set,
        account_weights.replicate_number,
        period_weeks.account_id,
        period_weeks.week_start_date,
        period_weeks.health_score,
        account_weights.draw_weight,
        case when period_weeks.churns_within_90d then account_weights.draw_weight else 0 end
            as churn_weight
    from period_weeks
    inner join account_weights
        on period_weeks.account_id = account_weights.account_id
    where period_weeks.segment = 'All' and account_weights.draw_weight > 0
),

replicate_value_counts as (
    select
        evaluation_period,
        weight_set,
        replicate_number,
        health_score,
        sum(churn_weight) as n_churned,
        sum(draw_weight - churn_weight) as n_retained
    from replicate_weeks
    group by evaluation_period, weight_set, replicate_number, health_score
),

replicate_auc as (
    {{ rank_auc(
        'replicate_value_counts',
        partition_by=['evaluation_period', 'weight_set', 'replicate_number'],
        value_column='health_score'
    ) }}
),

-- the riskiest decile of a replicate: its first ceil(weeks / 10) weeks by rising score, as
-- ntile(10); the weeks at the boundary score enter pro rata (the tie-break by account and week of
-- the point estimate, in expectation), so the lift is read from the value counts: no week sorted
replicate_running as (
    select
        *,
        coalesce(sum(n_churned + n_retained) over (
            partition by evaluation_period, weight_set, replicate_number
            order by health_score
            rows between unbounded preceding and 1 preceding
        ), 0) as weeks_before,
        ceil(sum(n_churned + n_retained) over (
            partition by evaluation_period, weight_set, replicate_number
        ) / 10.0e0) as decile_size
    from replicate_value_counts
),

replicate_lift as (
    select
        evaluation_period,
        weight_set,
        replicate_number,
        (
            sum(
                greatest(0, least(n_churned + n_retained, decile_size - weeks_before))
                * n_churned / (n_churned + n_retained)
            ) / max(decile_size)
        )
        / nullif(cast(sum(n_churned) as double) / sum(n_churned + n_retained), 0)
            as top_decile_lift
    from replicate_running
    group by evaluation_period, weight_set, replicate_number
),

replicate_metrics as (
    select
        replicate_auc.evaluation_period,
        replicate_auc.weight_set,
        replicate_auc.auc,
        replicate_lift.top_decile_lift
    from replicate_auc
    inner join replicate_lift
        on
            replicate_auc.evaluation_period = replicate_lift.evaluation_period
            and replicate_auc.weight_set = replicate_lift.weight_set
            and replicate_auc.replicate_number = replicate_lift.replicate_number
),

intervals as (
    select
        evaluation_period,
        weight_set,
        'All' as segment,
        percentile_cont(0.025) within group (order by auc) as auc_lower,
        percentile_cont(0.975) within group (order by auc) as auc_upper,
        percentile_cont(0.025) within group (order by top_decile_lift) as lift_lower,
        percentile_cont(0.975) within group (order by top_decile_lift) as lift_upper
    from replicate_metrics
    group by evaluation_period, weight_set
),

-- the constant guess: every week gets the training base churn rate of its weight set
constant_guesses as (
    select
        weight_set,
        base_churn_rate as guessed_churn_probability
    from validation
    where evaluation_period = 'training' and segment = 'All'
),

metrics as (
    select 'auc' as metric
    union all
    select 'top_decile_lift' as metric
    union all
    select 'calibration_error' as metric
    union all
    select 'surprise_churn_rate' as metric
    union all
    select 'false_positive_rate' as metric
    union all
    select 'median_days_to_detection' as metric
    union all
    select 'share_detected_60d_ahead' as metric
),

metric_values as (
    select
        validation.evaluation_period,
        validation.segment,
        validation.weight_set,
        metrics.metric,
        case metrics.metric
            when 'auc' then validation.auc
            when 'top_decile_lift' then validation.top_decile_lift
            when 'calibration_error' then validation.calibration_error
            when 'surprise_churn_rate' then validation.surprise_churn_rate
            when 'false_positive_rate' then validation.false_positive_rate
            when 'median_days_to_detection' then detection.median_days_to_detection
            when 'share_detected_60d_ahead' then detection.share_detected_60d_ahead
        end as metric_value,
        case metrics.metric
            when 'auc' then intervals.auc_lower
            when 'top_decile_lift' then intervals.lift_lower
        end as interval_lower,
        case metrics.metric
            when 'auc' then intervals.auc_upper
            when 'top_decile_lift' then intervals.lift_upper
        end as interval_upper,
        case
            when metrics.metric = 'calibration_error'
                then abs(constant_guesses.guessed_churn_probability - validation.base_churn_rate)
        end as baseline_value,
        case when metrics.metric = 'calibration_error' then validation.brier_score end
            as brier_score,
        -- mean of (p0 - y)^2 = p0^2 - 2 p0 x base rate + base rate
        case
            when metrics.metric = 'calibration_error'
                then
                    constant_guesses.guessed_churn_probability
                    * constant_guesses.guessed_churn_probability
                    - 2 * constant_guesses.guessed_churn_probability * validation.base_churn_rate
                    + validation.base_churn_rate
        end as baseline_brier_score,
        validation.n_churn_events,
        validation.n_churn_events < {{ min_churn_events }} as is_too_few_churn_events,
        not validation.is_held_out as is_in_sample,
        validation.is_held_out,
        validation.evaluation_quarter_start_date
    from validation
    cross join metrics
    left join detection
        on
            validation.evaluation_period = detection.evaluation_period
            and validation.segment = detection.segment
            and validation.weight_set = detection.weight_set
    left join intervals
        on
            validation.evaluation_period = intervals.evaluation_period
            and validation.segment = intervals.segment
            and validation.weight_set = intervals.weight_set
    left join constant_guesses
        on validation.weight_set = constant_guesses.weight_set
),

judged as (
    select
        metric_values.*,
        targets.comparison,
        targets.target,
        case
            when targets.target is null then 'no_target'
            when metric_values.is_in_sample then 'in_sample'
            when metric_values.is_too_few_churn_events then 'too_few_churn_events'
            when metric_values.metric_value is null then 'no_value'
            when targets.comparison = 'greater_than' and metric_values.metric_value > targets.target
                then 'pass'
            when targets.comparison = 'less_than' and metric_values.metric_value < targets.target
                then 'pass'
            else 'fail'
        end as verdict
    from metric_values
    left join targets
        on metric_values.metric = targets.metric
),

final as (
    select
        -- keys
        evaluation_period,
        segment,
        weight_set,
        metric,
        -- attributes
        comparison,
        verdict,
        -- measures
        metric_value,
        interval_lower,
        interval_upper,
        target,
        baseline_value,
        brier_score,
        baseline_brier_score,
        n_churn_events,
        -- flags
        case verdict when 'pass' then true when 'fail' then false end as passes,
        is_too_few_churn_events,
        is_in_sample,
        is_held_out,
        -- dates
        evaluation_quarter_start_date
    from judged
)

select * from final
