with

base as (
    select * from "wh_revenue"."staging"."base_billing__subscriptions"
),

kept as (
    select
        "subscription_id",
        "customer_id",
        "subscription_status",
        "is_cancel_at_period_end",
        "created_at",
        "started_at",
        "current_period_start_at",
        "current_period_end_at",
        "trial_start_at",
        "trial_end_at",
        "canceled_at",
        "ended_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept