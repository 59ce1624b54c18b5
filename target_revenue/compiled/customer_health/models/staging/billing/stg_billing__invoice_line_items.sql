with

base as (
    select * from "wh_revenue"."staging"."base_billing__invoice_line_items"
),

kept as (
    select
        "invoice_line_item_id",
        "invoice_id",
        "subscription_id",
        "price_id",
        "line_type",
        "currency",
        "quantity",
        "amount",
        "is_proration",
        "period_start_at",
        "period_end_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept