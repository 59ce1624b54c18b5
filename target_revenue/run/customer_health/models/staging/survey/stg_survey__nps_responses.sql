
  
  create view "wh_revenue"."staging"."stg_survey__nps_responses__dbt_tmp" as (
    with

base as (
    select * from "wh_revenue"."staging"."base_survey__nps_responses"
),

kept as (
    select
        "response_id",
        "account_ref_raw",
        "account_ref",
        "email",
        "nps_score",
        "nps_comment",
        "responded_at",
        "loaded_at",
        "nps_category"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept
  );
