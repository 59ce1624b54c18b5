
  
  create view "wh_revenue"."staging"."stg_billing__invoices__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_billing__invoices"
),

kept as (
    select
        "invoice_id",
        "customer_id",
        "subscription_id",
        "invoice_status",
        "currency",
        "amount_due",
        "amount_paid",
        "total_amount",
        "period_start_at",
        "period_end_at",
        "created_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
