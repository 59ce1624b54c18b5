{#- One row per account per week: every raw measure of the scorecard side by side, with the
    account's lifecycle stage and the scorecard that scores it. -#}
with

account_weeks as (
    select * from {{ ref('int_account_weeks') }}
),

usage_measures as (
    select * from {{ ref('int_usage_measures_weekly') }}
),

engagement_measures as (
    select * from {{ ref('int_engagement_measures_weekly') }}
),

support_measures as (
    select * from {{ ref('int_support_measures_weekly') }}
),

billing_measures as (
    select * from {{ ref('int_billing_measures_weekly') }}
),

mrr_weekly as (
    select * from {{ ref('int_account_mrr_weekly') }}
),

scorecards as (
    select * from {{ ref('scorecards') }}
),

staged as (
    select
        account_weeks.*,
        case
            when account_weeks.tenure_days <= {{ var('onboarding_days') }} then 'onboarding'
            else 'established'
        end as lifecycle_stage
    from account_weeks
),

final as (
    select
        -- keys
        staged.account_id,
        staged.week_start_date,
        coalesce(segment_scorecards.scorecard_id, default_scorecards.scorecard_id) as scorecard_id,
        -- attributes
        staged.segment,
        staged.lifecycle_stage,
        -- usage
        usage_measures.active_users_28d * 1.0e0 / nullif(billing_measures.licensed_seats, 0)
            as seat_utilisation,
        usage_measures.dau_mau,
        usage_measures.l7_l30,
        usage_measures.core_feature_adoption,
        usage_measures.expansion_feature_adoption,
        usage_measures.advanced_feature_adoption,
        usage_measures.key_workflow_completion,
        usage_measures.days_since_last_activity,
        usage_measures.usage_velocity,
        usage_measures.power_user_share,
        usage_measures.dormant_user_share,
        -- engagement
        engagement_measures.nps_latest,
        engagement_measures.nps_change,
        engagement_measures.csm_touchpoint_completion,
        engagement_measures.meetings_missed_90d,
        engagement_measures.champion_present,
        engagement_measures.champion_departed_90d,
        engagement_measures.executive_sponsor_present,
        -- support
        support_measures.open_tickets,
        support_measures.urgent_tickets_30d,
        support_measures.escalations_90d,
        support_measures.csat_good_share_90d,
        support_measures.median_resolution_hours_90d,
        -- growth
        billing_measures.seat_trend_90d,
        mrr_weekly.mrr_change_90d,
        usage_measures.usage_trend_90d,
        -- financial
        billing_measures.failed_payments_90d,
        billing_measures.is_past_due,
        billing_measures.days_to_renewal,
        billing_measures.is_annual_contract,
        -- context
        billing_measures.licensed_seats,
        usage_measures.active_users_28d,
        mrr_weekly.mrr,
        -- dates
        staged.week_end_date,
        staged.account_start_date,
        staged.tenure_days,
        engagement_measures.last_response_date
    from staged
    left join usage_measures
        on
            staged.account_id = usage_measures.account_id
            and staged.week_start_date = usage_measures.week_start_date
    left join engagement_measures
        on
            staged.account_id = engagement_measures.account_id
            and staged.week_start_date = engagement_measures.week_start_date
    left join support_measures
        on
            staged.account_id = support_measures.account_id
            and staged.week_start_date = support_measures.week_start_date
    left join billing_measures
        on
            staged.account_id = billing_measures.account_id
            and staged.week_start_date = billing_measures.week_start_date
    left join mrr_weekly
        on
            staged.account_id = mrr_weekly.account_id
            and staged.week_start_date = mrr_weekly.week_start_date
    left join scorecards as segment_scorecards
        on
            staged.segment = segment_scorecards.segment
            and staged.lifecycle_stage = segment_scorecards.lifecycle_stage
    -- accounts without a known segment are scored with the Mid-Market scorecard of their stage
    left join scorecards as default_scorecards
        on
            default_scorecards.segment = 'Mid-Market'
            and staged.lifecycle_stage = default_scorecards.lifecycle_stage
)

select * from final
