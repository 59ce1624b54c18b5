
  
  create view "wh_revenue"."staging"."stg_product__tracks__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_product__tracks"
),

kept as (
    select
        "track_id",
        "user_id",
        "anonymous_id",
        "account_ref_raw",
        "account_ref",
        "event_name",
        "event_text",
        "event_at",
        "sent_at",
        "received_at",
        "loaded_at",
        "is_late_arriving"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
