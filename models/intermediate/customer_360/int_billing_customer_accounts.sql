{#- One row per Stripe customer whose metadata account id names a live, real CRM account: the
    customer and its account. Deleted customers stay (their billing history was real while it lasted). -#}
with

customers as (
    select * from {{ ref('stg_billing__customers') }}
),

account_references as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'billing.customers'
),

final as (
    select
        customers.customer_id,
        account_references.account_id,
        account_references.match_status,
        customers.is_deleted
    from customers
    inner join account_references
        on customers.account_ref_raw = account_references.account_ref_raw
)

select * from final
