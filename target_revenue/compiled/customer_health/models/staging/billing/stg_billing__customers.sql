with

base as (
    select * from "wh_revenue"."staging"."base_billing__customers"
),

kept as (
    select
        "customer_id",
        "account_ref_raw",
        "account_ref",
        "email",
        "customer_name",
        "currency",
        "is_delinquent",
        "is_deleted",
        "created_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept