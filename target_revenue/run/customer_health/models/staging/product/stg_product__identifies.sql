
  
  create view "wh_revenue"."staging"."stg_product__identifies__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_product__identifies"
),

kept as (
    select
        "identify_id",
        "user_id",
        "anonymous_id",
        "account_ref_raw",
        "account_ref",
        "email",
        "user_name",
        "user_role",
        "identified_at",
        "received_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
