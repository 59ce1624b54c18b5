with

base as (
    select * from "wh_revenue"."staging"."base_crm__accounts"
),

kept as (
    select
        "account_id",
        "account_id_raw",
        "parent_account_id",
        "owner_user_id",
        "account_name",
        "account_type",
        "segment",
        "industry",
        "billing_country",
        "employee_count",
        "is_test_account",
        "is_deleted",
        "created_at",
        "modified_at",
        "loaded_at"
    from base
    where dq_reason is null and dq_row_number = 1
)

select * from kept