with

base as (
    select * from "wh_revenue"."staging"."base_crm__users"
),

kept as (
    select
        "user_id",
        "user_name",
        "email",
        "user_role",
        "is_active",
        "created_at",
        "modified_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept