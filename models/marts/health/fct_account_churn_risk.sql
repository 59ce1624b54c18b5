with

probabilities as (
    select * from {{ ref('int_account_churn_probabilities') }}
),

account_measures as (
    select * from {{ ref('int_account_measures_weekly') }}
),

risk_tiers as (
    select * from {{ ref('churn_risk_tiers') }}
),

account_arr as (
    select
        account_id,
        week_start_date,
        cast(mrr * 12 as decimal(18, 2)) as arr
    from account_measures
),

-- a week takes the tier with the highest lower bound at or below its probability
tiered as (
    select
        probabilities.account_id,
        probabilities.week_start_date,
        max(risk_tiers.min_churn_probability) as min_churn_probability
    from probabilities
    inner join risk_tiers
        on probabilities.churn_probability >= risk_tiers.min_churn_probability
    group by probabilities.account_id, probabilities.week_start_date
),

final as (
    select
        -- keys
        probabilities.account_id,
        probabilities.week_start_date,
        -- attributes
        probabilities.model_version,
        account_measures.segment,
        account_measures.lifecycle_stage,
        risk_tiers.risk_tier,
        probabilities.risk_feature_1,
        probabilities.risk_feature_2,
        probabilities.risk_feature_3,
        -- measures
        probabilities.churn_probability,
        risk_tiers.risk_tier_rank,
        probabilities.risk_feature_1_contribution,
        probabilities.risk_feature_2_contribution,
        probabilities.risk_feature_3_contribution,
        -- revenue
        account_arr.arr,
        cast(probabilities.churn_probability * coalesce(account_arr.arr, 0) as decimal(18, 2))
            as expected_arr_loss,
        -- dates
        account_measures.week_end_date
    from probabilities
    inner join account_measures
        on
            probabilities.account_id = account_measures.account_id
            and probabilities.week_start_date = account_measures.week_start_date
    inner join account_arr
        on
            probabilities.account_id = account_arr.account_id
            and probabilities.week_start_date = account_arr.week_start_date
    inner join tiered
        on
            probabilities.account_id = tiered.account_id
            and probabilities.week_start_date = tiered.week_start_date
    inner join risk_tiers
        on tiered.min_churn_probability = risk_tiers.min_churn_probability
)

select * from final
