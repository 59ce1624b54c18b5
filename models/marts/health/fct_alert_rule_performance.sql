{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}

with

episodes as (
    select * from {{ ref('fct_alert_rule_episodes') }}
),

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
),

alert_rules as (
    select * from {{ ref('alert_rules') }}
),

-- the base rates: churn (or contraction) within 90 days of any customer week whose window is
-- observed; the training rate over the weeks whose window ended before the cutoff
base_rate as (
    select
        avg(case when churns_within_90d then 1.0e0 else 0.0e0 end) as base_churn_rate,
        avg(case when churns_within_90d or contracts_within_90d then 1.0e0 else 0.0e0 end)
            as base_loss_rate,
        avg(
            case
                when outcome_window_end_date < cast('{{ cutoff }}' as date)
                    then case when churns_within_90d then 1.0e0 else 0.0e0 end
            end
        ) as training_base_churn_rate
    from outcomes
    where is_mature
),

-- each episode judged by what followed the week it opened
episode_outcomes as (
    select
        episodes.rule_id,
        outcomes.churns_within_90d,
        outcomes.churns_within_90d or outcomes.contracts_within_90d as is_followed_by_loss,
        -- the outcome was known before the held-out quarters: what the noisy flag is judged on
        outcomes.outcome_window_end_date < cast('{{ cutoff }}' as date) as is_known_before_cutoff,
        -- ended on its own: stopped firing, and neither churn nor contraction followed
        not episodes.is_firing_now
        and not (outcomes.churns_within_90d or outcomes.contracts_within_90d)
            as is_self_closed,
        case
            when outcomes.churns_within_90d
                then {{ dbt.datediff(
                    'episodes.opened_week_start_date', 'outcomes.churn_date', 'day'
                ) }}
        end as churn_lead_days
    from episodes
    inner join outcomes
        on
            episodes.account_id = outcomes.account_id
            and episodes.opened_week_start_date = outcomes.week_start_date
    where outcomes.is_mature
),

rule_outcomes as (
    select
        rule_id,
        count(*) as mature_episodes,
        avg(case when churns_within_90d then 1.0e0 else 0.0e0 end) as churn_share,
        avg(case when is_followed_by_loss then 1.0e0 else 0.0e0 end) as loss_share,
        avg(case when is_self_closed then 1.0e0 else 0.0e0 end) as self_closed_share,
        count(case when is_known_before_cutoff then 1 end) as training_episodes,
        avg(
            case
                when is_known_before_cutoff
                    then case when churns_within_90d then 1.0e0 else 0.0e0 end
            end
        ) as training_churn_share,
        percentile_cont(0.5) within group (order by churn_lead_days) as median_churn_lead_days
    from episode_outcomes
    group by rule_id
),

rule_episodes as (
    select
        rule_id,
        count(*) as episodes,
        count(case when is_firing_now then 1 end) as episodes_firing_now
    from episodes
    group by rule_id
),

scored as (
    select
        alert_rules.rule_id,
        alert_rules.rule_family,
        alert_rules.rule_name,
        alert_rules.family_rank,
        alert_rules.is_enabled as is_enabled_override,
        coalesce(rule_episodes.episodes, 0) as episodes,
        coalesce(rule_episodes.episodes_firing_now, 0) as episodes_firing_now,
        coalesce(rule_outcomes.mature_episodes, 0) as mature_episodes,
        rule_outcomes.churn_share,
        rule_outcomes.loss_share,
        base_rate.base_churn_rate,
        base_rate.base_loss_rate,
        -- lift is on churn: contraction follows a quarter of all weeks and drowns the signal
        rule_outcomes.churn_share / nullif(base_rate.base_churn_rate, 0) as lift,
        rule_outcomes.loss_share / nullif(base_rate.base_loss_rate, 0) as loss_lift,
        rule_outcomes.median_churn_lead_days,
        rule_outcomes.self_closed_share,
        coalesce(rule_outcomes.training_episodes, 0) as training_episodes,
        rule_outcomes.training_churn_share
        / nullif(base_rate.training_base_churn_rate, 0) as training_lift
    from alert_rules
    cross join base_rate
    left join rule_episodes
        on alert_rules.rule_id = rule_episodes.rule_id
    left join rule_outcomes
        on alert_rules.rule_id = rule_outcomes.rule_id
),

final as (
    select
        -- keys
        rule_id,
        rule_family,
        -- attributes
        rule_name,
        -- measures
        family_rank,
        episodes,
        episodes_firing_now,
        mature_episodes,
        cast(churn_share as double) as churn_share,
        cast(loss_share as double) as loss_share,
        cast(base_churn_rate as double) as base_churn_rate,
        cast(base_loss_rate as double) as base_loss_rate,
        cast(lift as double) as lift,
        cast(loss_lift as double) as loss_lift,
        cast(median_churn_lead_days as double) as median_churn_lead_days,
        cast(self_closed_share as double) as self_closed_share,
        training_episodes,
        cast(training_lift as double) as training_lift,
        -- flags
        -- judged on the episodes whose outcome was known before the cutoff (the held-out quarters
        -- do not choose the rules); a rule never judged there is not noisy: no evidence against it
        coalesce(training_lift < {{ var('alert_min_lift') }}, false) as is_noisy,
        is_enabled_override,
        coalesce(
            is_enabled_override, not coalesce(training_lift < {{ var('alert_min_lift') }}, false)
        ) as is_enabled
    from scored
)

select * from final
