{#- One row per real account per product user per ISO week with activity: active days, events and
    key-workflow events. The weekly base of every usage measure: int_product_user_weeks (by account
    reference) resolved to accounts. A user active under two references of one account on the same
    day counts that day once (the references' weekday masks are or-ed).
    Incremental by ISO week on a hash of its inputs: a week's rows are made only of that week's
    int_product_user_weeks rows and the account each of their references resolves to, so a run
    hashes those per week (macro sum_of_row_hashes) and rebuilds the weeks whose hash differs from
    the stored one - new or late events, and an identity change, reach every week they touch; a
    week with no row left is deleted (macros delete_vanished_weeks, resolved_product_weeks).
    `dbt build --full-refresh` rebuilds every week. -#}
{{ config(
    pre_hook="{{ delete_vanished_weeks(resolved_product_weeks(ref('int_product_user_weeks'))) }}",
    **incremental_by_period()
) }}

with

reference_user_weeks as {{ inlined() }} (
    select * from {{ ref('int_product_user_weeks') }}
),

track_accounts as (
    {{ matched_track_references() }}
),

-- every input row of a week: a reference's user week and the account the reference resolves to
resolved_rows as {{ inlined() }} (
    select
        track_accounts.account_id,
        reference_user_weeks.account_ref_raw,
        reference_user_weeks.user_id,
        reference_user_weeks.week_start_date,
        reference_user_weeks.active_weekday_mask,
        reference_user_weeks.event_count,
        reference_user_weeks.key_workflow_event_count,
        reference_user_weeks.last_active_date
    from reference_user_weeks
    inner join track_accounts
        on reference_user_weeks.account_ref_raw = track_accounts.account_ref_raw
),

{{ weekly_input_hashes('resolved_rows') }}

final as (
    select
        resolved_rows.account_id,
        resolved_rows.user_id,
        resolved_rows.week_start_date,
        cast(bit_count(bit_or(resolved_rows.active_weekday_mask)) as {{ dbt.type_bigint() }})
            as active_days,
        sum(resolved_rows.event_count) as event_count,
        sum(resolved_rows.key_workflow_event_count) as key_workflow_event_count,
        max(resolved_rows.last_active_date) as last_active_date,
        max(week_hashes.input_hash) as input_hash,
        '{{ invocation_id }}' as dbt_invocation_id
    from resolved_rows
    inner join rebuilt_week_hashes as week_hashes
        on resolved_rows.week_start_date = week_hashes.week_start_date
    group by
        resolved_rows.account_id,
        resolved_rows.user_id,
        resolved_rows.week_start_date
)

select * from final
