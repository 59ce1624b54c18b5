{#- One row per evaluation period x segment x scorer (weight set) x metric: the metric's value
    beside its target (seed validation_targets) and the verdict. The scorers are the health score
    under each weight set and the churn probability (weight_set 'churn_probability': AUC, lift and
    calibration only, from fct_churn_probability_validation, on the same weeks). The verdict is
    withheld (passes null) where the period has fewer than min_churn_events fully observed churns,
    and on in-sample periods (not held out: the learned weights, the band probabilities and the
    churn model were fitted on their weeks). AUC and lift carry 95% bootstrap intervals (held-out
    periods, segment 'All'; the probability's from its log-odds binned at 0.01): n_replicates Poisson(1) resamples of the accounts, each account's weight drawn from a
    hash of its id and the replicate number, so every build draws the same replicates. -#}
{%- set min_churn_events = 20 -%}
{%- set n_replicates = 200 -%}
{%- set detected_from_days = 60 -%}
{%- set hex_digits = "'0123456789abcdef'" -%}

with

health_validation as (
    select * from {{ ref('fct_health_model_validation') }}
),

probability_validation as (
    select * from {{ ref('fct_churn_probability_validation') }}
),

probabilities as (
    select * from {{ ref('int_account_churn_probabilities') }}
),

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

targets as (
    select * from {{ ref('validation_targets') }}
),

-- each week in every validation row it counts in (its quarter, the pooled periods; its segment
-- and 'All')
period_weeks as (
    select * from {{ ref('int_validation_period_weeks') }}
),

-- the churn probability beside the score weight sets; its churn events are the score's (the same
-- weeks)
validation as (
    select
        evaluation_period,
        segment,
        weight_set,
        n_churn_events,
        base_churn_rate,
        auc,
        top_decile_lift,
        calibration_error,
        brier_score,
        surprise_churn_rate,
        false_positive_rate,
        is_held_out,
        evaluation_quarter_start_date
    from health_validation
    union all
    select
        probability_validation.evaluation_period,
        probability_validation.segment,
        'churn_probability' as weight_set,
        health_validation.n_churn_events,
        probability_validation.base_churn_rate,
        probability_validation.auc,
        probability_validation.top_decile_lift,
        probability_validation.calibration_error,
        probability_validation.brier_score,
        null as surprise_churn_rate,
        null as false_positive_rate,
        probability_validation.is_held_out,
        probability_validation.evaluation_quarter_start_date
    from probability_validation
    inner join health_validation
        on
            probability_validation.evaluation_period = health_validation.evaluation_period
            and probability_validation.segment = health_validation.segment
            and health_validation.weight_set = 'configured'
),

-- each scorer's weeks ranked by one value, lower = riskier: the health score, or minus the
-- churn probability
ranked_weeks as (
    select
        evaluation_period,
        segment,
        weight_set,
        account_id,
        week_start_date,
        health_score as risk_value,
        churns_within_90d,
        is_held_out
    from period_weeks
    union all
    select
        period_weeks.evaluation_period,
        period_weeks.segment,
        'churn_probability' as weight_set,
        period_weeks.account_id,
        period_weeks.week_start_date,
        -- binned at 0.01 in log-odds (order-preserving; the score's own resolution is 0.1 points):
        -- the bootstrap counts values, and a continuous probability has one value per week
        -round(probabilities.churn_log_odds, 2) as risk_value,
        period_weeks.churns_within_90d,
        period_weeks.is_held_out
    from period_weeks
    inner join probabilities
        on
            period_weeks.account_id = probabilities.account_id
            and period_weeks.week_start_date = probabilities.week_start_date
    where period_weeks.weight_set = 'configured'
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

{# bootstrap: the held-out rows (pooled and quarterly) of segment 'All' only, to keep the cost
   down; in-sample rows carry no verdict, so no interval either #}
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

-- the held-out weeks held_out_before_notice leaves out (those on or after their churn's notice):
-- its replicate counts are the held-out quarters' less these, so the replicates draw each held-out
-- week once, not twice
held_out_notice_weeks as (
    select
        'held_out_after_notice' as evaluation_period,
        held_out.weight_set,
        held_out.account_id,
        held_out.week_start_date,
        held_out.risk_value,
        held_out.churns_within_90d
    from ranked_weeks as held_out
    left join ranked_weeks as before_notice
        on
            held_out.weight_set = before_notice.weight_set
            and held_out.account_id = before_notice.account_id
            and held_out.week_start_date = before_notice.week_start_date
            and before_notice.evaluation_period = 'held_out_before_notice'
            and before_notice.segment = 'All'
    where
        held_out.evaluation_period = 'held_out'
        and held_out.segment = 'All'
        and before_notice.account_id is null
),

drawn_weeks as (
    select
        evaluation_period,
        weight_set,
        account_id,
        week_start_date,
        risk_value,
        churns_within_90d
    from ranked_weeks
    where
        segment = 'All'
        and is_held_out
        -- the pooled periods are sums of these counts (below)
        and evaluation_period not in ('held_out', 'held_out_before_notice')
    union all
    select * from held_out_notice_weeks
),

replicate_weeks as (
    select
        drawn_weeks.evaluation_period,
        drawn_weeks.weight_set,
        account_weights.replicate_number,
        drawn_weeks.account_id,
        drawn_weeks.week_start_date,
        drawn_weeks.risk_value,
        account_weights.draw_weight,
        case when drawn_weeks.churns_within_90d then account_weights.draw_weight else 0 end
            as churn_weight
    from drawn_weeks
    inner join account_weights
        on drawn_weeks.account_id = account_weights.account_id
    where account_weights.draw_weight > 0
),

period_value_counts as (
    select
        evaluation_period,
        weight_set,
        replicate_number,
        risk_value,
        sum(churn_weight) as n_churned,
        sum(draw_weight - churn_weight) as n_retained
    from replicate_weeks
    group by evaluation_period, weight_set, replicate_number, risk_value
),

-- every held-out week is in exactly one held-out quarter; before notice: less the weeks after it
-- (a value held only by those weeks drops out)
replicate_value_counts as (
    select * from period_value_counts
    where evaluation_period != 'held_out_after_notice'
    union all
    select
        'held_out' as evaluation_period,
        weight_set,
        replicate_number,
        risk_value,
        sum(n_churned) as n_churned,
        sum(n_retained) as n_retained
    from period_value_counts
    where evaluation_period != 'held_out_after_notice'
    group by weight_set, replicate_number, risk_value
    union all
    select
        'held_out_before_notice' as evaluation_period,
        weight_set,
        replicate_number,
        risk_value,
        sum(
            case when evaluation_period = 'held_out_after_notice' then -n_churned else n_churned end
        ) as n_churned,
        sum(
            case
                when evaluation_period = 'held_out_after_notice' then -n_retained else n_retained
            end
        ) as n_retained
    from period_value_counts
    group by weight_set, replicate_number, risk_value
    having sum(
        case
            when evaluation_period = 'held_out_after_notice' then -(n_churned + n_retained)
            else n_churned + n_retained
        end
    ) > 0
),

replicate_auc as (
    {{ rank_auc(
        'replicate_value_counts',
        partition_by=['evaluation_period', 'weight_set', 'replicate_number'],
        value_column='risk_value'
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
            order by risk_value
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
    -- the probability has no at-risk flag: it is judged on ranking and calibration
    where
        validation.weight_set != 'churn_probability'
        or metrics.metric in ('auc', 'top_decile_lift', 'calibration_error')
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
