{#- One row per source table per distinct raw account reference, matched to the CRM account it
    names. References match on upper(trim(id)); unmatched ones are quarantined downstream. -#}
{%- set referencing = raw_tables() | selectattr('has_account_ref') | list -%}

with

crm_accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

references_by_source as (
    {% for t in referencing %}
        select
            '{{ t.source_table }}' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from {{ ref(t.stg_model) }}
        group by account_ref_raw, account_ref
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

resolved as (
    select
        references_by_source.source_table,
        references_by_source.account_ref_raw,
        references_by_source.account_ref,
        crm_accounts.account_id,
        references_by_source.row_count,
        case
            when references_by_source.account_ref is null then 'missing_reference'
            when crm_accounts.account_id is null then 'unknown_account'
            when crm_accounts.is_deleted then 'deleted_account'
            when crm_accounts.is_test_account then 'test_account'
            when references_by_source.account_ref_raw = crm_accounts.account_id_raw then 'matched'
            else 'matched_normalized'
        end as match_status
    from references_by_source
    left join crm_accounts
        on references_by_source.account_ref = crm_accounts.account_id
),

final as (
    select
        *,
        match_status in ('matched', 'matched_normalized') as is_matched
    from resolved
)

select * from final
