{#- One row per weight set per mature, scored account week before churn: the health score under the
    weight set, its 10-point score band, the churn label and the evaluation quarter, with whether
    the quarter is held out (starts on or after var learned_weights_cutoff_date), whether the score
    is at risk (its colour, seed health_colours), whether the week's outcome was known before the
    cutoff, and whether it ends on or after the notice of its churn (is_after_notice). The population every validation mart evaluates. -#}
{%- set cutoff = var('learned_weights_cutoff_date', '2026-01-01') -%}

with

outcomes as (
    select * from {{ ref('int_account_week_outcomes') }}
    where is_mature
),

scores as (
    select * from {{ ref('int_validation_scores') }}
),

as_of as (
    select * from {{ ref('int_warehouse_as_of') }}
),

score_bands as (
    select * from {{ ref('int_score_bands') }}
),

subscriptions as (
    select * from {{ ref('stg_billing__subscriptions') }}
),

customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
),

-- notice: when a subscription was canceled (cancel at period end, or a cancellation timestamp), or
-- when it ended if it carries no cancellation
subscription_notices as (
    select
        customer_accounts.account_id,
        cast(coalesce(subscriptions.canceled_at, subscriptions.ended_at) as date) as notice_date,
        cast(coalesce(subscriptions.ended_at, subscriptions.current_period_end_at) as date)
            as subscription_end_date
    from subscriptions
    inner join customer_accounts
        on subscriptions.customer_id = customer_accounts.customer_id
    where subscriptions.canceled_at is not null or subscriptions.ended_at is not null
),

churns as (
    select distinct
        account_id,
        churn_date
    from outcomes
    where churn_date is not null
),

-- a churn's notice: the earliest notice of a subscription of the account that ends in the 90 days
-- up to the churn's month end
churn_notices as (
    select
        churns.account_id,
        churns.churn_date,
        min(subscription_notices.notice_date) as notice_date
    from churns
    inner join subscription_notices
        on
            churns.account_id = subscription_notices.account_id
            and churns.churn_date >= subscription_notices.subscription_end_date
            and {{ dbt.dateadd('day', -90, 'churns.churn_date') }}
            < subscription_notices.subscription_end_date
    group by churns.account_id, churns.churn_date
),

final as (
    select
        -- keys
        scores.weight_set,
        outcomes.account_id,
        outcomes.week_start_date,
        -- attributes
        outcomes.segment,
        outcomes.lifecycle_stage,
        score_bands.score_band,
        -- measures
        scores.health_score,
        -- outcomes
        outcomes.churns_within_90d,
        -- flags
        score_bands.is_at_risk,
        {{ dbt.date_trunc('quarter', 'outcomes.week_start_date') }}
        >= cast('{{ cutoff }}' as date) as is_held_out,
        outcomes.outcome_window_end_date < cast('{{ cutoff }}' as date) as is_known_before_cutoff,
        -- every week in the 90 days before the churn is mature: the churn is fully observed
        coalesce(
            {{ dbt.dateadd('day', 89, 'outcomes.churn_date') }} <= as_of.as_of_date, false
        ) as is_churn_fully_observed,
        -- the week ends on or after the notice of its churn: the score can see the cancellation
        coalesce(churn_notices.notice_date <= outcomes.week_end_date, false) as is_after_notice,
        -- dates
        cast({{ dbt.date_trunc('quarter', 'outcomes.week_start_date') }} as date)
            as evaluation_quarter_start_date,
        outcomes.week_end_date,
        outcomes.churn_date,
        churn_notices.notice_date
    from outcomes
    cross join as_of
    inner join scores
        on
            outcomes.account_id = scores.account_id
            and outcomes.week_start_date = scores.week_start_date
    inner join score_bands
        on scores.health_score = score_bands.score
    left join churn_notices
        on
            outcomes.account_id = churn_notices.account_id
            and outcomes.churn_date = churn_notices.churn_date
)

select * from final
