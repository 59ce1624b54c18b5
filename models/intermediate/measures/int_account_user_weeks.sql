{#- One row per real account per product user per ISO week with activity: active days, events and
    key-workflow events. The weekly base of every usage measure: int_product_user_weeks (by account
    reference, incremental) resolved to accounts each run, so an identity change reaches every week.
    A user active under two references of one account on the same day counts that day once (the
    references' weekday masks are or-ed). -#}
with

reference_user_weeks as (
    select * from {{ ref('int_product_user_weeks') }}
),

track_accounts as (
    select * from {{ ref('int_account_references_resolved') }}
    where is_matched and source_table = 'product.tracks'
),

final as (
    select
        track_accounts.account_id,
        reference_user_weeks.user_id,
        reference_user_weeks.week_start_date,
        cast(bit_count(bit_or(reference_user_weeks.active_weekday_mask)) as {{ dbt.type_bigint() }})
            as active_days,
        sum(reference_user_weeks.event_count) as event_count,
        sum(reference_user_weeks.key_workflow_event_count) as key_workflow_event_count,
        max(reference_user_weeks.last_active_date) as last_active_date
    from reference_user_weeks
    inner join track_accounts
        on reference_user_weeks.account_ref_raw = track_accounts.account_ref_raw
    group by
        track_accounts.account_id,
        reference_user_weeks.user_id,
        reference_user_weeks.week_start_date
)

select * from final
