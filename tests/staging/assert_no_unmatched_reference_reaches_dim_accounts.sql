-- Identity resolution: every account in dim_accounts is a live, real CRM account, and every
-- reference quarantined as unknown, test or deleted names no account of dim_accounts.
with

dim_accounts as (
    select * from {{ ref('dim_accounts') }}
),

crm_accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

account_references as (
    select * from {{ ref('int_account_references_resolved') }}
),

not_real as (
    select dim_accounts.account_id
    from dim_accounts
    inner join crm_accounts
        on dim_accounts.account_id = crm_accounts.account_id
    where crm_accounts.is_deleted or crm_accounts.is_test_account
),

unmatched_in_dim as (
    select account_references.account_id
    from account_references
    inner join dim_accounts
        on account_references.account_ref = dim_accounts.account_id
    where not account_references.is_matched
)

select account_id from not_real
union all
select account_id from unmatched_in_dim
