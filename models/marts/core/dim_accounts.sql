with

accounts as (
    select * from {{ ref('int_accounts_resolved') }}
),

-- the CRM id as the CRM holds it, beside its matching form (int_accounts_resolved lacks it)
crm_accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

account_health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

account_months as (
    select * from {{ ref('int_mrr_by_account_month') }}
),

latest_health as (
    select
        *,
        row_number() over (partition by account_id order by week_start_date desc) as recency
    from account_health
),

-- the cohort is the month of the first MRR; accounts already paying when the billing history
-- begins have no observed first month and join no cohort (as in fct_cohort_retention)
cohorts as (
    select distinct
        account_id,
        first_mrr_month_date as cohort_month_date
    from account_months
    where not has_mrr_before_history
),

final as (
    select
        -- keys
        accounts.account_id,
        crm_accounts.account_id_raw,
        accounts.parent_account_id,
        accounts.csm_user_id,
        accounts.billing_customer_ids,
        accounts.support_organization_id,
        accounts.product_group_id,
        -- attributes
        accounts.account_name,
        accounts.segment,
        accounts.industry,
        accounts.billing_country,
        accounts.csm_name,
        accounts.billing_match_status,
        accounts.support_match_status,
        accounts.product_match_status,
        latest_health.lifecycle_stage,
        latest_health.tier as current_tier,
        latest_health.colour as current_colour,
        latest_health.driver_1_measure as current_driver_1_measure,
        latest_health.driver_2_measure as current_driver_2_measure,
        latest_health.driver_3_measure as current_driver_3_measure,
        -- measures
        accounts.employee_count,
        accounts.billing_customer_count,
        accounts.support_organization_count,
        accounts.product_user_count,
        latest_health.health_score as current_health_score,
        latest_health.health_change_4w as current_health_change_4w,
        latest_health.arr as current_arr,
        -- dates
        accounts.created_date,
        cohorts.cohort_month_date,
        latest_health.week_start_date as current_health_week_start_date
    from accounts
    inner join crm_accounts
        on accounts.account_id = crm_accounts.account_id
    left join latest_health
        on
            accounts.account_id = latest_health.account_id
            and latest_health.recency = 1
    left join cohorts
        on accounts.account_id = cohorts.account_id
)

select * from final
