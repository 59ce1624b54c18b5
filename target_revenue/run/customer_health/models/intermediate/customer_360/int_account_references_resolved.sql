
  
  create view "wh_revenue"."intermediate"."int_account_references_resolved__dbt_tmp" as (
    with

crm_accounts as (
    select * from "wh_revenue"."staging"."stg_crm__accounts"
),

references_by_source as (
    
        select
            'product.tracks' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from "wh_revenue"."staging"."stg_product__tracks"
        group by account_ref_raw, account_ref
        union all
    
        select
            'product.identifies' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from "wh_revenue"."staging"."stg_product__identifies"
        group by account_ref_raw, account_ref
        union all
    
        select
            'support.organizations' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from "wh_revenue"."staging"."stg_support__organizations"
        group by account_ref_raw, account_ref
        union all
    
        select
            'survey.nps_responses' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from "wh_revenue"."staging"."stg_survey__nps_responses"
        group by account_ref_raw, account_ref
        union all
    
        select
            'billing.customers' as source_table,
            account_ref_raw,
            account_ref,
            count(*) as row_count
        from "wh_revenue"."staging"."stg_billing__customers"
        group by account_ref_raw, account_ref
        
    
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
  );
