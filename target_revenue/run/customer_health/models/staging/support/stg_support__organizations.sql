
  
  create view "wh_revenue"."staging"."stg_support__organizations__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_support__organizations"
),

kept as (
    select
        "organization_id",
        "account_ref_raw",
        "account_ref",
        "organization_name",
        "created_at",
        "updated_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
