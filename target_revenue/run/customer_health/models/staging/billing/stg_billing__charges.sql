
  
  create view "wh_revenue"."staging"."stg_billing__charges__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_billing__charges"
),

kept as (
    select
        "charge_id",
        "customer_id",
        "invoice_id",
        "charge_status",
        "currency",
        "failure_code",
        "amount",
        "is_failed",
        "created_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
