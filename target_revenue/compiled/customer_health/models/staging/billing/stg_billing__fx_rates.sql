with

base as (
    select * from "wh_revenue"."staging"."base_billing__fx_rates"
),

kept as (
    select
        "currency",
        "month_start_date",
        "rate_to_usd",
        "loaded_at",
        "fx_rate_id"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept