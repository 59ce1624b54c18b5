{#- One row per weight set x evaluation period (`training`: outcome known before the learned-weights
    cutoff; `held_out`: quarters from the cutoff on) x score decile: decile 1 is the lowest-scored
    (riskiest) tenth of the period's mature weeks. Churn within 90 days should fall decile by
    decile. -#}
with

validation_weeks as (
    select * from {{ ref('int_validation_weeks') }}
),

period_weeks as (
    select
        'held_out' as evaluation_period,
        weight_set,
        account_id,
        week_start_date,
        health_score,
        churns_within_90d
    from validation_weeks
    where is_held_out
    union all
    select
        'training' as evaluation_period,
        weight_set,
        account_id,
        week_start_date,
        health_score,
        churns_within_90d
    from validation_weeks
    where is_known_before_cutoff
),

deciled as (
    select
        *,
        ntile(10) over (
            partition by evaluation_period, weight_set
            order by health_score, account_id, week_start_date
        ) as score_decile
    from period_weeks
),

decile_counts as (
    select
        evaluation_period,
        weight_set,
        score_decile,
        count(*) as n_weeks,
        sum(case when churns_within_90d then 1 else 0 end) as n_churn_weeks,
        min(health_score) as min_health_score,
        max(health_score) as max_health_score
    from deciled
    group by evaluation_period, weight_set, score_decile
),

final as (
    select
        -- keys
        evaluation_period,
        weight_set,
        cast(score_decile as integer) as score_decile,
        -- measures
        cast(n_weeks as bigint) as n_weeks,
        cast(n_churn_weeks as bigint) as n_churn_weeks,
        cast(n_churn_weeks as double) / n_weeks as churn_rate,
        (cast(n_churn_weeks as double) / n_weeks)
        / nullif(
            cast(sum(n_churn_weeks) over (partition by evaluation_period, weight_set) as double)
            / sum(n_weeks) over (partition by evaluation_period, weight_set),
            0
        ) as lift,
        min_health_score,
        max_health_score
    from decile_counts
)

select * from final
