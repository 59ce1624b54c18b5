{#- One row per real customer account (not soft-deleted, not an internal or test tenant) with its
    CRM attributes and the billing, support and product records linked to it, each with a match status. -#}
with

crm_accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

crm_users as (
    select * from {{ ref('stg_crm__users') }}
),

account_references as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched
),

billing_customer_accounts as (
    select * from {{ ref('int_billing_customer_accounts') }}
    where not is_deleted
),

support_organizations as (
    select * from {{ ref('stg_support__organizations') }}
),

product_users as (
    select * from {{ ref('stg_product__identifies') }}
),

real_accounts as (
    select * from crm_accounts
    where not is_deleted and not is_test_account
),

-- 'matched' sorts before 'matched_normalized': an account linked exactly at least once is 'matched'
billing_links as (
    select
        account_id,
        {{ dbt.listagg('customer_id', "', '", 'order by customer_id') }} as billing_customer_ids,
        count(distinct customer_id) as billing_customer_count,
        min(match_status) as billing_match_status
    from billing_customer_accounts
    group by account_id
),

support_links as (
    select
        account_references.account_id,
        min(support_organizations.organization_id) as support_organization_id,
        count(distinct support_organizations.organization_id) as support_organization_count,
        min(account_references.match_status) as support_match_status
    from support_organizations
    inner join account_references
        on
            account_references.source_table = 'support.organizations'
            and support_organizations.account_ref_raw = account_references.account_ref_raw
    group by account_references.account_id
),

product_links as (
    select
        account_id,
        min(match_status) as product_match_status
    from account_references
    where source_table in ('product.tracks', 'product.identifies')
    group by account_id
),

product_user_counts as (
    select
        account_references.account_id,
        count(distinct product_users.user_id) as product_user_count
    from product_users
    inner join account_references
        on
            account_references.source_table = 'product.identifies'
            and product_users.account_ref_raw = account_references.account_ref_raw
    group by account_references.account_id
),

final as (
    select
        -- keys
        real_accounts.account_id,
        real_accounts.parent_account_id,
        real_accounts.owner_user_id as csm_user_id,
        billing_links.billing_customer_ids,
        support_links.support_organization_id,
        case when product_links.account_id is not null then real_accounts.account_id end
            as product_group_id,
        -- attributes
        real_accounts.account_name,
        coalesce(real_accounts.segment, 'Unknown') as segment,
        real_accounts.industry,
        real_accounts.billing_country,
        crm_users.user_name as csm_name,
        coalesce(billing_links.billing_match_status, 'not_linked') as billing_match_status,
        coalesce(support_links.support_match_status, 'not_linked') as support_match_status,
        coalesce(product_links.product_match_status, 'not_linked') as product_match_status,
        -- measures
        real_accounts.employee_count,
        coalesce(billing_links.billing_customer_count, 0) as billing_customer_count,
        coalesce(support_links.support_organization_count, 0) as support_organization_count,
        coalesce(product_user_counts.product_user_count, 0) as product_user_count,
        -- dates
        cast(real_accounts.created_at as date) as created_date
    from real_accounts
    left join crm_users
        on real_accounts.owner_user_id = crm_users.user_id
    left join billing_links
        on real_accounts.account_id = billing_links.account_id
    left join support_links
        on real_accounts.account_id = support_links.account_id
    left join product_links
        on real_accounts.account_id = product_links.account_id
    left join product_user_counts
        on real_accounts.account_id = product_user_counts.account_id
)

select * from final
