with

base as (
    select * from "wh_revenue"."staging"."base_billing__prices"
),

kept as (
    select
        "price_id",
        "product_id",
        "price_nickname",
        "currency",
        "billing_interval",
        "billing_interval_count",
        "unit_amount",
        "is_active",
        "created_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept