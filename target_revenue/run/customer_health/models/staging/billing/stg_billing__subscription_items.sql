
  
  create view "wh_revenue"."staging"."stg_billing__subscription_items__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_billing__subscription_items"
),

kept as (
    select
        "subscription_item_id",
        "subscription_id",
        "price_id",
        "quantity",
        "created_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
